"""Creating drafts: POST /drafts (docs/api.md section 7).

The request is multipart/form-data (RFC 7578) with two parts: "metadata"
(application/json: the Decree 30 fields of the new draft) and "file"
(application/pdf: its first version).  Every field is checked and the
first fault answers with its field named; nothing is stored on refusal.
Also: the extra summary fields of a draft (recipients, whose turn it
is, the last return reason) and the schema columns they need.
"""

import json
import re

from . import api
from .store import TYPE_NAMES, nfc, now

COMPETENCES = ("", "TM.", "KT.", "Q.", "TL.", "TUQ.")
RECIPIENTS_MAX = 50
REVIEWERS_MAX = 10

# Added to the drafts table of existing databases (upgrades keep data).
COLUMNS = (("recipients", "TEXT NOT NULL DEFAULT '[]'"),)


def migrate(conn):
    """Add this module's columns to an older database (idempotent)."""
    have = {r[1] for r in conn.execute("PRAGMA table_info(drafts)")}
    for name, decl in COLUMNS:
        if name not in have:
            conn.execute("ALTER TABLE drafts ADD COLUMN %s %s" % (name, decl))


def parse_multipart(req):
    """The parts of a multipart/form-data body: {name: (headers, bytes)}."""
    ctype = req.headers.get("Content-Type", "")
    m = re.match(r"\s*multipart/form-data\s*;(.*)$", ctype, re.I)
    if not m:
        raise api.ApiError(415, "unsupported_media_type",
                       "Cần Content-Type: multipart/form-data (phần "
                       "metadata và phần file)")
    bm = re.search(r'boundary="?([^";]+)"?', m.group(1), re.I)
    if not bm:
        raise api.bad("Content-Type", "Thiếu boundary của multipart/form-data")
    delim = b"--" + bm.group(1).encode("latin-1")
    body = req.body
    parts = {}
    start = body.find(delim)
    if start < 0:
        raise api.bad("file", "Nội dung multipart hỏng")
    pos = start + len(delim)
    while True:
        if body[pos:pos + 2] == b"--":
            break
        if body[pos:pos + 2] != b"\r\n":
            raise api.bad("file", "Nội dung multipart hỏng")
        pos += 2
        end_head = body.find(b"\r\n\r\n", pos)
        if end_head < 0:
            raise api.bad("file", "Nội dung multipart hỏng")
        headers = {}
        for line in body[pos:end_head].split(b"\r\n"):
            name, _, value = line.decode("utf-8", "replace").partition(":")
            headers[name.strip().lower()] = value.strip()
        nxt = body.find(b"\r\n" + delim, end_head + 4)
        if nxt < 0:
            raise api.bad("file", "Nội dung multipart hỏng")
        disp = headers.get("content-disposition", "")
        nm = re.search(r'\bname="([^"]*)"', disp)
        if nm:
            fn = re.search(r'\bfilename="([^"]*)"', disp)
            headers["filename"] = fn.group(1) if fn else None
            parts[nm.group(1)] = (headers, body[end_head + 4:nxt])
        pos = nxt + 2 + len(delim)
    return parts


def user_named(ctx, value, field):
    if not isinstance(value, str) or not value:
        raise api.bad(field, "Thiếu tên đăng nhập (%s)" % field)
    user = ctx.users_by_name.get(value)
    if user is None:
        raise api.bad(field, "Không có người dùng %s" % value)
    return user


def text_list(meta, field, max_items, max_len):
    value = meta.get(field, [])
    if value is None:
        return []
    if not isinstance(value, list) or len(value) > max_items:
        raise api.bad(field, "%s phải là danh sách tối đa %d mục" %
                  (field, max_items))
    out = []
    for item in value:
        if not isinstance(item, str) or not nfc(item).strip():
            raise api.bad(field, "Mỗi mục của %s phải là chuỗi không rỗng" %
                      field)
        if len(nfc(item).strip()) > max_len:
            raise api.bad(field, "Mỗi mục của %s dài tối đa %d ký tự" %
                      (field, max_len))
        out.append(nfc(item).strip())
    return out


def check_metadata(ctx, req, meta):
    """The validated fields of a new draft (a dict), or ApiError."""
    type_code = meta.get("type_code")
    if not isinstance(type_code, str):
        raise api.bad("type_code", "Thiếu loại văn bản (type_code)")
    type_code = nfc(type_code).strip()
    if type_code not in TYPE_NAMES:
        raise api.bad("type_code", "Loại văn bản không có trong Phụ lục III "
                  "Nghị định 30/2020/NĐ-CP: %s" % type_code)
    subject = api.text_field(meta, "subject", True, 500)
    urgency = meta.get("urgency", 0)
    if not isinstance(urgency, int) or isinstance(urgency, bool) or \
            not 0 <= urgency <= 4:
        raise api.bad("urgency", "Độ khẩn phải từ 0 đến 4")
    due = api.date_field(meta.get("due_date"), "due_date")
    signer = user_named(ctx, meta.get("signer"), "signer")
    if signer["role"] != "leader":
        raise api.bad("signer", "Người ký %s không phải lãnh đạo" %
                  signer["full_name"])
    if signer["id"] == req.user["id"]:
        raise api.bad("signer", "Người soạn thảo không tự ký dự thảo của mình")
    competence = meta.get("signer_competence", "")
    if competence is None:
        competence = ""
    if competence not in COMPETENCES:
        raise api.bad("signer_competence", "Thẩm quyền ký phải là một trong "
                  "TM., KT., Q., TL., TUQ. hoặc để trống")
    position = api.text_field(meta, "signer_position", False, 100)
    if not position:
        position = signer["position"]
    reviewers = []
    names = meta.get("reviewers", [])
    if names is None:
        names = []
    if not isinstance(names, list) or len(names) > REVIEWERS_MAX:
        raise api.bad("reviewers", "reviewers phải là danh sách tối đa %d "
                  "người" % REVIEWERS_MAX)
    for name in names:
        user = user_named(ctx, name, "reviewers")
        if user["id"] in (signer["id"], req.user["id"]) or \
                user["id"] in reviewers:
            raise api.bad("reviewers", "Người kiểm tra %s trùng với người ký, "
                      "người soạn hoặc đã có" % user["full_name"])
        reviewers.append(user["id"])
    recipients = text_list(meta, "recipients", RECIPIENTS_MAX, 200)
    notation = api.text_field(meta, "code_notation", False, 30)
    if not notation:
        notation = type_code + "-UBND" if type_code else "UBND"
    return {"type_code": type_code, "subject": subject, "urgency": urgency,
            "due_date": due, "signer": signer, "competence": competence,
            "position": position, "reviewers": reviewers,
            "recipients": recipients, "code_notation": notation}


