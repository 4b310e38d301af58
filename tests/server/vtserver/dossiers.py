"""Work dossiers (hồ sơ công việc), Decree 30/2020/NĐ-CP chapter IV.

The agency's dossier list for each year (danh mục hồ sơ: code, title,
keeper, retention period), dossiers opened against an entry of it (or
free-standing when the year's list allows), the documents gathered into
them (incoming documents, drafts with all their versions, issued
documents), closing (kết thúc: end date and page count) and reopening
with a reason.  docs/api.md section 13.

Tables of their own (created when missing, so an older database gains
them empty and loses nothing); the history of a dossier goes into the
shared history table with owner_kind 'dossier'.
"""

import json
import re

from .api import (ApiError, bad, date_field, forbidden, invalid_state,
                  json_body, load_draft, not_found, person, query_one,
                  text_field, add_history, history)
from .store import nfc, now, today_vn, iso_time

SCHEMA = """
CREATE TABLE IF NOT EXISTS dossier_lists (
  year INTEGER PRIMARY KEY, allow_free INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS dossier_entries (
  id INTEGER PRIMARY KEY, year INTEGER NOT NULL, code TEXT NOT NULL,
  title TEXT NOT NULL, keeper TEXT NOT NULL, retention TEXT NOT NULL,
  UNIQUE (year, code));
CREATE TABLE IF NOT EXISTS dossiers (
  id INTEGER PRIMARY KEY, entry_id INTEGER, year INTEGER NOT NULL,
  code TEXT NOT NULL, title TEXT NOT NULL, keeper TEXT NOT NULL,
  retention TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT,
  page_count INTEGER, state TEXT NOT NULL DEFAULT 'open',
  opened_by INTEGER NOT NULL, ref TEXT, updated_at REAL NOT NULL,
  seq INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS dossier_items (
  id INTEGER PRIMARY KEY, dossier_id INTEGER NOT NULL,
  owner_kind TEXT NOT NULL, owner_id INTEGER NOT NULL,
  added_by INTEGER NOT NULL, added_at REAL NOT NULL,
  UNIQUE (dossier_id, owner_kind, owner_id));
CREATE INDEX IF NOT EXISTS dossier_items_owner
  ON dossier_items(owner_kind, owner_id);
"""

# The demo commune's list (seeded with --seed demo).
DEMO_ENTRIES = [
    ("01.01", "Hồ sơ tổ chức kỳ họp Hội đồng nhân dân xã", "Văn phòng - Thống kê",
     "vĩnh viễn"),
    ("01.05", "Hồ sơ phòng, chống thiên tai và tìm kiếm cứu nạn",
     "Văn phòng - Thống kê", "10 năm"),
    ("02.03", "Hồ sơ quản lý đất đai, đo đạc và kiểm kê đất đai",
     "Địa chính - Xây dựng", "vĩnh viễn"),
    ("03.02", "Hồ sơ tiêm chủng mở rộng và phòng, chống dịch bệnh",
     "Văn hóa - Xã hội", "5 năm"),
    ("04.01", "Hồ sơ dự toán, quyết toán ngân sách xã", "Tài chính - Kế toán",
     "10 năm"),
]

RETENTION_RE = re.compile(r"(\d{1,3} năm|vĩnh viễn)")


def init(store):
    """Create the tables when missing (an upgrade keeps everything)."""
    conn = store.conn()
    conn.executescript(SCHEMA)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(dossiers)")]
    if "seq" not in cols:     # a state directory of an earlier version
        conn.execute("ALTER TABLE dossiers ADD COLUMN seq INTEGER NOT NULL "
                     "DEFAULT 0")


def seed_demo(store, today):
    """The demo commune's dossier list for this year."""
    with store.write() as c:
        c.execute("INSERT OR IGNORE INTO dossier_lists(year, allow_free) "
                  "VALUES(?, 1)", (today.year,))
        for code, title, keeper, retention in DEMO_ENTRIES:
            c.execute("INSERT OR IGNORE INTO dossier_entries(year, code, "
                      "title, keeper, retention) VALUES(?,?,?,?,?)",
                      (today.year, code, title, keeper, retention))


def parse_ident(value, prefix):
    if not re.fullmatch(prefix + r"\d{1,18}", value or ""):
        raise not_found("hồ sơ")
    return int(value[len(prefix):])


