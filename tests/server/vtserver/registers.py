"""The clerk's incoming side (docs/api.md section 5, "Registration"):
registering an arrived document in the yearly incoming sequence
(Decree 30/2020/ND-CP art. 22) and the incoming register (sổ đăng ký văn
bản đến, Appendix IV).

Arrival numbers come from one counter per year (table arrival_counters),
read and advanced inside the same serialised write transaction that
registers the document, so two clerks registering at once get distinct
consecutive numbers; a number is never reused, even when its document is
later recalled or returned.
"""

from .api import (ApiError, add_history, bad, forbidden, incoming_detail,
                  invalid_state, json_body, load_incoming, query_one,
                  text_field, touch_incoming)
from .store import TYPE_NAMES, today_vn

SCHEMA = """
CREATE TABLE IF NOT EXISTS arrival_counters (
  year INTEGER PRIMARY KEY, last INTEGER NOT NULL);
"""

URGENCY_NAMES = {1: "Khẩn", 2: "Thượng khẩn", 3: "Hỏa tốc",
                 4: "Hỏa tốc hẹn giờ"}


def migrate(store):
    """Create the counters; on a database made before registration existed,
    start each year's counter after the largest number already given and
    take the numbers off documents that were never registered (status 01
    without a "registered" step), which the old seed numbered."""
    with store.write() as c:
        for stmt in SCHEMA.strip().split(";"):
            if stmt.strip():
                c.execute(stmt)
        if store.get_meta("arrival_register") is not None:
            return
        for year, last in c.execute(
                "SELECT CAST(substr(arrival_date, 1, 4) AS INTEGER), "
                "MAX(arrival_number) FROM incoming WHERE arrival_number "
                "IS NOT NULL GROUP BY 1").fetchall():
            c.execute("INSERT INTO arrival_counters(year, last) VALUES(?, ?) "
                      "ON CONFLICT(year) DO UPDATE SET last=MAX(last, "
                      "excluded.last)", (year, last))
        c.execute("UPDATE incoming SET arrival_number=NULL WHERE "
                  "status='01' AND NOT EXISTS (SELECT 1 FROM history h "
                  "WHERE h.owner_kind='incoming' AND h.owner_id=incoming.id "
                  "AND h.action='registered')")
        store.set_meta("arrival_register", "1")


def next_arrival_number(c, year):
    """Advance and return the year's counter.  Call inside a write."""
    row = c.execute("SELECT last FROM arrival_counters WHERE year=?",
                    (year,)).fetchone()
    if row is None:
        last = c.execute("SELECT COALESCE(MAX(arrival_number), 0) FROM "
                         "incoming WHERE substr(arrival_date, 1, 4)=?",
                         ("%04d" % year,)).fetchone()[0]
        c.execute("INSERT INTO arrival_counters(year, last) VALUES(?, ?)",
                  (year, last))
    else:
        last = row[0]
    c.execute("UPDATE arrival_counters SET last=? WHERE year=?",
              (last + 1, year))
    return last + 1


def register_incoming(ctx, req, ident):
    """POST /incoming/{id}/register: the clerk enters an arrived document
    in the incoming register; the server gives the number and the date."""
    row = load_incoming(ctx, req, ident)
    body = json_body(req, required=False)
    note = text_field(body, "note", False, 2000) or ""
    if req.user["role"] != "clerk":
        raise forbidden("Chỉ văn thư được vào sổ văn bản đến")
    uid = req.user["id"]
    today = today_vn()
    with ctx.store.write() as c:
        status = c.execute("SELECT status FROM incoming WHERE id=?",
                           (row["id"],)).fetchone()
        if status is None:
            raise ApiError(404, "not_found", "Không tìm thấy văn bản")
        if status[0] != "01":
            raise invalid_state("Văn bản đã được vào sổ hoặc xử lý "
                                "(trạng thái %s)" % status[0])
        number = next_arrival_number(c, today.year)
        c.execute("UPDATE incoming SET arrival_number=?, arrival_date=? "
                  "WHERE id=?", (number, today.isoformat(), row["id"]))
        text = "Vào sổ văn bản đến số %d" % number
        add_history(c, "incoming", row["id"], "registered", uid,
                    text + (" — " + note if note else ""), "03")
        touch_incoming(c, ctx, row["id"], "03")
    return 200, incoming_detail(ctx, req, row["id"])


