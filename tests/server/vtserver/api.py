"""The /api/v1 endpoints of docs/api.md.

Each handler takes (ctx, req, **path_groups) and returns (status, object)
or a Response; it raises ApiError for every refusal.  ctx is the Server
(store, verifier, users cache...), req the parsed request with req.user
set when authenticated.
"""

import base64
import binascii
import datetime
import hashlib
import hmac
import json
import re
import secrets

from . import drafts as draftmod, outgoing, signcheck
from .store import (DRAFT_STATES, INCOMING_STATUSES, TYPE_NAMES, fold,
                    hash_password, iso_time, nfc, now, today_vn)


class ApiError(Exception):
    """An error answer: HTTP status, stable code, message, field."""

    def __init__(self, status, code, message, field=None, headers=None,
                 extra=None):
        super().__init__(message)
        self.extra = extra or {}
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers or []


def bad(field, message):
    return ApiError(400, "invalid_request", message, field)


def not_found(what="đối tượng"):
    return ApiError(404, "not_found", "Không tìm thấy " + what)


def forbidden(message):
    return ApiError(403, "forbidden", message)


def invalid_state(message):
    return ApiError(409, "invalid_state", message)


# -- request helpers ----------------------------------------------------

def json_body(req, required=True):
    """The request body as a JSON object ({} when empty and optional)."""
    if not req.body:
        if required:
            raise ApiError(400, "invalid_json", "Thiếu nội dung JSON")
        return {}
    try:
        obj = json.loads(req.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ApiError(400, "invalid_json", "Nội dung không phải JSON hợp lệ")
    if not isinstance(obj, dict):
        raise ApiError(400, "invalid_json", "Nội dung JSON phải là một object")
    return obj


def text_field(obj, name, required, max_len, min_len=1):
    """A string field, NFC-normalised and stripped; None when absent."""
    value = obj.get(name)
    if value is None:
        if required:
            raise bad(name, "Thiếu trường %s" % name)
        return None
    if not isinstance(value, str):
        raise bad(name, "%s phải là chuỗi" % name)
    value = nfc(value).strip()
    if len(value) < min_len and (required or value):
        raise bad(name, "%s không được để trống" % name)
    if len(value) > max_len:
        raise bad(name, "%s dài quá %d ký tự" % (name, max_len))
    return value


def date_field(value, name):
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}",
                                                      value):
        raise bad(name, "%s phải có dạng YYYY-MM-DD" % name)
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise bad(name, "%s không phải ngày hợp lệ" % name)
    return value


def query_one(req, name):
    values = req.query.get(name)
    return values[-1] if values else None


def bool_param(req, name):
    value = query_one(req, name)
    if value is None:
        return None
    if value in ("true", "1"):
        return True
    if value in ("false", "0"):
        return False
    raise bad(name, "%s phải là true hoặc false" % name)


# The largest page (docs/api.md section 1); refserver --page-max sets it
# (200 plays a server of an older API version).
PAGE_MAX = 1000


def limit_param(req):
    value = query_one(req, "limit")
    if value is None:
        return 50
    if not value.isdigit() or not 1 <= int(value) <= PAGE_MAX:
        raise bad("limit", "limit phải từ 1 đến %d" % PAGE_MAX)
    return int(value)


# A whole list in one streamed answer (docs/api.md section 1) for a
# client that accepts application/x-ndjson; refserver --no-stream plays
# an older server that only pages.
STREAM = True
STREAM_TYPE = "application/x-ndjson"


class Stream:
    """A list answered as lines of JSON, produced as they are sent."""

    content_type = STREAM_TYPE + "; charset=utf-8"

    def __init__(self, chunks):
        self.chunks = chunks


def wants_stream(req):
    """Whether the client takes application/x-ndjson (q > 0)."""
    if not STREAM or getattr(req, "no_stream", False):
        return False
    for item in req.headers.get("Accept", "").split(","):
        parts = [p.strip() for p in item.split(";")]
        if parts[0].lower() != STREAM_TYPE:
            continue
        q = 1.0
        for p in parts[1:]:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        return q > 0
    return False


def stream_lines(ctx, sql, params, head, summary):
    """The lines of a streamed list: HEAD ("total", "sync_token"), one
    item per line (SUMMARY of each row of SQL), then {"end": true,
    "count": N}.  Rows are read in batches on a connection of their own
    (the request's is closed before the answer is written)."""
    def dump(obj):
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))

    yield (dump(head) + "\n").encode()
    n = 0
    try:
        cur = ctx.store.conn().execute(sql, params)
        while True:
            rows = cur.fetchmany(500)
            if not rows:
                break
            n += len(rows)
            yield "".join(dump(summary(r)) + "\n" for r in rows).encode()
    finally:
        ctx.store.close_thread()
    yield (dump({"end": True, "count": n}) + "\n").encode()


