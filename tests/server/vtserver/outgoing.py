"""Outgoing documents: numbering, issuing, the outgoing register and
distribution (docs/api.md section 12; Decree 30/2020/NĐ-CP art. 15-18).

- The clerk reserves the number and the issue date of a signed draft
  (POST /drafts/{id}/number): the smallest number of the year for the
  draft's code_notation that no live reservation or issued document
  holds, so a released number is given again and the sequence has no
  gaps.  POST /drafts/{id}/number/release gives it back.
- The agency-signed upload must carry that number and date in the PDF's
  form fields code_number and promulgation_date (read with qpdf); the
  issue then registers the document in the outgoing register and sends
  it to its recipients (nơi nhận): another organ hosted on this server
  receives it in its incoming list; people of the commune receive it as
  an internal document forwarded to them.
- Organs: users and incoming documents carry organ_owner (NULL: the
  server's own organisation, seed/organs.json "self"); organs.json
  "hosted" lists the other organs with accounts on this server.
"""

import datetime
import json
import os
import re
import subprocess
import tempfile

from .store import TYPE_NAMES, fold, iso_time, nfc, now, today_vn

SCHEMA = """
CREATE TABLE IF NOT EXISTS number_reservations (
  id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL,
  code_notation TEXT NOT NULL, year INTEGER NOT NULL,
  number INTEGER NOT NULL, issued_date TEXT NOT NULL, place TEXT NOT NULL,
  recipients TEXT NOT NULL DEFAULT '[]', state TEXT NOT NULL,
  user_id INTEGER NOT NULL, created_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS reservations_seq
  ON number_reservations(code_notation, year, state);
CREATE INDEX IF NOT EXISTS reservations_draft
  ON number_reservations(draft_id, state);
CREATE TABLE IF NOT EXISTS organs (
  organ_id TEXT PRIMARY KEY, organ_name TEXT NOT NULL, place TEXT);
CREATE TABLE IF NOT EXISTS distributions (
  draft_id INTEGER NOT NULL, kind TEXT NOT NULL, ref TEXT NOT NULL,
  name TEXT NOT NULL, incoming_id INTEGER, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS distributions_draft ON distributions(draft_id);
"""

# Columns added to shared tables; ADD COLUMN keeps existing databases.
COLUMNS = [("users", "organ_owner", "TEXT"),
           ("incoming", "organ_owner", "TEXT"),
           ("incoming", "source_draft_id", "INTEGER")]

ORGAN_ID_RX = re.compile(r"[0-9A-Za-z.]{1,13}")
USERNAME_RX = re.compile(r"[a-z0-9_.-]{1,64}")


def ensure_schema(conn):
    """Create the tables and columns of this module (idempotent)."""
    conn.executescript(SCHEMA)
    for table, column, kind in COLUMNS:
        have = [r[1] for r in conn.execute("PRAGMA table_info(%s)" % table)]
        if column not in have:
            conn.execute("ALTER TABLE %s ADD COLUMN %s %s" %
                         (table, column, kind))


def init_organs(c, organs, accounts):
    """Hosted organs and the organ of each account (seed/*.json)."""
    for o in organs.get("hosted", []):
        c.execute("INSERT OR REPLACE INTO organs(organ_id, organ_name, "
                  "place) VALUES(?,?,?)", (o["organ_id"],
                                            nfc(o["organ_name"]),
                                            nfc(o.get("place", ""))))
    for a in accounts:
        c.execute("UPDATE users SET organ_owner=? WHERE username=?",
                  (a.get("organ_id"), a["username"]))


def organ_key(user):
    """'' for the server's own organisation, else the user's organ_id."""
    return user.get("organ_owner") or ""


def organization_of(ctx, user):
    """The organisation of USER, as /me shows it."""
    key = organ_key(user)
    if not key:
        return ctx.store.organization()
    row = ctx.store.conn().execute("SELECT * FROM organs WHERE organ_id=?",
                                   (key,)).fetchone()
    return {"organ_id": key,
            "organ_name": row["organ_name"] if row else key}


SEED_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                        "seed")


def self_place(ctx):
    """The promulgation place of this organisation (Decree 30 box 4)."""
    org = ctx.store.organization()
    if org.get("place"):
        return org["place"]
    try:                      # a database seeded before "place" was kept
        with open(os.path.join(SEED_DIR, "organs.json"),
                  encoding="utf-8") as f:
            return nfc(json.load(f)["self"].get("place", ""))
    except (OSError, ValueError, KeyError):
        return ""