def receivers(ctx, conn, doc_id):
    """Who received the document inside the agency: the assignees (lead
    first) and the people it was forwarded to, as "Name (role)"."""
    names = []
    roles = {"lead": "chủ trì", "cooperate": "phối hợp", "inform": "để biết"}
    order = {"lead": 0, "cooperate": 1, "inform": 2}
    rows = conn.execute("SELECT user_id, role FROM assignments WHERE "
                        "incoming_id=? ORDER BY rowid", (doc_id,)).fetchall()
    for r in sorted(rows, key=lambda r: order.get(r["role"], 9)):
        u = ctx.users_by_id.get(r["user_id"])
        if u:
            names.append("%s (%s)" % (u["full_name"], roles.get(r["role"],
                                                                 r["role"])))
    seen = {r["user_id"] for r in rows}
    for r in conn.execute("SELECT user_id FROM forwards WHERE incoming_id=? "
                          "ORDER BY user_id", (doc_id,)):
        u = ctx.users_by_id.get(r["user_id"])
        if u and r["user_id"] not in seen:
            names.append(u["full_name"])
    return names


def register_notes(conn, row):
    """The register's notes: urgency, the registration note, and what
    became of the document (returned with the reason, completed)."""
    notes = []
    if row["urgency"] in URGENCY_NAMES:
        notes.append(URGENCY_NAMES[row["urgency"]])
    for h in conn.execute("SELECT action, note FROM history WHERE "
                          "owner_kind='incoming' AND owner_id=? AND action IN "
                          "('registered', 'returned', 'completed') "
                          "ORDER BY at, id", (row["id"],)):
        if h["action"] == "registered":
            extra = (h["note"] or "").split(" — ", 1)
            if len(extra) == 2 and extra[1]:
                notes.append(extra[1])
        elif h["action"] == "returned":
            notes.append("Đã trả lại: " + (h["note"] or ""))
        elif h["action"] == "completed":
            notes.append("Đã hoàn thành")
    return "; ".join(notes)


def incoming_register(ctx, req):
    """GET /registers/incoming?year=Y: the year's register, by number."""
    year = query_one(req, "year")
    if year is None:
        year = today_vn().year
    elif not (year.isdigit() and len(year) == 4):
        raise bad("year", "year phải là năm có 4 chữ số")
    else:
        year = int(year)
    limit = query_one(req, "limit")
    if limit is None:
        limit = 500
    elif not limit.isdigit() or not 1 <= int(limit) <= 1000:
        raise bad("limit", "limit phải từ 1 đến 1000")
    else:
        limit = int(limit)
    after = query_one(req, "cursor")
    if after is not None and not after.isdigit():
        raise ApiError(400, "invalid_cursor", "cursor hỏng", "cursor")
    conn = ctx.store.conn()
    where = ("arrival_number IS NOT NULL AND substr(arrival_date, 1, 4)=?")
    params = ["%04d" % year]
    total = conn.execute("SELECT COUNT(*) FROM incoming WHERE " + where,
                         params).fetchone()[0]
    if after is not None:
        where += " AND arrival_number > ?"
        params.append(int(after))
    rows = conn.execute("SELECT * FROM incoming WHERE " + where +
                        " ORDER BY arrival_number, id LIMIT ?",
                        params + [limit + 1]).fetchall()
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = str(rows[-1]["arrival_number"])
    items = []
    for r in rows:
        number = r["code_number"] or ""
        items.append({
            "id": "i%d" % r["id"],
            "arrival_number": r["arrival_number"],
            "arrival_date": r["arrival_date"],
            "organ": {"organ_id": r["organ_id"],
                      "organ_name": r["organ_name"]},
            "code_number": number,
            "code_notation": r["code_notation"],
            "number_notation": ("%s/%s" % (number, r["code_notation"])
                                if number else r["code_notation"]),
            "issued_date": r["issued_date"],
            "type_code": r["type_code"],
            "type_name": TYPE_NAMES.get(r["type_code"], r["type_code"]),
            "subject": r["subject"],
            "receivers": receivers(ctx, conn, r["id"]),
            "due_date": r["due_date"],
            "status": r["status"],
            "notes": register_notes(conn, r),
        })
    return 200, {"year": year, "items": items, "total": total,
                 "next_cursor": next_cursor}


ROUTES = [
    ("POST", r"/incoming/(?P<ident>[^/]+)/register", register_incoming,
     True, "json"),
    ("GET", r"/registers/incoming", incoming_register, True, None),
]