def encode_cursor(sort, key, ident):
    raw = json.dumps({"s": sort, "k": key, "i": ident},
                     separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(value, sort):
    try:
        pad = "=" * (-len(value) % 4)
        obj = json.loads(base64.urlsafe_b64decode(value + pad))
        if obj["s"] != sort or not isinstance(obj["i"], int):
            raise ValueError
        return obj["k"], obj["i"]
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise ApiError(400, "invalid_cursor",
                       "cursor hỏng hoặc thuộc cách sắp xếp khác", "cursor")


def parse_id(value, prefix):
    """'i42' → 42; anything else is not found."""
    if not value.startswith(prefix) or not value[1:].isdigit():
        raise not_found()
    return int(value[1:])


# -- shared object builders ---------------------------------------------

def person(ctx, user_id):
    u = ctx.users_by_id.get(user_id)
    if u is None:
        return None
    return {"username": u["username"], "full_name": u["full_name"]}


def user_object(u):
    return {"username": u["username"], "full_name": u["full_name"],
            "role": u["role"], "position": u["position"]}


def sync_token(ctx):
    return "s.%d" % ctx.store.current_seq()


# -- authentication -------------------------------------------------------

def login(ctx, req):
    body = json_body(req)
    username = text_field(body, "username", True, 100)
    password = body.get("password")
    if not isinstance(password, str) or not password:
        raise bad("password", "Thiếu mật khẩu")
    row = ctx.store.conn().execute(
        "SELECT * FROM users WHERE username=?", (username,)).fetchone()
    ok = False
    if row is not None:
        ok = hmac.compare_digest(hash_password(password, row["pw_salt"]),
                                 row["pw_hash"])
    if not ok:
        raise ApiError(401, "invalid_credentials",
                       "Sai tên đăng nhập hoặc mật khẩu")
    token = secrets.token_urlsafe(32)
    expires = now() + ctx.token_ttl
    with ctx.store.write() as c:
        c.execute("INSERT INTO tokens(hash, user_id, created_at, expires_at) "
                  "VALUES(?,?,?,?)", (hashlib.sha256(token.encode())
                                      .hexdigest(), row["id"], now(),
                                      expires))
    return 200, {"token": token, "expires_at": iso_time(expires),
                 "user": user_object(ctx.users_by_id[row["id"]])}


def authenticate(ctx, req):
    """Set req.user from the bearer token or raise 401."""
    header = req.headers.get("Authorization", "")
    m = re.fullmatch(r"Bearer\s+(\S+)", header.strip())
    if not m:
        raise ApiError(401, "unauthorized", "Chưa đăng nhập")
    digest = hashlib.sha256(m.group(1).encode()).hexdigest()
    row = ctx.store.conn().execute(
        "SELECT * FROM tokens WHERE hash=?", (digest,)).fetchone()
    if row is None or row["revoked"]:
        raise ApiError(401, "unauthorized", "Phiên đăng nhập không hợp lệ")
    if row["expires_at"] <= now():
        raise ApiError(401, "token_expired",
                       "Phiên đăng nhập đã hết hạn, hãy đăng nhập lại")
    req.user = ctx.users_by_id[row["user_id"]]
    req.token_hash = digest
    req.token_expires = row["expires_at"]


def logout(ctx, req):
    with ctx.store.write() as c:
        c.execute("UPDATE tokens SET revoked=1 WHERE hash=?",
                  (req.token_hash,))
    return 204, None


def me(ctx, req):
    return 200, {"user": user_object(req.user),
                 "organization": outgoing.organization_of(ctx, req.user),
                 "expires_at": iso_time(req.token_expires)}


def users(ctx, req):
    order = {"leader": 0, "clerk": 1, "specialist": 2}
    organ = outgoing.organ_key(req.user)
    items = sorted((u for u in ctx.users_by_id.values()
                    if outgoing.organ_key(u) == organ),
                   key=lambda u: (order.get(u["role"], 9),
                                  fold(u["full_name"].split()[-1]),
                                  fold(u["full_name"])))
    return 200, {"items": [user_object(u) for u in items]}


# -- incoming documents -------------------------------------------------------

SUMMARY_SQL = """
SELECT i.*,
  EXISTS (SELECT 1 FROM reads r WHERE r.user_id=:uid
          AND r.incoming_id=i.id) AS is_read,
  (EXISTS (SELECT 1 FROM assignments a WHERE a.incoming_id=i.id
           AND a.user_id=:uid)
   OR EXISTS (SELECT 1 FROM forwards f WHERE f.incoming_id=i.id
              AND f.user_id=:uid)) AS is_mine,
  (SELECT COUNT(*) FROM attachments t WHERE t.owner_kind='incoming'
   AND t.owner_id=i.id) AS att_count
"""

SORTS = {
    "arrival_date": ("i.arrival_date", "i.arrival_date"),
    "issued_date": ("COALESCE(i.issued_date, '')",
                    "COALESCE(i.issued_date, '')"),
    "urgency": ("i.urgency", "i.urgency"),
    "due_date": ("COALESCE(i.due_date, '9999-12-31')",
                 "COALESCE(i.due_date, '0000-00-00')"),
}


def incoming_summary(row):
    code_number = row["code_number"] or ""
    number_notation = ("%s/%s" % (code_number, row["code_notation"])
                       if code_number else row["code_notation"])
    return {
        "id": "i%d" % row["id"],
        "code_number": code_number,
        "code_notation": row["code_notation"],
        "number_notation": number_notation,
        "type_code": row["type_code"],
        "type_name": TYPE_NAMES.get(row["type_code"], row["type_code"]),
        "issued_date": row["issued_date"],
        "promulgation_place": row["promulgation_place"],
        "organ": {"organ_id": row["organ_id"],
                  "organ_name": row["organ_name"]},
        "subject": row["subject"],
        "signer": {"competence": row["signer_competence"] or "",
                   "position": row["signer_position"] or "",
                   "full_name": row["signer_name"] or ""},
        "urgency": row["urgency"],
        "due_date": row["due_date"],
        "arrival_number": row["arrival_number"],
        "arrival_date": row["arrival_date"],
        "page_amount": row["page_amount"],
        "status": row["status"],
        "read": bool(row["is_read"]),
        "mine": bool(row["is_mine"]),
        "attachment_count": row["att_count"],
        "updated_at": iso_time(row["updated_at"]),
    }


def list_incoming(ctx, req):
    uid = req.user["id"]
    token = sync_token(ctx)
    # Each organ sees its own documents (outgoing.py).
    where = ["COALESCE(i.organ_owner, '') = :organ"]
    params = {"uid": uid, "organ": outgoing.organ_key(req.user)}
    unread = bool_param(req, "unread")
    if unread is not None:
        where.append(("NOT " if unread else "") +
                     "EXISTS (SELECT 1 FROM reads r WHERE r.user_id=:uid "
                     "AND r.incoming_id=i.id)")
    status = query_one(req, "status")
    if status:
        codes = status.split(",")
        if any(c not in INCOMING_STATUSES for c in codes):
            raise bad("status", "Mã trạng thái không hợp lệ")
        names = []
        for n, code in enumerate(codes):
            params["st%d" % n] = code
            names.append(":st%d" % n)
        where.append("i.status IN (%s)" % ",".join(names))
    due_before = date_field(query_one(req, "due_before"), "due_before")
    if due_before:
        where.append("i.due_date IS NOT NULL AND i.due_date < :due_before")
        params["due_before"] = due_before
    if bool_param(req, "mine"):
        where.append("(EXISTS (SELECT 1 FROM assignments a WHERE "
                     "a.incoming_id=i.id AND a.user_id=:uid) OR EXISTS "
                     "(SELECT 1 FROM forwards f WHERE f.incoming_id=i.id "
                     "AND f.user_id=:uid))")
    type_code = query_one(req, "type_code")
    if type_code is not None:
        params["type_code"] = "" if type_code == "CV" else nfc(type_code)
        where.append("i.type_code = :type_code")
    urgency_min = query_one(req, "urgency_min")
    if urgency_min is not None:
        if urgency_min not in ("0", "1", "2", "3", "4"):
            raise bad("urgency_min", "urgency_min phải từ 0 đến 4")
        where.append("i.urgency >= :urgency_min")
        params["urgency_min"] = int(urgency_min)
    q = query_one(req, "q")
    if q:
        for n, word in enumerate(fold(nfc(q)).split()[:10]):
            word = (word.replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_"))
            params["q%d" % n] = "%" + word + "%"
            where.append("i.fold LIKE :q%d ESCAPE '\\'" % n)
    sort = query_one(req, "sort") or "-arrival_date"
    desc = sort.startswith("-")
    key_name = sort.lstrip("-")
    if key_name not in SORTS:
        raise bad("sort", "Không sắp xếp được theo %s" % key_name)
    expr = SORTS[key_name][1 if desc else 0]
    limit = limit_param(req)
    filters = " AND ".join(where) if where else "1"
    conn = ctx.store.conn()
    total = conn.execute("SELECT COUNT(*) FROM incoming i WHERE " + filters,
                         params).fetchone()[0]
    cursor = query_one(req, "cursor")
    if cursor is None and wants_stream(req):
        direction = "DESC" if desc else "ASC"
        sql = (SUMMARY_SQL + " FROM incoming i WHERE %s ORDER BY %s %s, "
               "i.id %s" % (filters, expr, direction, direction))
        return 200, Stream(stream_lines(
            ctx, sql, params, {"total": total, "sync_token": token},
            incoming_summary))
    page_where = filters
    if cursor:
        key, last_id = decode_cursor(cursor, sort)
        params["ck"], params["ci"] = key, last_id
        page_where += " AND (%s, i.id) %s (:ck, :ci)" % (expr,
                                                         "<" if desc else ">")
    direction = "DESC" if desc else "ASC"
    rows = conn.execute(
        SUMMARY_SQL + ", %s AS sortkey FROM incoming i WHERE %s "
        "ORDER BY %s %s, i.id %s LIMIT %d" % (expr, page_where, expr,
                                             direction, direction, limit + 1),
        params).fetchall()
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(sort, rows[-1]["sortkey"], rows[-1]["id"])
    return 200, {"items": [incoming_summary(r) for r in rows],
                 "next_cursor": next_cursor, "total": total,
                 "sync_token": token}


def load_incoming(ctx, req, ident):
    doc_id = parse_id(ident, "i")
    row = ctx.store.conn().execute(
        SUMMARY_SQL + " FROM incoming i WHERE i.id=:id AND "
        "COALESCE(i.organ_owner, '') = :organ",
        {"uid": req.user["id"], "id": doc_id,
         "organ": outgoing.organ_key(req.user)}).fetchone()
    if row is None:
        raise not_found("văn bản")
    return row


def attachment_object(row):
    return {"id": "a%d" % row["id"], "filename": row["filename"],
            "content_type": "application/pdf", "size": row["size"],
            "sha256": row["sha256"], "url": "/api/v1/attachments/a%d" %
            row["id"]}


def incoming_detail(ctx, req, doc_id):
    row = load_incoming(ctx, req, "i%d" % doc_id)
    conn = ctx.store.conn()
    out = incoming_summary(row)
    out["recipients"] = json.loads(row["recipients"])
    out["attachments"] = [attachment_object(a) for a in conn.execute(
        "SELECT t.id, t.filename, t.sha256, f.size FROM attachments t "
        "JOIN files f ON f.sha256=t.sha256 WHERE t.owner_kind='incoming' "
        "AND t.owner_id=? ORDER BY t.id", (doc_id,))]
    out["assignments"] = [{
        "user": person(ctx, a["user_id"]), "role": a["role"],
        "due_date": a["due_date"], "note": a["note"] or "",
        "assigned_by": person(ctx, a["assigned_by"]),
        "assigned_at": iso_time(a["assigned_at"])}
        for a in conn.execute("SELECT * FROM assignments WHERE incoming_id=? "
                              "ORDER BY rowid", (doc_id,))]
    out["history"] = history(ctx, "incoming", doc_id)
    out["comments"] = [{
        "id": "c%d" % c["id"], "author": person(ctx, c["author_id"]),
        "text": c["text"], "created_at": iso_time(c["created_at"])}
        for c in conn.execute("SELECT * FROM comments WHERE incoming_id=? "
                              "ORDER BY id", (doc_id,))]
    return out


def history(ctx, kind, owner):
    items = []
    for h in ctx.store.conn().execute(
            "SELECT * FROM history WHERE owner_kind=? AND owner_id=? "
            "ORDER BY at, id", (kind, owner)):
        item = {"at": iso_time(h["at"]), "action": h["action"],
                "actor": person(ctx, h["actor_id"]), "note": h["note"] or ""}
        if kind == "incoming":
            item["status"] = h["status"]
        else:
            item["version_id"] = ("v%d" % h["version_id"]
                                  if h["version_id"] else None)
        items.append(item)
    return items


def get_incoming(ctx, req, ident):
    return 200, incoming_detail(ctx, req, parse_id(ident, "i"))


def touch_incoming(c, ctx, doc_id, status=None):
    """Give the document a new change number (and status)."""
    seq = ctx.store.next_seq()
    if status:
        c.execute("UPDATE incoming SET seq=?, updated_at=?, status=? "
                  "WHERE id=?", (seq, now(), status, doc_id))
    else:
        c.execute("UPDATE incoming SET seq=?, updated_at=? WHERE id=?",
                  (seq, now(), doc_id))


def add_history(c, kind, owner, action, actor, note=None, status=None,
                version=None):
    c.execute("INSERT INTO history(owner_kind, owner_id, at, action, status, "
              "actor_id, note, version_id) VALUES(?,?,?,?,?,?,?,?)",
              (kind, owner, now(), action, status, actor, note, version))


def mark_read(ctx, req, ident):
    row = load_incoming(ctx, req, ident)
    body = json_body(req, required=False)
    read = body.get("read", True)
    if not isinstance(read, bool):
        raise bad("read", "read phải là true hoặc false")
    with ctx.store.write() as c:
        if read:
            c.execute("INSERT OR IGNORE INTO reads VALUES(?,?)",
                      (req.user["id"], row["id"]))
        else:
            c.execute("DELETE FROM reads WHERE user_id=? AND incoming_id=?",
                      (req.user["id"], row["id"]))
        c.execute("UPDATE incoming SET seq=? WHERE id=?",
                  (ctx.store.next_seq(), row["id"]))
    return 200, {"id": "i%d" % row["id"], "read": read}


def comment(ctx, req, ident):
    row = load_incoming(ctx, req, ident)
    body = json_body(req)
    text = text_field(body, "text", True, 4000)
    uid = req.user["id"]
    with ctx.store.write() as c:
        at = now()
        cid = c.execute("INSERT INTO comments(incoming_id, author_id, text, "
                        "created_at) VALUES(?,?,?,?)",
                        (row["id"], uid, text, at)).lastrowid
        new_status = None
        if row["status"] == "04" and c.execute(
                "SELECT 1 FROM assignments WHERE incoming_id=? AND user_id=? "
                "AND role='lead'", (row["id"], uid)).fetchone():
            new_status = "05"
            add_history(c, "incoming", row["id"], "in_progress", uid,
                        None, "05")
        add_history(c, "incoming", row["id"], "commented", uid, text,
                    new_status or row["status"])
        touch_incoming(c, ctx, row["id"], new_status)
    return 201, {"id": "c%d" % cid, "author": person(ctx, uid),
                 "text": text, "created_at": iso_time(at)}


def open_for_action(row):
    if row["status"] in ("02", "06"):
        raise invalid_state("Văn bản đã %s" % (
            "trả lại" if row["status"] == "02" else "hoàn thành"))


def assign(ctx, req, ident):
    row = load_incoming(ctx, req, ident)
    if req.user["role"] != "leader":
        raise forbidden("Chỉ lãnh đạo được phân công xử lý")
    body = json_body(req)
    items = body.get("assignments")
    if not isinstance(items, list) or not items:
        raise bad("assignments", "Cần ít nhất một người được phân công")
    seen, leads, resolved = set(), 0, []
    for item in items:
        if not isinstance(item, dict):
            raise bad("assignments", "Mỗi phân công phải là một object")
        user = ctx.users_by_name.get(item.get("username"))
        if user is None:
            raise bad("assignments", "Không có người dùng %r" %
                      item.get("username"))
        role = item.get("role")
        if role not in ("lead", "cooperate", "inform"):
            raise bad("assignments", "role phải là lead, cooperate hoặc "
                      "inform")
        if user["id"] in seen:
            raise bad("assignments", "Mỗi người chỉ được phân công một lần")
        seen.add(user["id"])
        leads += role == "lead"
        resolved.append((user, role))
    if leads > 1:
        raise bad("assignments", "Chỉ một người chủ trì")
    due = date_field(body.get("due_date"), "due_date")
    note = text_field(body, "note", False, 2000) or ""
    open_for_action(row)
    uid = req.user["id"]
    with ctx.store.write() as c:
        c.execute("DELETE FROM assignments WHERE incoming_id=?", (row["id"],))
        at = now()
        for user, role in resolved:
            c.execute("INSERT INTO assignments(incoming_id, user_id, role, "
                      "due_date, note, assigned_by, assigned_at) "
                      "VALUES(?,?,?,?,?,?,?)",
                      (row["id"], user["id"], role, due, note, uid, at))
        if due:
            c.execute("UPDATE incoming SET due_date=? WHERE id=?",
                      (due, row["id"]))
        names = ", ".join("%s (%s)" % (u["full_name"], {
            "lead": "chủ trì", "cooperate": "phối hợp",
            "inform": "để biết"}[r]) for u, r in resolved)
        add_history(c, "incoming", row["id"], "assigned", uid,
                    (note + " — " if note else "") + names, "04")
        touch_incoming(c, ctx, row["id"], "04")
    return 200, incoming_detail(ctx, req, row["id"])


def forward(ctx, req, ident):
    row = load_incoming(ctx, req, ident)
    body = json_body(req)
    to = body.get("to")
    if not isinstance(to, list) or not to:
        raise bad("to", "Cần ít nhất một người nhận")
    targets = []
    for name in to:
        user = ctx.users_by_name.get(name)
        if user is None:
            raise bad("to", "Không có người dùng %r" % (name,))
        targets.append(user)
    note = text_field(body, "note", False, 2000) or ""
    open_for_action(row)
    uid = req.user["id"]
    with ctx.store.write() as c:
        for user in targets:
            c.execute("INSERT OR IGNORE INTO forwards VALUES(?,?)",
                      (row["id"], user["id"]))
        add_history(c, "incoming", row["id"], "forwarded", uid,
                    (note + " — " if note else "") + "Chuyển: " +
                    ", ".join(u["full_name"] for u in targets),
                    row["status"])
        touch_incoming(c, ctx, row["id"])
    return 200, incoming_detail(ctx, req, row["id"])


def complete(ctx, req, ident):
    row = load_incoming(ctx, req, ident)
    body = json_body(req, required=False)
    note = text_field(body, "note", False, 2000) or ""
    uid = req.user["id"]
    is_lead = ctx.store.conn().execute(
        "SELECT 1 FROM assignments WHERE incoming_id=? AND user_id=? AND "
        "role='lead'", (row["id"], uid)).fetchone()
    if not is_lead and req.user["role"] != "leader":
        raise forbidden("Chỉ người chủ trì hoặc lãnh đạo được hoàn thành")
    open_for_action(row)
    with ctx.store.write() as c:
        add_history(c, "incoming", row["id"], "completed", uid, note, "06")
        touch_incoming(c, ctx, row["id"], "06")
    return 200, incoming_detail(ctx, req, row["id"])


def return_incoming(ctx, req, ident):
    row = load_incoming(ctx, req, ident)
    body = json_body(req)
    reason = text_field(body, "reason", True, 2000)
    if req.user["role"] not in ("clerk", "leader"):
        raise forbidden("Chỉ văn thư hoặc lãnh đạo được trả lại văn bản")
    open_for_action(row)
    uid = req.user["id"]
    with ctx.store.write() as c:
        add_history(c, "incoming", row["id"], "returned", uid, reason, "02")
        touch_incoming(c, ctx, row["id"], "02")
    return 200, incoming_detail(ctx, req, row["id"])


# -- attachments ------------------------------------------------------------

def attachment_row(ctx, req, ident):
    """The attachment (joined with its file) if the user may see it."""
    att_id = parse_id(ident, "a")
    row = ctx.store.conn().execute(
        "SELECT t.*, f.size FROM attachments t JOIN files f "
        "ON f.sha256=t.sha256 WHERE t.id=?", (att_id,)).fetchone()
    if row is None:
        raise not_found("tệp")
    if row["owner_kind"] == "incoming":
        if not ctx.store.conn().execute("SELECT 1 FROM incoming WHERE id=?",
                                        (row["owner_id"],)).fetchone():
            raise not_found("tệp")
    else:
        from . import dossiers      # (imports this module)
        draft = ctx.store.conn().execute("SELECT * FROM drafts WHERE id=?",
                                         (row["owner_id"],)).fetchone()
        if draft is None or not (draft_roles(ctx, draft, req.user) or
                                 dossiers.draft_in_dossier(ctx, draft["id"])):
            raise not_found("tệp")
    return row


# -- drafts -------------------------------------------------------------------

def reviewers_of(ctx, draft_id):
    return ctx.store.conn().execute(
        "SELECT * FROM reviewers WHERE draft_id=? ORDER BY user_id",
        (draft_id,)).fetchall()


def draft_roles(ctx, draft, user):
    roles = []
    if outgoing.organ_key(user):        # drafts are this organisation's
        return roles
    if draft["drafter_id"] == user["id"]:
        roles.append("drafter")
    if any(r["user_id"] == user["id"] for r in reviewers_of(ctx, draft["id"])):
        roles.append("reviewer")
    if draft["signer_id"] == user["id"]:
        roles.append("signer")
    if user["role"] == "clerk":
        roles.append("clerk")
    return roles


def awaiting(ctx, draft, user, roles):
    state = draft["state"]
    if state == "in_review" and "reviewer" in roles:
        return any(r["user_id"] == user["id"] and r["approved_at"] is None
                   for r in reviewers_of(ctx, draft["id"]))
    if state in ("awaiting_signer", "approved"):
        return "signer" in roles
    if state == "signed":
        return "clerk" in roles
    if state == "returned":
        return "drafter" in roles
    return False


def version_object(ctx, v):
    return {"id": "v%d" % v["id"], "number": v["number"], "kind": v["kind"],
            "created_at": iso_time(v["created_at"]),
            "created_by": person(ctx, v["created_by"]),
            "attachment_id": "a%d" % v["attachment_id"],
            "filename": v["filename"], "size": v["size"],
            "sha256": v["sha256"], "page_amount": v["page_amount"],
            "signatures": json.loads(v["signatures"])}


VERSION_SQL = ("SELECT v.*, t.filename, t.sha256, f.size, f.page_amount "
               "FROM versions v JOIN attachments t ON t.id=v.attachment_id "
               "JOIN files f ON f.sha256=t.sha256 ")


def versions_of(ctx, draft_id):
    return ctx.store.conn().execute(
        VERSION_SQL + "WHERE v.draft_id=? ORDER BY v.number",
        (draft_id,)).fetchall()


def draft_summary(ctx, draft, user, roles=None):
    roles = roles if roles is not None else draft_roles(ctx, draft, user)
    versions = versions_of(ctx, draft["id"])
    return {
        "id": "d%d" % draft["id"],
        "type_code": draft["type_code"],
        "type_name": TYPE_NAMES.get(draft["type_code"], draft["type_code"]),
        "code_notation": draft["code_notation"],
        "code_number": draft["code_number"],
        "issued_date": draft["issued_date"],
        "subject": draft["subject"], "urgency": draft["urgency"],
        "due_date": draft["due_date"], "state": draft["state"],
        "my_roles": roles,
        "awaiting_me": awaiting(ctx, draft, user, roles),
        "drafter": person(ctx, draft["drafter_id"]),
        "signer": person(ctx, draft["signer_id"]),
        "signer_position": draft["signer_position"] or "",
        "signer_competence": draft["signer_competence"] or "",
        **draftmod.summary_extra(ctx, draft),
        "current_version": (version_object(ctx, versions[-1])
                            if versions else None),
        "updated_at": iso_time(draft["updated_at"]),
    }


def load_draft(ctx, req, ident):
    draft_id = parse_id(ident, "d")
    draft = ctx.store.conn().execute("SELECT * FROM drafts WHERE id=?",
                                     (draft_id,)).fetchone()
    if draft is None:
        raise not_found("dự thảo")
    roles = draft_roles(ctx, draft, req.user)
    if not roles:
        raise not_found("dự thảo")
    return draft, roles


def draft_detail(ctx, req, draft_id):
    draft, roles = load_draft(ctx, req, "d%d" % draft_id)
    out = draft_summary(ctx, draft, req.user, roles)
    out["reviewers"] = [dict(person(ctx, r["user_id"]),
                             approved_at=iso_time(r["approved_at"]))
                        for r in reviewers_of(ctx, draft_id)]
    out["versions"] = [version_object(ctx, v)
                       for v in versions_of(ctx, draft_id)]
    out["annotations"] = [{
        "id": "n%d" % a["id"], "version_id": "v%d" % a["version_id"],
        "page": a["page"], "quote": a["quote"] or "", "note": a["note"],
        "author": person(ctx, a["author_id"]),
        "created_at": iso_time(a["created_at"])}
        for a in ctx.store.conn().execute(
            "SELECT * FROM annotations WHERE draft_id=? ORDER BY id",
            (draft_id,))]
    out["history"] = history(ctx, "draft", draft_id)
    out.update(outgoing.draft_extra(ctx, draft_id))
    return out


def list_drafts(ctx, req):
    token = sync_token(ctx)
    scope = query_one(req, "scope") or "awaiting"
    if scope not in ("awaiting", "all"):
        raise bad("scope", "scope phải là awaiting hoặc all")
    role = query_one(req, "role")
    if role is not None and role not in ("reviewer", "signer", "clerk",
                                         "drafter"):
        raise bad("role", "role không hợp lệ")
    states = query_one(req, "state")
    states = states.split(",") if states else None
    if states and any(s not in DRAFT_STATES for s in states):
        raise bad("state", "state không hợp lệ")
    limit = limit_param(req)
    items = []
    for draft in ctx.store.conn().execute(
            "SELECT * FROM drafts ORDER BY updated_at DESC, id DESC"):
        roles = draft_roles(ctx, draft, req.user)
        if not roles or (role and role not in roles):
            continue
        if states and draft["state"] not in states:
            continue
        if scope == "awaiting" and not awaiting(ctx, draft, req.user, roles):
            continue
        items.append((draft, roles))
    total = len(items)
    cursor = query_one(req, "cursor")
    if cursor:
        key, last_id = decode_cursor(cursor, "updated")
        items = [(d, r) for d, r in items
                 if (d["updated_at"], d["id"]) < (key, last_id)]
    next_cursor = None
    if len(items) > limit:
        items = items[:limit]
        last = items[-1][0]
        next_cursor = encode_cursor("updated", last["updated_at"], last["id"])
    return 200, {"items": [draft_summary(ctx, d, req.user, r)
                           for d, r in items],
                 "next_cursor": next_cursor, "total": total,
                 "sync_token": token}


def get_draft(ctx, req, ident):
    return 200, draft_detail(ctx, req, parse_id(ident, "d"))


def touch_draft(c, ctx, draft_id, state=None):
    seq = ctx.store.next_seq()
    if state:
        c.execute("UPDATE drafts SET seq=?, updated_at=?, state=? WHERE id=?",
                  (seq, now(), state, draft_id))
    else:
        c.execute("UPDATE drafts SET seq=?, updated_at=? WHERE id=?",
                  (seq, now(), draft_id))


def annotate(ctx, req, ident):
    draft, roles = load_draft(ctx, req, ident)
    body = json_body(req)
    vid_text = body.get("version_id")
    if not isinstance(vid_text, str):
        raise bad("version_id", "Thiếu version_id")
    version = ctx.store.conn().execute(
        VERSION_SQL + "WHERE v.id=? AND v.draft_id=?",
        (parse_version(vid_text), draft["id"])).fetchone()
    if version is None:
        raise bad("version_id", "Phiên bản không thuộc dự thảo này")
    page = body.get("page")
    if not isinstance(page, int) or isinstance(page, bool) or page < 1 or (
            version["page_amount"] and page > version["page_amount"]):
        raise bad("page", "Số trang không hợp lệ")
    quote = text_field(body, "quote", False, 1000) or ""
    note = text_field(body, "note", True, 4000)
    uid = req.user["id"]
    with ctx.store.write() as c:
        at = now()
        nid = c.execute("INSERT INTO annotations(draft_id, version_id, page, "
                        "quote, note, author_id, created_at) "
                        "VALUES(?,?,?,?,?,?,?)",
                        (draft["id"], version["id"], page, quote, note, uid,
                         at)).lastrowid
        add_history(c, "draft", draft["id"], "annotated", uid, note,
                    version=version["id"])
        touch_draft(c, ctx, draft["id"])
    return 201, {"id": "n%d" % nid, "version_id": "v%d" % version["id"],
                 "page": page, "quote": quote, "note": note,
                 "author": person(ctx, uid), "created_at": iso_time(at)}


def parse_version(text):
    if not text.startswith("v") or not text[1:].isdigit():
        raise bad("version_id", "version_id không hợp lệ")
    return int(text[1:])


def current_version(ctx, draft_id):
    return ctx.store.conn().execute(
        VERSION_SQL + "WHERE v.draft_id=? ORDER BY v.number DESC LIMIT 1",
        (draft_id,)).fetchone()


def approve(ctx, req, ident):
    draft, roles = load_draft(ctx, req, ident)
    body = json_body(req, required=False)
    note = text_field(body, "note", False, 2000) or ""
    uid = req.user["id"]
    state = draft["state"]
    if "reviewer" not in roles and "signer" not in roles:
        raise forbidden("Chỉ người kiểm tra hoặc người ký được duyệt")
    cur = current_version(ctx, draft["id"])
    with ctx.store.write() as c:
        if state == "in_review" and "reviewer" in roles:
            mine = c.execute("SELECT approved_at FROM reviewers WHERE "
                             "draft_id=? AND user_id=?",
                             (draft["id"], uid)).fetchone()
            if mine["approved_at"] is not None:
                raise invalid_state("Bạn đã duyệt dự thảo này")
            c.execute("UPDATE reviewers SET approved_at=? WHERE draft_id=? "
                      "AND user_id=?", (now(), draft["id"], uid))
            pending = c.execute("SELECT COUNT(*) FROM reviewers WHERE "
                                "draft_id=? AND approved_at IS NULL",
                                (draft["id"],)).fetchone()[0]
            new_state = None if pending else "awaiting_signer"
        elif state == "awaiting_signer" and "signer" in roles:
            new_state = "approved"
        else:
            raise invalid_state("Dự thảo đang ở trạng thái %s" % state)
        add_history(c, "draft", draft["id"], "approved", uid, note,
                    version=cur["id"])
        touch_draft(c, ctx, draft["id"], new_state)
    return 200, draft_detail(ctx, req, draft["id"])


def return_draft(ctx, req, ident):
    draft, roles = load_draft(ctx, req, ident)
    body = json_body(req)
    reason = text_field(body, "reason", True, 2000)
    state = draft["state"]
    allowed = (("reviewer" in roles and state == "in_review") or
               ("signer" in roles and state in ("in_review",
                                                "awaiting_signer",
                                                "approved")))
    if "reviewer" not in roles and "signer" not in roles:
        raise forbidden("Chỉ người kiểm tra hoặc người ký được trả lại")
    if not allowed:
        raise invalid_state("Không trả lại được dự thảo ở trạng thái %s" %
                            state)
    cur = current_version(ctx, draft["id"])
    with ctx.store.write() as c:
        add_history(c, "draft", draft["id"], "returned", req.user["id"],
                    reason, version=cur["id"])
        touch_draft(c, ctx, draft["id"], "returned")
    return 200, draft_detail(ctx, req, draft["id"])


def pdf_body(req):
    ctype = req.headers.get("Content-Type", "")
    if ctype.split(";")[0].strip().lower() != "application/pdf":
        raise ApiError(415, "unsupported_media_type",
                       "Cần Content-Type: application/pdf")
    if not req.body.startswith(b"%PDF-"):
        raise ApiError(422, "not_pdf", "Nội dung tải lên không phải PDF")
    return req.body


def store_version(c, ctx, draft_id, data, kind, uid, filename, signatures,
                  pages):
    sha = ctx.store.put_file(data, pages)
    att = c.execute("INSERT INTO attachments(sha256, filename, owner_kind, "
                    "owner_id) VALUES(?,?,?,?)",
                    (sha, filename, "draft", draft_id)).lastrowid
    number = c.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM versions "
                       "WHERE draft_id=?", (draft_id,)).fetchone()[0]
    return c.execute("INSERT INTO versions(draft_id, number, kind, "
                     "attachment_id, created_at, created_by, signatures) "
                     "VALUES(?,?,?,?,?,?,?)",
                     (draft_id, number, kind, att, now(), uid,
                      json.dumps(signatures, ensure_ascii=False))).lastrowid


def new_version(ctx, req, ident):
    draft, roles = load_draft(ctx, req, ident)
    if "drafter" not in roles:
        raise forbidden("Chỉ người soạn thảo được tải phiên bản mới")
    if draft["state"] not in ("returned", "in_review"):
        raise invalid_state("Không thêm phiên bản ở trạng thái %s" %
                            draft["state"])
    data = pdf_body(req)
    pages = ctx.count_pages(data)
    uid = req.user["id"]
    with ctx.store.write() as c:
        vid = store_version(c, ctx, draft["id"], data, "draft", uid,
                            "du-thao-d%d.pdf" % draft["id"], [], pages)
        c.execute("UPDATE reviewers SET approved_at=NULL WHERE draft_id=?",
                  (draft["id"],))
        add_history(c, "draft", draft["id"], "new_version", uid, None,
                    version=vid)
        # Without reviewers the new version goes straight to the signer.
        touch_draft(c, ctx, draft["id"],
                    "in_review" if reviewers_of(ctx, draft["id"])
                    else "awaiting_signer")
    v = ctx.store.conn().execute(VERSION_SQL + "WHERE v.id=?",
                                 (vid,)).fetchone()
    return 201, {"version": version_object(ctx, v),
                 "draft": draft_detail(ctx, req, draft["id"])}


def upload_signed(ctx, req, ident, version_ident):
    """POST /drafts/{id}/versions/{vid}/signed: docs/api.md section 8."""
    draft, roles = load_draft(ctx, req, ident)
    vid = parse_id(version_ident, "v")
    base = ctx.store.conn().execute(
        VERSION_SQL + "WHERE v.id=? AND v.draft_id=?",
        (vid, draft["id"])).fetchone()
    if base is None:
        raise not_found("phiên bản")
    if "signer" not in roles and "clerk" not in roles:
        raise forbidden("Chỉ người ký hoặc văn thư được tải bản đã ký")
    cur = current_version(ctx, draft["id"])
    if cur["id"] != base["id"]:
        raise ApiError(409, "version_not_current",
                       "Phiên bản v%d không còn là phiên bản hiện tại (v%d)" %
                       (base["id"], cur["id"]))
    data = pdf_body(req)
    base_bytes = ctx.store.read_file(base["sha256"])
    if len(data) <= len(base_bytes) or not data.startswith(base_bytes):
        raise ApiError(422, "prefix_mismatch",
                       "Tệp tải lên không bắt đầu đúng bằng phiên bản v%d" %
                       base["id"])
    try:
        sigs, newsig = ctx.verifier.verify_upload(data, len(base_bytes))
        kind = signcheck.classify(newsig)
        org = ctx.store.organization()
        user = req.user
        if kind == "agency":
            if user["role"] != "clerk":
                raise signcheck.SignError(
                    "agency_not_clerk", "Chỉ văn thư được ký số cơ quan")
            signer = ctx.users_by_id[draft["signer_id"]]
            if not any(signcheck.classify(s) == "personal" and
                       signcheck.is_user(s, signer["username"],
                                         signer["full_name"])
                       for s in sigs if s is not newsig):
                raise signcheck.SignError(
                    "agency_before_personal",
                    "Chưa có chữ ký số cá nhân của người ký trên văn bản")
            if not signcheck.is_agency(newsig, org["organ_id"],
                                       org["organ_name"]):
                raise signcheck.SignError(
                    "agency_mismatch",
                    "Chứng thư cơ quan không phải của %s" % org["organ_name"])
            if draft["state"] != "signed":
                raise invalid_state("Dự thảo chưa ở trạng thái đã ký")
            reservation = outgoing.check_upload(ctx, draft, data)
        else:
            if not signcheck.is_user(newsig, user["username"],
                                     user["full_name"]):
                raise signcheck.SignError(
                    "signer_mismatch",
                    "Chứng thư ký (%s) không phải của %s" % (
                        newsig.subject.get("CN", "?"), user["full_name"]))
            if "signer" not in roles:
                raise forbidden("Bạn không phải người ký dự thảo này")
            if draft["state"] not in ("awaiting_signer", "approved"):
                raise invalid_state("Dự thảo chưa sẵn sàng để ký (%s)" %
                                    draft["state"])
    except signcheck.SignError as e:
        raise ApiError(e.status, e.code, e.message)
    signatures = json.loads(base["signatures"])
    entry = {"kind": kind, "common_name": newsig.subject.get("CN", ""),
             "signed_at": iso_time(now())}
    if kind == "personal":
        entry["username"] = req.user["username"]
    signatures.append(entry)
    uid = req.user["id"]
    with ctx.store.write() as c:
        if kind == "personal":
            vkind, state = "signed", "signed"
            filename = "d%d-da-ky.pdf" % draft["id"]
        else:
            vkind, state = "agency_signed", "issued"
            filename = "d%d-ban-hanh.pdf" % draft["id"]
            outgoing.assign(c, draft, reservation)
        new_vid = store_version(c, ctx, draft["id"], data, vkind, uid,
                                filename, signatures, base["page_amount"])
        add_history(c, "draft", draft["id"],
                    "signed" if kind == "personal" else "agency_signed",
                    uid, entry["common_name"], version=new_vid)
        if kind == "agency":
            outgoing.distribute(c, ctx, draft, reservation,
                                hashlib.sha256(data).hexdigest(), filename,
                                base["page_amount"], uid)
        touch_draft(c, ctx, draft["id"], state)
    v = ctx.store.conn().execute(VERSION_SQL + "WHERE v.id=?",
                                 (new_vid,)).fetchone()
    return 201, {"version": version_object(ctx, v),
                 "draft": draft_detail(ctx, req, draft["id"])}


# -- delta sync -----------------------------------------------------------------

def sync(ctx, req):
    from . import dossiers      # (imports this module)
    conn = ctx.store.conn()
    current = ctx.store.current_seq()
    token = "s.%d" % current
    since = query_one(req, "since")
    if since is None:
        base = None
    else:
        m = re.fullmatch(r"s\.(\d{1,18})", since)
        if not m or int(m.group(1)) > current:
            raise ApiError(400, "invalid_sync_token",
                           "sync token không hợp lệ", "since")
        base = int(m.group(1))
    if base is None:
        inc = conn.execute("SELECT id FROM incoming WHERE "
                           "COALESCE(organ_owner, '') = ? ORDER BY id",
                           (outgoing.organ_key(req.user),))
        drafts = conn.execute("SELECT * FROM drafts ORDER BY id")
        dead = []
    else:
        inc = conn.execute("SELECT id FROM incoming WHERE seq > ? AND "
                           "COALESCE(organ_owner, '') = ? ORDER BY id",
                           (base, outgoing.organ_key(req.user)))
        drafts = conn.execute("SELECT * FROM drafts WHERE seq > ? "
                              "ORDER BY id", (base,))
        dead = conn.execute("SELECT kind, id FROM tombstones WHERE seq > ? "
                            "ORDER BY seq", (base,)).fetchall()
    return 200, {
        "sync_token": token, "full": base is None,
        "incoming": {"changed": ["i%d" % r[0] for r in inc],
                     "deleted": ["i%d" % r[1] for r in dead
                                 if r[0] == "incoming"]},
        "drafts": {"changed": ["d%d" % d["id"] for d in drafts
                               if draft_roles(ctx, d, req.user)],
                   "deleted": ["d%d" % r[1] for r in dead
                               if r[0] == "draft"]},
        # Work dossiers are never deleted, only closed (section 13).
        "dossiers": {"changed": dossiers.changed_since(ctx, base),
                     "deleted": []},
    }