# -- recipients -----------------------------------------------------------

def known_organs(ctx):
    """organ_id -> organ_name: hosted organs and the seed's senders."""
    out = load_known_organs(SEED_DIR)
    for r in ctx.store.conn().execute("SELECT organ_id, organ_name "
                                      "FROM organs"):
        out[r["organ_id"]] = r["organ_name"]
    return out


def parse_recipients(ctx, req, values):
    """["000.00.31.H56", "chuyenvien1"] -> [(kind, ref, name)].

    Raises ApiError 400 for an unknown organ or person."""
    from .api import bad
    if values is None:
        return []
    if not isinstance(values, list) or len(values) > 200:
        raise bad("recipients", "recipients phải là một danh sách")
    organs = known_organs(ctx)
    out = []
    for v in values:
        if not isinstance(v, str):
            raise bad("recipients", "Nơi nhận phải là chuỗi")
        v = nfc(v.strip())
        user = ctx.users_by_name.get(v)
        if (user is not None and USERNAME_RX.fullmatch(v) and
                organ_key(user) == organ_key(req.user)):
            out.append(("user", v, user["full_name"]))
        elif ORGAN_ID_RX.fullmatch(v) and v in organs:
            out.append(("organ", v, organs[v]))
        else:
            raise bad("recipients", "Không biết nơi nhận \u201c%s\u201d "
                      "(mã cơ quan hoặc tên đăng nhập)" % v[:80])
    return out


def recipient_object(kind, ref, name):
    if kind == "user":
        return {"username": ref, "full_name": name}
    if kind == "organ":
        return {"organ_id": ref, "organ_name": name}
    return {"name": name}


def map_recipient(ctx, organ, text, organs):
    """A nơi nhận line of the draft ("UBND huyện Hoằng Hóa", "Lưu: VT")
    as (kind, ref, name): an organ or a person of ORGAN when the name is
    known, ("text", text, text) when it is sent by other means, None
    for the archive copy ("Lưu")."""
    text = nfc(text).strip().lstrip("-+• ").rstrip(";,. ").strip()
    if not text or fold(text).startswith("luu"):
        return None
    for oid, name in organs.items():
        if fold(name) == fold(text) or oid == text:
            return ("organ", oid, name)
    for u in ctx.users_by_id.values():
        if organ_key(u) == organ and (u["username"] == text or
                                      fold(u["full_name"]) == fold(text)):
            return ("user", u["username"], u["full_name"])
    return ("text", text, text)


def draft_recipients(ctx, draft_id):
    """The draft's nơi nhận (drafts.recipients, the drafter's lines),
    mapped to organs and people where the name is known."""
    row = ctx.store.conn().execute("SELECT * FROM drafts WHERE id=?",
                                   (draft_id,)).fetchone()
    if row is None or "recipients" not in row.keys() or \
            not row["recipients"]:
        return []
    organs = known_organs(ctx)
    out = []
    for text in json.loads(row["recipients"]):
        if isinstance(text, str):
            r = map_recipient(ctx, "", text, organs)
            if r is not None:
                out.append(r)
    return merged(out, [])


def merged(first, extra):
    seen, out = set(), []
    for r in list(first) + list(extra):
        if (r[0], r[1]) not in seen:
            seen.add((r[0], r[1]))
            out.append(r)
    return out


# -- numbers --------------------------------------------------------------

def live_reservation(conn, draft_id):
    return conn.execute(
        "SELECT * FROM number_reservations WHERE draft_id=? AND "
        "state='reserved' ORDER BY id DESC LIMIT 1", (draft_id,)).fetchone()


def next_number(c, notation, year):
    """The smallest number of YEAR for NOTATION nobody holds."""
    taken = {r[0] for r in c.execute(
        "SELECT number FROM number_reservations WHERE code_notation=? AND "
        "year=? AND state IN ('reserved', 'issued')", (notation, year))}
    for r in c.execute("SELECT code_number FROM drafts WHERE "
                       "code_notation=? AND substr(issued_date, 1, 4)=? "
                       "AND code_number != ''", (notation, str(year))):
        if r[0].isdigit():
            taken.add(int(r[0]))
    n = 1
    while n in taken:
        n += 1
    return n


def number_text(n):
    """'05' below 10 (Decree 30), else the number."""
    return "%02d" % n


def date_line(place, day):
    """'Hoằng Quý, ngày 02 tháng 12 năm 2026' (months 1-2: '02')."""
    month = "%02d" % day.month if day.month <= 2 else "%d" % day.month
    return "%s, ngày %02d tháng %s năm %d" % (place, day.day, month,
                                              day.year)