def entry_object(row):
    return {"id": "m%d" % row["id"], "year": row["year"], "code": row["code"],
            "title": row["title"], "keeper": row["keeper"],
            "retention": row["retention"]}


def year_param(req):
    value = query_one(req, "year")
    if value is None:
        return today_vn().year
    if not re.fullmatch(r"\d{4}", value):
        raise bad("year", "year phải là năm có 4 chữ số")
    return int(value)


def dossier_list(ctx, req):
    """GET /dossier-list?year=YYYY: the agency's approved list."""
    year = year_param(req)
    conn = ctx.store.conn()
    row = conn.execute("SELECT allow_free FROM dossier_lists WHERE year=?",
                       (year,)).fetchone()
    items = [entry_object(r) for r in conn.execute(
        "SELECT * FROM dossier_entries WHERE year=? ORDER BY code", (year,))]
    return 200, {"year": year, "approved": row is not None,
                 "allow_free": bool(row["allow_free"]) if row else True,
                 "items": items}


def summary(ctx, row):
    count = ctx.store.conn().execute(
        "SELECT COUNT(*) FROM dossier_items WHERE dossier_id=?",
        (row["id"],)).fetchone()[0]
    return {"id": "h%d" % row["id"],
            "entry_id": "m%d" % row["entry_id"] if row["entry_id"] else None,
            "year": row["year"], "code": row["code"], "title": row["title"],
            "keeper": row["keeper"], "retention": row["retention"],
            "start_date": row["start_date"], "end_date": row["end_date"],
            "page_count": row["page_count"], "state": row["state"],
            "item_count": count, "ref": row["ref"],
            "opened_by": person(ctx, row["opened_by"]),
            "updated_at": iso_time(row["updated_at"])}


def list_dossiers(ctx, req):
    """GET /dossiers[?state=open|closed][&year=YYYY]."""
    where, args = [], []
    state = query_one(req, "state")
    if state is not None:
        if state not in ("open", "closed"):
            raise bad("state", "state phải là open hoặc closed")
        where.append("state=?")
        args.append(state)
    if query_one(req, "year") is not None:
        where.append("year=?")
        args.append(year_param(req))
    rows = ctx.store.conn().execute(
        "SELECT * FROM dossiers WHERE %s ORDER BY year DESC, code, id" %
        (" AND ".join(where) or "1"), args).fetchall()
    return 200, {"items": [summary(ctx, r) for r in rows],
                 "total": len(rows)}


def load(ctx, ident):
    row = ctx.store.conn().execute("SELECT * FROM dossiers WHERE id=?",
                                   (parse_ident(ident, "h"),)).fetchone()
    if row is None:
        raise not_found("hồ sơ")
    return row


# -- the table of contents (mục lục văn bản) -----------------------------

VERSION_LABELS = {"draft": "dự thảo", "signed": "đã ký",
                  "agency_signed": "ban hành"}


def files_of(conn, kind, owner):
    """The files of an item: the attachments, or every draft version."""
    if kind == "incoming":
        rows = conn.execute(
            "SELECT t.id, t.filename, t.sha256, f.size, f.page_amount "
            "FROM attachments t JOIN files f ON f.sha256=t.sha256 "
            "WHERE t.owner_kind='incoming' AND t.owner_id=? ORDER BY t.id",
            (owner,)).fetchall()
        return [file_object(r, None) for r in rows]
    rows = conn.execute(
        "SELECT v.number, v.kind, t.id, t.filename, t.sha256, f.size, "
        "f.page_amount FROM versions v JOIN attachments t "
        "ON t.id=v.attachment_id JOIN files f ON f.sha256=t.sha256 "
        "WHERE v.draft_id=? ORDER BY v.number", (owner,)).fetchall()
    return [file_object(r, "Phiên bản %d (%s)" % (
        r["number"], VERSION_LABELS.get(r["kind"], r["kind"])))
        for r in rows]


def file_object(r, label):
    return {"attachment_id": "a%d" % r["id"], "filename": r["filename"],
            "size": r["size"], "sha256": r["sha256"],
            "page_amount": r["page_amount"], "label": label}