def check_file(ctx, part):
    """The PDF bytes of the "file" part: not_pdf, or 413 with the limit."""
    from . import server
    data = part[1]
    limit = server.PDF_LIMIT
    if len(data) > limit:
        raise api.ApiError(413, "payload_too_large",
                       "Tệp dự thảo lớn quá giới hạn %d byte" % limit,
                       "file", extra={"limit": limit})
    if not data.startswith(b"%PDF-"):
        raise api.ApiError(422, "not_pdf", "Tệp dự thảo không phải PDF",
                           "file")
    pages = ctx.count_pages(data)
    if pages is None:
        raise api.ApiError(422, "not_pdf", "Tệp dự thảo không đọc được như "
                       "một PDF", "file")
    return data, pages


def safe_filename(name, draft_id):
    name = nfc(name or "").replace("/", "_").replace("\\", "_").strip()
    name = "".join(ch for ch in name if ch >= " ")[:200]
    if not name.lower().endswith(".pdf"):
        name = "du-thao-d%d.pdf" % draft_id
    return name


def create_draft(ctx, req):
    """POST /drafts: a new draft with its first version (201)."""
    parts = parse_multipart(req)
    if "metadata" not in parts:
        raise api.bad("metadata", "Thiếu phần metadata")
    try:
        meta = json.loads(parts["metadata"][1].decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise api.ApiError(400, "invalid_json", "metadata không phải JSON",
                           "metadata")
    if not isinstance(meta, dict):
        raise api.ApiError(400, "invalid_json",
                           "metadata phải là một object", "metadata")
    fields = check_metadata(ctx, req, meta)
    if "file" not in parts:
        raise api.bad("file", "Thiếu tệp dự thảo (phần file)")
    data, pages = check_file(ctx, parts["file"])
    uid = req.user["id"]
    state = "in_review" if fields["reviewers"] else "awaiting_signer"
    with ctx.store.write() as c:
        draft_id = c.execute(
            "INSERT INTO drafts(type_code, code_notation, subject, urgency, "
            "due_date, state, drafter_id, signer_id, signer_position, "
            "signer_competence, seq, updated_at, recipients) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (fields["type_code"], fields["code_notation"], fields["subject"],
             fields["urgency"], fields["due_date"], state, uid,
             fields["signer"]["id"], fields["position"],
             fields["competence"], ctx.store.next_seq(), now(),
             json.dumps(fields["recipients"], ensure_ascii=False))
        ).lastrowid
        for rid in fields["reviewers"]:
            c.execute("INSERT INTO reviewers(draft_id, user_id) VALUES(?,?)",
                      (draft_id, rid))
        vid = api.store_version(
            c, ctx, draft_id, data, "draft", uid,
            safe_filename(parts["file"][0].get("filename"), draft_id), [],
            pages)
        api.add_history(c, "draft", draft_id, "created", uid, None,
                        version=vid)
    return 201, {"draft": api.draft_detail(ctx, req, draft_id)}


def turn_of(ctx, draft):
    """Whose turn it is: the persons who act next (docs/api.md, state)."""
    state = draft["state"]
    if state == "in_review":
        return [api.person(ctx, r["user_id"])
                for r in api.reviewers_of(ctx, draft["id"])
                if r["approved_at"] is None]
    if state in ("awaiting_signer", "approved"):
        return [api.person(ctx, draft["signer_id"])]
    if state == "signed":
        return [api.person(ctx, u["id"]) for u in sorted(
            ctx.users_by_id.values(), key=lambda u: u["id"])
            if u["role"] == "clerk"]
    if state == "returned":
        return [api.person(ctx, draft["drafter_id"])]
    return []


def return_reason(ctx, draft):
    """The reason of the last return, when the draft is returned."""
    if draft["state"] != "returned":
        return None
    row = ctx.store.conn().execute(
        "SELECT note FROM history WHERE owner_kind='draft' AND owner_id=? "
        "AND action='returned' ORDER BY at DESC, id DESC LIMIT 1",
        (draft["id"],)).fetchone()
    return row["note"] if row else None


def summary_extra(ctx, draft):
    """Fields this module adds to every draft summary."""
    keys = draft.keys()
    recipients = json.loads(draft["recipients"]) \
        if "recipients" in keys and draft["recipients"] else []
    return {"recipients": recipients, "turn": turn_of(ctx, draft),
            "return_reason": return_reason(ctx, draft)}