def reservation_object(ctx, r):
    number = number_text(r["number"])
    return {"id": "r%d" % r["id"], "draft_id": "d%d" % r["draft_id"],
            "code_number": number, "code_notation": r["code_notation"],
            "number_notation": "%s/%s" % (number, r["code_notation"]),
            "issued_date": r["issued_date"],
            "promulgation_place": r["place"],
            "number_line": "Số: %s/%s" % (number, r["code_notation"]),
            "date_line": date_line(
                r["place"], datetime.date.fromisoformat(r["issued_date"])),
            # Nơi nhận: the draft's, then those the clerk added.
            "recipients": [recipient_object(*x) for x in merged(
                draft_recipients(ctx, r["draft_id"]),
                [tuple(x) for x in json.loads(r["recipients"])])],
            "state": r["state"],
            "reserved_by": _person(ctx, r["user_id"]),
            "reserved_at": iso_time(r["created_at"])}


def _person(ctx, uid):
    from .api import person
    return person(ctx, uid)


def reserve(ctx, req, ident):
    """POST /drafts/{id}/number."""
    from .api import (ApiError, add_history, forbidden, invalid_state,
                      json_body, load_draft, touch_draft)
    draft, roles = load_draft(ctx, req, ident)
    if "clerk" not in roles:
        raise forbidden("Chỉ văn thư được cấp số văn bản")
    if draft["state"] != "signed":
        raise invalid_state("Chỉ cấp số cho dự thảo đã được lãnh đạo ký "
                            "(đang ở trạng thái %s)" % draft["state"])
    body = json_body(req, required=False)
    extra = parse_recipients(ctx, req, body.get("recipients"))
    place = self_place(ctx)
    if not place:
        raise ApiError(500, "internal_error", "Chưa cấu hình địa danh")
    with ctx.store.write() as c:
        r = live_reservation(c, draft["id"])
        status = 200
        if r is None:
            today = today_vn()
            number = next_number(c, draft["code_notation"], today.year)
            rid = c.execute(
                "INSERT INTO number_reservations(draft_id, code_notation, "
                "year, number, issued_date, place, recipients, state, "
                "user_id, created_at) VALUES(?,?,?,?,?,?,?,?,?,?)",
                (draft["id"], draft["code_notation"], today.year, number,
                 today.isoformat(), place,
                 json.dumps(extra, ensure_ascii=False), "reserved",
                 req.user["id"], now())).lastrowid
            add_history(c, "draft", draft["id"], "number_reserved",
                        req.user["id"], "Giữ số %s/%s" % (
                            number_text(number), draft["code_notation"]))
            touch_draft(c, ctx, draft["id"])
            status = 201
        else:
            rid = r["id"]
            if extra:
                old = [tuple(x) for x in json.loads(r["recipients"])]
                c.execute("UPDATE number_reservations SET recipients=? "
                          "WHERE id=?", (json.dumps(merged(old, extra),
                                                    ensure_ascii=False), rid))
    r = ctx.store.conn().execute("SELECT * FROM number_reservations WHERE "
                                 "id=?", (rid,)).fetchone()
    return status, {"reservation": reservation_object(ctx, r)}


def release(ctx, req, ident):
    """POST /drafts/{id}/number/release."""
    from .api import (add_history, forbidden, load_draft, not_found,
                      touch_draft)
    draft, roles = load_draft(ctx, req, ident)
    if "clerk" not in roles:
        raise forbidden("Chỉ văn thư được trả lại số văn bản")
    with ctx.store.write() as c:
        r = live_reservation(c, draft["id"])
        if r is None:
            raise not_found("số đang giữ của dự thảo này")
        c.execute("UPDATE number_reservations SET state='released' "
                  "WHERE id=?", (r["id"],))
        add_history(c, "draft", draft["id"], "number_released",
                    req.user["id"], "Trả lại số %s/%s" % (
                        number_text(r["number"]), r["code_notation"]))
        touch_draft(c, ctx, draft["id"])
    r = ctx.store.conn().execute("SELECT * FROM number_reservations WHERE "
                                 "id=?", (r["id"],)).fetchone()
    return 200, {"reservation": reservation_object(ctx, r)}


# -- the upload -----------------------------------------------------------