def item_object(ctx, conn, it):
    """One row of the table of contents, with its files."""
    files = files_of(conn, it["owner_kind"], it["owner_id"])
    pages = sum(f["page_amount"] or 0 for f in files)
    if it["owner_kind"] == "incoming":
        d = conn.execute("SELECT * FROM incoming WHERE id=?",
                         (it["owner_id"],)).fetchone()
        if d is None:
            return None
        number = (d["code_number"] + "/" + d["code_notation"]
                  if d["code_number"] else d["code_notation"])
        out = {"document_id": "i%d" % d["id"], "kind": "incoming",
               "number_notation": number, "issued_date": d["issued_date"],
               "organ_name": d["organ_name"] or "", "subject": d["subject"],
               "notes": "Văn bản đến số %s" % d["arrival_number"]
               if d["arrival_number"] else "Văn bản đến"}
        if not files:
            pages = d["page_amount"] or 0
    else:
        d = conn.execute("SELECT * FROM drafts WHERE id=?",
                         (it["owner_id"],)).fetchone()
        if d is None:
            return None
        issued = d["state"] == "issued"
        number = (d["code_number"] + "/" + d["code_notation"]
                  if d["code_number"] else d["code_notation"])
        last = conn.execute("SELECT MAX(created_at) FROM versions WHERE "
                            "draft_id=?", (d["id"],)).fetchone()[0]
        date = d["issued_date"] or (
            iso_time(last)[:10] if last is not None else None)
        n = len(files)
        out = {"document_id": "d%d" % d["id"],
               "kind": "outgoing" if issued else "draft",
               "number_notation": number, "issued_date": date,
               "organ_name": ctx.store.organization()["organ_name"],
               "subject": d["subject"],
               "notes": ("Văn bản đi, %d phiên bản" % n) if issued else
               ("Dự thảo, %d phiên bản" % n)}
    out["page_amount"] = pages
    out["files"] = files
    out["added_by"] = person(ctx, it["added_by"])
    out["added_at"] = iso_time(it["added_at"])
    return out


def contents(ctx, dossier_id):
    """The table of contents in order: by date, then as added."""
    conn = ctx.store.conn()
    items = []
    for it in conn.execute("SELECT * FROM dossier_items WHERE dossier_id=? "
                           "ORDER BY id", (dossier_id,)).fetchall():
        obj = item_object(ctx, conn, it)
        if obj is not None:
            items.append(obj)
    items.sort(key=lambda o: o["issued_date"] or "9999-12-31")
    page = 1
    for n, obj in enumerate(items, 1):
        obj["no"] = n
        obj["start_page"] = page
        page += obj["page_amount"]
    return items


def detail(ctx, dossier_id):
    row = ctx.store.conn().execute("SELECT * FROM dossiers WHERE id=?",
                                   (dossier_id,)).fetchone()
    out = summary(ctx, row)
    out["items"] = contents(ctx, dossier_id)
    out["history"] = history(ctx, "dossier", dossier_id)
    return out


def get_dossier(ctx, req, ident):
    return 200, detail(ctx, load(ctx, ident)["id"])


# -- changes -------------------------------------------------------------

def open_dossier(ctx, req):
    """POST /dossiers: open a dossier against an entry, or free-standing."""
    body = json_body(req)
    entry_text = body.get("entry_id")
    start = date_field(body.get("start_date"), "start_date") or \
        today_vn().isoformat()
    ref = text_field(body, "ref", False, 100)
    conn = ctx.store.conn()
    if entry_text is not None:
        if not isinstance(entry_text, str) or \
                not re.fullmatch(r"m\d{1,18}", entry_text):
            raise bad("entry_id", "entry_id không hợp lệ")
        entry = conn.execute("SELECT * FROM dossier_entries WHERE id=?",
                             (int(entry_text[1:]),)).fetchone()
        if entry is None:
            raise bad("entry_id", "Không có mục %s trong danh mục hồ sơ" %
                      entry_text)
        year, code, keeper = entry["year"], entry["code"], entry["keeper"]
        retention = entry["retention"]
        title = text_field(body, "title", False, 500) or entry["title"]
    else:
        year = int(start[:4])
        row = conn.execute("SELECT allow_free FROM dossier_lists WHERE "
                           "year=?", (year,)).fetchone()
        if row is not None and not row["allow_free"]:
            raise ApiError(403, "forbidden", "Danh mục hồ sơ năm %d không "
                           "cho phép lập hồ sơ ngoài danh mục" % year,
                           "entry_id")
        code = text_field(body, "code", True, 20)
        if not re.fullmatch(r"[0-9A-Za-z]{1,6}(\.[0-9A-Za-z]{1,6}){0,3}",
                            code):
            raise bad("code", "Số, ký hiệu hồ sơ có dạng 01.05")
        title = text_field(body, "title", True, 500)
        keeper = text_field(body, "keeper", False, 200) or \
            req.user["full_name"]
        retention = text_field(body, "retention", True, 50)
        if not RETENTION_RE.fullmatch(retention):
            raise bad("retention", "Thời hạn bảo quản: \"N năm\" hoặc "
                      "\"vĩnh viễn\"")
        entry = None
    uid = req.user["id"]
    with ctx.store.write() as c:
        if entry is not None:
            dup = c.execute("SELECT id FROM dossiers WHERE entry_id=?",
                            (entry["id"],)).fetchone()
            if dup is not None:
                raise invalid_state("Hồ sơ %s đã được lập (h%d)" %
                                    (code, dup["id"]))
        did = c.execute(
            "INSERT INTO dossiers(entry_id, year, code, title, keeper, "
            "retention, start_date, opened_by, ref, updated_at, seq) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?)",
            (entry["id"] if entry else None, year, code, title, keeper,
             retention, start, uid, ref, now(),
             ctx.store.next_seq())).lastrowid
        add_history(c, "dossier", did, "opened", uid,
                    "%s %s" % (code, title))
    return 201, detail(ctx, did)


def writable(row):
    if row["state"] == "closed":
        raise invalid_state("Hồ sơ %s đã kết thúc ngày %s: không thay đổi "
                            "được nữa" % (row["code"], row["end_date"]))


def document_ref(ctx, req, body):
    """(owner_kind, owner_id) of body's document_id the user may see."""
    doc = body.get("document_id")
    if not isinstance(doc, str):
        raise bad("document_id", "Thiếu document_id")
    if re.fullmatch(r"i\d{1,18}", doc):
        if ctx.store.conn().execute("SELECT 1 FROM incoming WHERE id=?",
                                    (int(doc[1:]),)).fetchone() is None:
            raise not_found("văn bản")
        return "incoming", int(doc[1:])
    if re.fullmatch(r"d\d{1,18}", doc):
        draft, _ = load_draft(ctx, req, doc)
        return "draft", draft["id"]
    raise bad("document_id", "document_id phải là văn bản đến (i…) hoặc "
              "dự thảo, văn bản đi (d…)")


def touch(ctx, c, dossier_id):
    """A dossier changed: its time, and a change number for GET /sync."""
    c.execute("UPDATE dossiers SET updated_at=?, seq=? WHERE id=?",
              (now(), ctx.store.next_seq(), dossier_id))


def changed_since(ctx, base):
    """The ids of the dossiers changed after change number BASE (every
    dossier when BASE is None), for GET /sync."""
    if base is None:
        rows = ctx.store.conn().execute("SELECT id FROM dossiers ORDER BY id")
    else:
        rows = ctx.store.conn().execute(
            "SELECT id FROM dossiers WHERE seq > ? ORDER BY id", (base,))
    return ["h%d" % r[0] for r in rows]


def add_item(ctx, req, ident):
    """POST /dossiers/{id}/items {"document_id"}: 201 added, 200 if there."""
    row = load(ctx, ident)
    kind, owner = document_ref(ctx, req, json_body(req))
    uid = req.user["id"]
    with ctx.store.write() as c:
        row = c.execute("SELECT * FROM dossiers WHERE id=?",
                        (row["id"],)).fetchone()
        writable(row)
        cur = c.execute("INSERT OR IGNORE INTO dossier_items(dossier_id, "
                        "owner_kind, owner_id, added_by, added_at) "
                        "VALUES(?,?,?,?,?)",
                        (row["id"], kind, owner, uid, now()))
        added = cur.rowcount == 1
        if added:
            add_history(c, "dossier", row["id"], "added", uid,
                        ("i%d" if kind == "incoming" else "d%d") % owner)
            touch(ctx, c, row["id"])
    return (201 if added else 200), detail(ctx, row["id"])