def read_fields(data):
    """{field full name: value} of the PDF's form (qpdf --json)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        r = subprocess.run(["qpdf", "--json", "--json-key=acroform",
                            f.name], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, timeout=120)
    if r.returncode not in (0, 3):
        return {}
    try:
        fields = json.loads(r.stdout.decode("utf-8"))["acroform"]["fields"]
    except (ValueError, KeyError, TypeError):
        return {}
    out = {}
    for fl in fields:
        name, value = fl.get("fullname"), fl.get("value")
        if not isinstance(name, str) or not isinstance(value, str):
            continue
        value = value[2:] if value.startswith("u:") else value
        if name in out and out[name] != value:
            out[name] = None        # two values: ambiguous
        else:
            out.setdefault(name, nfc(value))
    return out


def check_upload(ctx, draft, data):
    """Before an agency-signed upload is accepted: the reservation it
    answers (or None on the legacy path), refusing a number that is not
    the reserved one."""
    from .api import ApiError
    r = live_reservation(ctx.store.conn(), draft["id"])
    fields = read_fields(data)
    number = fields.get("code_number")
    if r is None:
        if number:
            raise ApiError(409, "number_not_reserved",
                           "Văn bản đã ghi số \u201c%s\u201d nhưng chưa "
                           "giữ số: hãy cấp số trước" % number[:60])
        return None
    obj = reservation_object(ctx, r)
    if number != obj["number_line"]:
        raise ApiError(422, "number_mismatch",
                       "Số trong văn bản (\u201c%s\u201d) khác số đã cấp "
                       "(\u201c%s\u201d)" % ((number or "")[:60],
                                           obj["number_line"]))
    if fields.get("promulgation_date") != obj["date_line"]:
        raise ApiError(422, "number_mismatch",
                       "Ngày tháng trong văn bản (\u201c%s\u201d) khác ngày "
                       "đã cấp (\u201c%s\u201d)" % (
                           (fields.get("promulgation_date") or "")[:80],
                           obj["date_line"]))
    return r


def assign(c, draft, r):
    """Write the number and the issue date into the draft (issuing)."""
    if r is None:                          # legacy: numbered on upload
        today = today_vn()
        number = number_text(next_number(c, draft["code_notation"],
                                         today.year))
        issued = today.isoformat()
    else:
        number, issued = number_text(r["number"]), r["issued_date"]
        c.execute("UPDATE number_reservations SET state='issued' WHERE id=?",
                  (r["id"],))
    c.execute("UPDATE drafts SET code_number=?, issued_date=? WHERE id=?",
              (number, issued, draft["id"]))
    return number, issued


def distribute(c, ctx, draft, r, sha, filename, pages, uid):
    """Send the issued document to its recipients."""
    from .api import add_history
    extra = [tuple(x) for x in json.loads(r["recipients"])] if r else []
    recips = merged(draft_recipients(ctx, draft["id"]), extra)
    d = c.execute("SELECT * FROM drafts WHERE id=?",
                  (draft["id"],)).fetchone()
    hosted = {row["organ_id"] for row in c.execute(
        "SELECT organ_id FROM organs")}
    users = [x for x in recips if x[0] == "user"]
    sent = []
    for kind, ref, name in recips:
        incoming_id = None
        if kind == "organ" and ref in hosted:
            incoming_id = deliver(c, ctx, d, ref, recips, sha, filename,
                                  pages, "01", uid)
        sent.append(name)
        c.execute("INSERT INTO distributions(draft_id, kind, ref, name, "
                  "incoming_id, at) VALUES(?,?,?,?,?,?)",
                  (draft["id"], kind, ref, name, incoming_id, now()))
    if users:
        doc = deliver(c, ctx, d, None, recips, sha, filename, pages, "03",
                      uid)
        for _, ref, _ in users:
            user = ctx.users_by_name.get(ref)
            if user is not None:
                c.execute("INSERT OR IGNORE INTO forwards(incoming_id, "
                          "user_id) VALUES(?,?)", (doc, user["id"]))
    if sent:
        add_history(c, "draft", draft["id"], "distributed", uid,
                    "Phát hành đến: " + "; ".join(sent))


def deliver(c, ctx, d, organ, recips, sha, filename, pages, status, uid):
    """One incoming document for ORGAN (None: this organisation)."""
    org = ctx.store.organization()
    signer = ctx.users_by_id.get(d["signer_id"], {})
    seq = ctx.store.next_seq()
    text = " ".join((d["subject"], "%s/%s" % (d["code_number"],
                                             d["code_notation"]),
                     org["organ_name"], TYPE_NAMES.get(d["type_code"], "")))
    doc = c.execute(
        "INSERT INTO incoming(code_number, code_notation, type_code, "
        "issued_date, promulgation_place, organ_id, organ_name, subject, "
        "signer_competence, signer_position, signer_name, urgency, "
        "due_date, arrival_number, arrival_date, page_amount, status, "
        "recipients, fold, seq, updated_at, organ_owner, source_draft_id) "
        "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (d["code_number"], d["code_notation"], d["type_code"],
         d["issued_date"], org.get("place") or "", org["organ_id"],
         org["organ_name"], d["subject"], d["signer_competence"] or "",
         d["signer_position"] or "", signer.get("full_name", ""),
         d["urgency"], None, None, today_vn().isoformat(), pages, status,
         json.dumps([x[2] for x in recips], ensure_ascii=False), fold(text),
         seq, now(), organ, d["id"])).lastrowid
    c.execute("INSERT INTO attachments(sha256, filename, owner_kind, "
              "owner_id) VALUES(?,?,?,?)", (sha, filename, "incoming", doc))
    c.execute("INSERT INTO history(owner_kind, owner_id, at, action, status, "
              "actor_id, note, version_id) VALUES(?,?,?,?,?,?,?,?)",
              ("incoming", doc, now(), "arrived", "01",
               None if organ else uid,
               "Nhận từ %s" % org["organ_name"] if organ else
               "Văn bản phát hành nội bộ", None))
    return doc


# -- the outgoing register ------------------------------------------------

def register(ctx, req):
    """GET /outgoing: the outgoing register (sổ đăng ký văn bản đi)."""
    from .api import bad, forbidden, query_one
    if organ_key(req.user):
        raise forbidden("Sổ văn bản đi thuộc cơ quan khác")
    year = query_one(req, "year")
    if year is None:
        year = str(today_vn().year)
    if not re.fullmatch(r"\d{4}", year):
        raise bad("year", "year phải là năm, ví dụ 2026")
    conn = ctx.store.conn()
    items = []
    for d in conn.execute(
            "SELECT * FROM drafts WHERE state='issued' AND "
            "substr(issued_date, 1, 4)=? ORDER BY issued_date, "
            "code_notation, CAST(code_number AS INTEGER), id", (year,)):
        signer = ctx.users_by_id.get(d["signer_id"], {})
        sent = [r["name"] for r in conn.execute(
            "SELECT name FROM distributions WHERE draft_id=? ORDER BY rowid",
            (d["id"],))]
        if not sent:
            sent = [x[2] for x in draft_recipients(ctx, d["id"])]
        v = conn.execute(
            "SELECT v.attachment_id FROM versions v WHERE v.draft_id=? "
            "ORDER BY v.number DESC LIMIT 1", (d["id"],)).fetchone()
        items.append({
            "draft_id": "d%d" % d["id"],
            "code_number": d["code_number"],
            "code_notation": d["code_notation"],
            "number_notation": "%s/%s" % (d["code_number"],
                                          d["code_notation"]),
            "issued_date": d["issued_date"],
            "type_code": d["type_code"],
            "type_name": TYPE_NAMES.get(d["type_code"], d["type_code"]),
            "subject": d["subject"],
            "signer": {"competence": d["signer_competence"] or "",
                       "position": d["signer_position"] or "",
                       "full_name": signer.get("full_name", "")},
            "recipients": sent,
            "copies": len(sent),
            "attachment_id": "a%d" % v[0] if v else None})
    return 200, {"year": int(year), "items": items}


def draft_extra(ctx, draft_id):
    """Fields added to a draft's detail: the reservation."""
    r = live_reservation(ctx.store.conn(), draft_id)
    return {"reservation": reservation_object(ctx, r) if r else None}


def seed_recipients(c, draft_id, names):
    """Seed: the nơi nhận lines of a draft, as its PDF prints them."""
    c.execute("UPDATE drafts SET recipients=? WHERE id=?",
              (json.dumps([nfc(n) for n in names], ensure_ascii=False),
               draft_id))


def load_known_organs(seed_dir):
    """organ_id -> organ_name from seed/organs.json (senders, hosted)."""
    try:
        with open(os.path.join(seed_dir, "organs.json"),
                  encoding="utf-8") as f:
            organs = json.load(f)
    except OSError:
        return {}
    out = {o["organ_id"]: nfc(o["organ_name"])
           for o in organs.get("senders", {}).values()}
    for o in organs.get("hosted", []):
        out[o["organ_id"]] = nfc(o["organ_name"])
    return out