def remove_item(ctx, req, ident):
    """POST /dossiers/{id}/remove {"document_id"}."""
    row = load(ctx, ident)
    body = json_body(req)
    doc = body.get("document_id")
    if not isinstance(doc, str) or not re.fullmatch(r"[id]\d{1,18}", doc):
        raise bad("document_id", "document_id không hợp lệ")
    kind = "incoming" if doc[0] == "i" else "draft"
    uid = req.user["id"]
    with ctx.store.write() as c:
        row = c.execute("SELECT * FROM dossiers WHERE id=?",
                        (row["id"],)).fetchone()
        writable(row)
        item = c.execute("SELECT * FROM dossier_items WHERE dossier_id=? "
                         "AND owner_kind=? AND owner_id=?",
                         (row["id"], kind, int(doc[1:]))).fetchone()
        if item is None:
            raise not_found("văn bản %s trong hồ sơ" % doc)
        if uid not in (item["added_by"], row["opened_by"]) and \
                req.user["role"] not in ("leader", "clerk"):
            raise forbidden("Chỉ người đã thêm, người lập hồ sơ, lãnh đạo "
                            "hoặc văn thư được bỏ văn bản khỏi hồ sơ")
        c.execute("DELETE FROM dossier_items WHERE id=?", (item["id"],))
        add_history(c, "dossier", row["id"], "removed", uid, doc)
        touch(ctx, c, row["id"])
    return 200, detail(ctx, row["id"])


def close_dossier(ctx, req, ident):
    """POST /dossiers/{id}/close: end date and page count recorded."""
    row = load(ctx, ident)
    body = json_body(req, required=False)
    end = date_field(body.get("end_date"), "end_date") or \
        today_vn().isoformat()
    note = text_field(body, "note", False, 2000) or ""
    uid = req.user["id"]
    if uid != row["opened_by"] and req.user["role"] not in ("leader",
                                                            "clerk"):
        raise forbidden("Chỉ người lập hồ sơ, lãnh đạo hoặc văn thư được "
                        "kết thúc hồ sơ")
    if end < row["start_date"]:
        raise bad("end_date", "Ngày kết thúc trước ngày mở hồ sơ")
    with ctx.store.write() as c:
        row = c.execute("SELECT * FROM dossiers WHERE id=?",
                        (row["id"],)).fetchone()
        writable(row)
        pages = sum(i["page_amount"] for i in contents(ctx, row["id"]))
        c.execute("UPDATE dossiers SET state='closed', end_date=?, "
                  "page_count=? WHERE id=?", (end, pages, row["id"]))
        add_history(c, "dossier", row["id"], "closed", uid,
                    ("%s — " % note if note else "") +
                    "Kết thúc ngày %s, %d trang" % (end, pages))
        touch(ctx, c, row["id"])
    return 200, detail(ctx, row["id"])


def reopen_dossier(ctx, req, ident):
    """POST /dossiers/{id}/reopen {"reason"}: leader or clerk only."""
    row = load(ctx, ident)
    body = json_body(req)
    reason = text_field(body, "reason", True, 2000)
    if req.user["role"] not in ("leader", "clerk"):
        raise forbidden("Chỉ lãnh đạo hoặc văn thư được mở lại hồ sơ")
    uid = req.user["id"]
    with ctx.store.write() as c:
        row = c.execute("SELECT * FROM dossiers WHERE id=?",
                        (row["id"],)).fetchone()
        if row["state"] != "closed":
            raise invalid_state("Hồ sơ %s chưa kết thúc" % row["code"])
        c.execute("UPDATE dossiers SET state='open', end_date=NULL, "
                  "page_count=NULL WHERE id=?", (row["id"],))
        add_history(c, "dossier", row["id"], "reopened", uid, reason)
        touch(ctx, c, row["id"])
    return 200, detail(ctx, row["id"])


def draft_in_dossier(ctx, draft_id):
    """Whether a draft is in some dossier (its files are then the
    agency's record: every user may download them)."""
    return ctx.store.conn().execute(
        "SELECT 1 FROM dossier_items WHERE owner_kind='draft' AND "
        "owner_id=?", (draft_id,)).fetchone() is not None


ROUTES = [
    ("GET", r"/dossier-list", dossier_list, True, None),
    ("GET", r"/dossiers", list_dossiers, True, None),
    ("POST", r"/dossiers", open_dossier, True, "json"),
    ("GET", r"/dossiers/(?P<ident>[^/]+)", get_dossier, True, None),
    ("POST", r"/dossiers/(?P<ident>[^/]+)/items", add_item, True, "json"),
    ("POST", r"/dossiers/(?P<ident>[^/]+)/remove", remove_item, True,
     "json"),
    ("POST", r"/dossiers/(?P<ident>[^/]+)/close", close_dossier, True,
     "json"),
    ("POST", r"/dossiers/(?P<ident>[^/]+)/reopen", reopen_dossier, True,
     "json"),
]
