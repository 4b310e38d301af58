"""HTTP plumbing of the reference server.

TLS (ssl), threads (ThreadingHTTPServer), routing, JSON answers with
ETag / If-None-Match, gzip, Range on attachments, Idempotency-Key on
every POST, fault injection and the loopback-only admin endpoints.
"""

import base64
import gzip
import hashlib
import ipaddress
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from . import api, dossiers, drafts, outgoing, pki, registers, signcheck
from .api import ApiError
from .store import TYPE_NAMES, fold, nfc, now, today_vn

JSON_LIMIT = 1 << 20
PDF_LIMIT = 64 << 20
GZIP_MIN = 1024
FAULT_KINDS = ("delay", "drop", "status", "truncate", "badjson", "oversize",
               "expire_tokens", "pageloop", "field", "trickle", "stream")

# (method, path regex, handler, needs a token, body kind)
ROUTES = [
    ("POST", r"/auth/login", api.login, False, "json"),
    ("POST", r"/auth/logout", api.logout, True, "json"),
    ("GET", r"/me", api.me, True, None),
    ("GET", r"/users", api.users, True, None),
    ("GET", r"/incoming", api.list_incoming, True, None),
    ("GET", r"/incoming/(?P<ident>[^/]+)", api.get_incoming, True, None),
    ("POST", r"/incoming/(?P<ident>[^/]+)/read", api.mark_read, True, "json"),
    ("POST", r"/incoming/(?P<ident>[^/]+)/comments", api.comment, True,
     "json"),
    ("POST", r"/incoming/(?P<ident>[^/]+)/assign", api.assign, True, "json"),
    ("POST", r"/incoming/(?P<ident>[^/]+)/forward", api.forward, True,
     "json"),
    ("POST", r"/incoming/(?P<ident>[^/]+)/complete", api.complete, True,
     "json"),
    ("POST", r"/incoming/(?P<ident>[^/]+)/return", api.return_incoming, True,
     "json"),
    ("GET", r"/attachments/(?P<ident>[^/]+)", None, True, None),
    ("HEAD", r"/attachments/(?P<ident>[^/]+)", None, True, None),
    ("GET", r"/drafts", api.list_drafts, True, None),
    ("POST", r"/drafts", drafts.create_draft, True, "multipart"),
    ("GET", r"/drafts/(?P<ident>[^/]+)", api.get_draft, True, None),
    ("POST", r"/drafts/(?P<ident>[^/]+)/annotations", api.annotate, True,
     "json"),
    ("POST", r"/drafts/(?P<ident>[^/]+)/approve", api.approve, True, "json"),
    ("POST", r"/drafts/(?P<ident>[^/]+)/return", api.return_draft, True,
     "json"),
    ("POST", r"/drafts/(?P<ident>[^/]+)/versions", api.new_version, True,
     "pdf"),
    ("POST", r"/drafts/(?P<ident>[^/]+)/versions/(?P<version_ident>[^/]+)"
     r"/signed", api.upload_signed, True, "pdf"),
    ("GET", r"/sync", api.sync, True, None),
    ("POST", r"/drafts/(?P<ident>[^/]+)/number", outgoing.reserve, True,
     "json"),
    ("POST", r"/drafts/(?P<ident>[^/]+)/number/release", outgoing.release,
     True, "json"),
    ("GET", r"/outgoing", outgoing.register, True, None),
] + registers.ROUTES
ROUTES += dossiers.ROUTES
COMPILED = [(m, re.compile(r"/api/v1" + p + r"/?"), h, a, b)
            for m, p, h, a, b in ROUTES]


class Request:
    """What a handler sees of the HTTP request."""

    def __init__(self, method, path, query, headers, body, peer):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.peer = peer
        self.user = None
        self.token_hash = None
        self.token_expires = None


class Reply:
    """An answer before it is written: status, headers, body or file."""

    def __init__(self, status, headers=None, body=b"", file=None):
        self.status = status
        self.headers = headers or []
        self.body = body
        self.file = file          # (path, start, length) for attachments
        self.stream = None        # chunks of a streamed list (api.Stream)
        self.is_json = False
        self.no_store = False     # an injected failure: never replayed

    def length(self):
        return self.file[2] if self.file else len(self.body)


def json_reply(status, obj, headers=None):
    if status == 204 or obj is None:
        r = Reply(status, headers)
        return r
    body = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()
    r = Reply(status, [("Content-Type", "application/json; charset=utf-8")]
              + (headers or []), body)
    r.is_json = True
    return r


def error_reply(err):
    headers = list(err.headers)
    if err.status == 401:
        headers.append(("WWW-Authenticate", 'Bearer realm="vanthu"'))
    body = {"code": err.code, "message": err.message, "field": err.field}
    body.update(getattr(err, "extra", {}))
    return json_reply(err.status, {"error": body}, headers)


class Faults:
    """The fault rules set through /admin/faults."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rules = []
        self.next_id = 1

    def add(self, rule):
        with self.lock:
            rule["id"] = self.next_id
            self.next_id += 1
            self.rules.append(rule)
            return dict(rule)

    def take(self, method, path):
        """The first rule matching this request (its count decremented)."""
        if not path.startswith("/api/v1/"):
            return None
        with self.lock:
            for rule in self.rules:
                if not path.startswith(rule["path_prefix"]):
                    continue
                if rule.get("method") and rule["method"] != method:
                    continue
                if rule["count"] > 0:
                    rule["count"] -= 1
                    if rule["count"] == 0:
                        self.rules.remove(rule)
                return dict(rule)
        return None

    def list(self):
        with self.lock:
            return [dict(r) for r in self.rules]

    def clear(self):
        with self.lock:
            self.rules = []


class Server:
    """The application: the store, the signature verifier, the faults."""

    def __init__(self, store, token_ttl, quiet=False):
        self.store = store
        self.token_ttl = token_ttl
        self.verifier = signcheck.Verifier(store.dir)
        registers.migrate(store)
        dossiers.init(store)
        self.faults = Faults()
        self.quiet = quiet
        self.reload_users()

    def reload_users(self):
        rows = self.store.conn().execute(
            "SELECT id, username, full_name, role, position, organ_owner "
            "FROM users")
        self.users_by_id = {r["id"]: dict(r) for r in rows}
        self.users_by_name = {u["username"]: u
                              for u in self.users_by_id.values()}

    def count_pages(self, data):
        """Page count of a PDF with qpdf (None if qpdf cannot tell)."""
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(data)
            f.flush()
            r = subprocess.run(["qpdf", "--show-npages", f.name],
                               stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
        try:
            return int(r.stdout.strip())
        except ValueError:
            return None

    # -- admin -----------------------------------------------------------

    def admin(self, req):
        path = req.path.rstrip("/")
        if path == "/admin/faults":
            if req.method == "GET":
                return json_reply(200, {"items": self.faults.list()})
            if req.method == "DELETE":
                self.faults.clear()
                return json_reply(204, None)
            if req.method == "POST":
                return self.add_fault(api.json_body(req))
            raise ApiError(405, "method_not_allowed", "GET, POST, DELETE")
        if path == "/admin/incoming" and req.method == "POST":
            return json_reply(201, {"id": self.admin_new_incoming(
                api.json_body(req, required=False))})
        reply = pki.admin(req, api.json_body, json_reply, api.bad)
        if reply is not None:
            return reply
        m = re.fullmatch(r"/admin/incoming/([^/]+)/recall", path)
        if m and req.method == "POST":
            doc_id = api.parse_id(m.group(1), "i")
            with self.store.write() as c:
                if c.execute("DELETE FROM incoming WHERE id=?",
                             (doc_id,)).rowcount == 0:
                    raise api.not_found("văn bản")
                c.execute("INSERT INTO tombstones(kind, id, seq) "
                          "VALUES('incoming', ?, ?)",
                          (doc_id, self.store.next_seq()))
            return json_reply(204, None)
        raise api.not_found("đường dẫn")

    def add_fault(self, body):
        kind = body.get("kind")
        if kind not in FAULT_KINDS:
            raise api.bad("kind", "kind phải là một trong " +
                          ", ".join(FAULT_KINDS))
        if kind == "expire_tokens":
            username = body.get("username")
            with self.store.write() as c:
                sql = ("UPDATE tokens SET expires_at=? WHERE expires_at>? "
                       "AND revoked=0")
                args = [now() - 1, now()]
                if username:
                    user = self.users_by_name.get(username)
                    if user is None:
                        raise api.bad("username", "Không có người dùng này")
                    sql += " AND user_id=?"
                    args.append(user["id"])
                n = c.execute(sql, args).rowcount
            return json_reply(201, {"expired": n})
        rule = {"kind": kind,
                "path_prefix": body.get("path_prefix") or "/api/v1/",
                "method": body.get("method"),
                "status": int(body.get("status") or 503),
                "retry_after": body.get("retry_after"),
                "delay_ms": int(body.get("delay_ms") or 2000),
                "size": int(body.get("size") or (64 << 20)),
                "count": int(body.get("count") or 1)}
        if kind == "status":
            if body.get("message") is not None:
                rule["message"] = str(body["message"])
            rule["raw_nul"] = bool(body.get("raw_nul"))
        if kind == "field":
            if not isinstance(body.get("field"), str) or "value" not in body:
                raise api.bad("field", "field và value là bắt buộc")
            rule["field"] = body["field"]
            rule["value"] = body["value"]
            rule["repeat"] = int(body.get("repeat") or 1)
            if not 1 <= rule["repeat"] <= (64 << 20):
                raise api.bad("repeat", "repeat phải từ 1 đến 67108864")
        if kind == "stream":
            if not isinstance(body.get("insert"), str):
                raise api.bad("insert", "insert là bắt buộc")
            rule["insert"] = body["insert"]
            rule["repeat"] = int(body.get("repeat") or 1)
            rule["at"] = int(body.get("at", 1))
            if not 1 <= rule["repeat"] <= (64 << 20):
                raise api.bad("repeat", "repeat phải từ 1 đến 67108864")
        if rule["count"] < 0:
            rule["count"] = -1
        if not 100 <= rule["status"] <= 599:
            raise api.bad("status", "status phải là mã HTTP")
        return json_reply(201, {"fault": self.faults.add(rule)})

    def admin_new_incoming(self, body):
        """Simulate a document arriving now (for sync tests and demos)."""
        org = {"organ_id": "000.00.31.H56",
               "organ_name": "UBND huyện Hoằng Hóa"}
        if isinstance(body.get("organ"), dict):
            org.update(body["organ"])
        subject = nfc(body.get("subject") or
                      "V/v báo cáo nhanh tình hình thiệt hại do mưa lớn")
        type_code = nfc(body.get("type_code", ""))
        today = today_vn().isoformat()
        # A PDF of the test's own (base64), else the first seeded one.
        pdf = body.get("pdf_base64")
        if pdf is not None:
            try:
                data = base64.b64decode(pdf, validate=True)
            except ValueError:
                raise api.bad("pdf_base64", "Không phải base64")
            if not data.startswith(b"%PDF-"):
                raise api.bad("pdf_base64", "Không phải tệp PDF")
            pages = self.count_pages(data)
        with self.store.write() as c:
            att = c.execute("SELECT sha256, filename FROM attachments WHERE "
                            "owner_kind='incoming' ORDER BY id LIMIT 1"
                            ).fetchone()
            if pdf is not None:
                att = {"sha256": self.store.put_file(data, pages),
                       "filename": nfc(body.get("filename") or
                                       "van-ban.pdf")}
            number = c.execute("SELECT COALESCE(MAX(arrival_number), 0) + 1 "
                               "FROM incoming").fetchone()[0]
            code_number = str(body.get("code_number", "%02d" % (number % 97)))
            notation = nfc(body.get("code_notation", "UBND"))
            doc_id = c.execute(
                "INSERT INTO incoming(code_number, code_notation, type_code, "
                "issued_date, promulgation_place, organ_id, organ_name, "
                "subject, signer_competence, signer_position, signer_name, "
                "urgency, due_date, arrival_number, arrival_date, "
                "page_amount, status, recipients, fold, seq, updated_at) "
                "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (code_number, notation, type_code, body.get("issued_date",
                                                            today),
                 "Hoằng Hóa", org["organ_id"], nfc(org["organ_name"]),
                 subject, "KT.", "Phó Chủ tịch", "Lê Văn Bình",
                 int(body.get("urgency", 0)), body.get("due_date"), None,
                 today, 1, "01", '["UBND các xã, thị trấn"]',
                 fold(" ".join((subject, code_number + "/" + notation,
                                org["organ_name"],
                                TYPE_NAMES.get(type_code, ""))))
                 , self.store.next_seq(), now())).lastrowid
            if att:
                c.execute("INSERT INTO attachments(sha256, filename, "
                          "owner_kind, owner_id) VALUES(?,?,?,?)",
                          (att["sha256"], att["filename"], "incoming",
                           doc_id))
            c.execute("INSERT INTO history(owner_kind, owner_id, at, action, "
                      "status, note) VALUES('incoming', ?, ?, 'arrived', "
                      "'01', 'Nhận qua trục liên thông văn bản')",
                      (doc_id, now()))
        return "i%d" % doc_id

    # -- API dispatch ------------------------------------------------------

    def route(self, req):
        """Find the route; return (handler, groups, needs_auth, body_kind)."""
        allowed = False
        for method, rx, handler, auth, body in COMPILED:
            m = rx.fullmatch(req.path)
            if m:
                if method == req.method:
                    return handler, m.groupdict(), auth, body
                allowed = True
        if allowed:
            raise ApiError(405, "method_not_allowed",
                           "Phương thức %s không dùng được ở đây" %
                           req.method)
        raise api.not_found("đường dẫn")

    def handle_api(self, req):
        """Authenticate, run the handler (with idempotency), build Reply."""
        handler, groups, needs_auth, _ = self.route(req)
        if needs_auth:
            api.authenticate(self, req)
        if handler is None:
            return self.attachment(req, **groups)
        if req.method != "POST":
            status, obj = handler(self, req, **groups)
            if isinstance(obj, api.Stream):
                reply = Reply(status, [("Content-Type", obj.content_type)])
                reply.stream = obj.chunks
                return reply
            reply = json_reply(status, obj)
            if req.method == "GET" and status == 200:
                self.add_etag(req, reply)
            return reply
        key = req.headers.get("Idempotency-Key")
        if key is None:
            return self.run_post(handler, req, groups)
        if not (1 <= len(key) <= 200 and
                all(33 <= ord(ch) <= 126 for ch in key)):
            raise api.bad("Idempotency-Key",
                          "Idempotency-Key: 1-200 ký tự ASCII in được")
        scope = "u%d" % req.user["id"] if req.user else "anonymous"
        fingerprint = hashlib.sha256(
            req.method.encode() + b" " + req.raw_target.encode() + b"\n" +
            req.body).hexdigest()
        with self.store.write_lock:
            row = self.store.conn().execute(
                "SELECT * FROM idempotency WHERE scope=? AND key=?",
                (scope, key)).fetchone()
            if row is not None:
                if row["fingerprint"] != fingerprint:
                    raise ApiError(422, "idempotency_key_reused",
                                   "Idempotency-Key đã dùng cho một yêu cầu "
                                   "khác")
                reply = Reply(row["status"],
                              [tuple(h) for h in json.loads(row["headers"])]
                              + [("Idempotent-Replayed", "true")],
                              bytes(row["body"]))
                reply.is_json = bool(row["body"])
                return reply
            reply = self.run_post(handler, req, groups)
            if reply.status < 500:
                with self.store.write() as c:
                    c.execute("INSERT INTO idempotency(scope, key, "
                              "fingerprint, status, headers, body, "
                              "created_at) VALUES(?,?,?,?,?,?,?)",
                              (scope, key, fingerprint, reply.status,
                               json.dumps(reply.headers), reply.body, now()))
            return reply

    def run_post(self, handler, req, groups):
        try:
            status, obj = handler(self, req, **groups)
        except ApiError as e:
            return error_reply(e)
        return json_reply(status, obj)

    def add_etag(self, req, reply):
        tag = 'W/"%s"' % hashlib.sha256(reply.body).hexdigest()[:32]
        reply.headers.append(("ETag", tag))
        if etag_matches(req.headers.get("If-None-Match"), tag):
            reply.status = 304
            reply.body = b""
            reply.is_json = False

    def attachment(self, req, ident):
        row = api.attachment_row(self, req, ident)
        size, sha = row["size"], row["sha256"]
        tag = '"%s"' % sha
        quoted = urllib.parse.quote(row["filename"])
        headers = [("Content-Type", "application/pdf"),
                   ("Content-Disposition",
                    "attachment; filename*=UTF-8''" + quoted),
                   ("ETag", tag), ("Accept-Ranges", "bytes"),
                   ("X-Content-SHA256", sha)]
        path = self.store.file_path(sha)
        if etag_matches(req.headers.get("If-None-Match"), tag):
            return Reply(304, headers)
        rng = req.headers.get("Range")
        if_range = req.headers.get("If-Range")
        if rng and (if_range is None or if_range.strip() == tag):
            parsed = parse_range(rng, size)
            if parsed == "unsatisfiable":
                raise ApiError(416, "range_not_satisfiable",
                               "Khoảng byte nằm ngoài tệp (%d byte)" % size,
                               headers=[("Content-Range", "bytes */%d" %
                                         size)])
            if parsed is not None:
                first, last = parsed
                return Reply(206, headers + [
                    ("Content-Range", "bytes %d-%d/%d" % (first, last, size))],
                    file=(path, first, last - first + 1))
        return Reply(200, headers, file=(path, 0, size))


def etag_matches(header, tag):
    if not header:
        return False
    if header.strip() == "*":
        return True
    weak = tag[2:] if tag.startswith("W/") else tag
    for item in header.split(","):
        item = item.strip()
        if item.startswith("W/"):
            item = item[2:]
        if item == weak:
            return True
    return False


def parse_range(header, size):
    """One byte range → (first, last); None to ignore; 'unsatisfiable'."""
    m = re.fullmatch(r"\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*", header)
    if not m:
        return None          # several ranges or another unit: whole file
    a, b = m.groups()
    if a == "" and b == "":
        return None
    if a == "":
        n = int(b)
        if n == 0:
            return "unsatisfiable"
        return max(0, size - n), size - 1
    first = int(a)
    if first >= size:
        return "unsatisfiable"
    last = size - 1 if b == "" else min(int(b), size - 1)
    if last < first:
        return None
    return first, last


def is_loopback(host):
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        return False
    if getattr(addr, "ipv4_mapped", None):
        addr = addr.ipv4_mapped
    return addr.is_loopback


class Handler(BaseHTTPRequestHandler):
    """One connection; HTTP/1.1 keep-alive."""

    protocol_version = "HTTP/1.1"
    server_version = "vanthu-refserver/1"
    sys_version = ""

    def setup(self):
        self.request.settimeout(60)
        # Headers and body go out in separate writes: without NODELAY,
        # Nagle's algorithm and the client's delayed ACK add 40 ms.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            self.request.do_handshake()
        except (ssl.SSLError, OSError):
            self.close_connection = True
            self.handshake_failed = True
        else:
            self.handshake_failed = False
            self.server.log_handshake(self.request)
        super().setup()

    def handle(self):
        if not self.handshake_failed:
            try:
                super().handle()
            except (ConnectionError, ssl.SSLError, socket.timeout):
                pass

    def log_message(self, fmt, *args):
        if not self.server.app.quiet:
            sys.stderr.write("refserver: %s %s\n" % (self.address_string(),
                                                     fmt % args))

    def do_GET(self):
        self.dispatch()

    do_POST = do_DELETE = do_PUT = do_PATCH = do_HEAD = do_GET

    def read_body(self, limit):
        """The request body (Content-Length or chunked), at most limit."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            out = bytearray()
            while True:
                line = self.rfile.readline(100)
                size = int(line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline(1000).strip():
                        pass
                    return bytes(out)
                if len(out) + size > limit:
                    self.close_connection = True
                    raise ApiError(413, "payload_too_large",
                                   "Nội dung lớn quá %d byte" % limit,
                                   extra={"limit": limit})
                out += self.rfile.read(size)
                self.rfile.readline(10)
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        try:
            n = int(length)
        except ValueError:
            self.close_connection = True
            raise ApiError(400, "invalid_request", "Content-Length sai")
        if n > limit:
            self.close_connection = True
            raise ApiError(413, "payload_too_large",
                           "Nội dung lớn quá %d byte" % limit,
                           extra={"limit": limit})
        return self.rfile.read(n)

    def dispatch(self):
        app = self.server.app
        split = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(split.path)
        req = Request(self.command, path,
                      urllib.parse.parse_qs(split.query,
                                            keep_blank_values=True),
                      self.headers, b"", self.client_address[0])
        req.raw_target = self.path
        fault = None
        try:
            limit = PDF_LIMIT if path.startswith("/api/v1/drafts/") and \
                path.rstrip("/").endswith(("/versions", "/signed")) \
                else JSON_LIMIT
            if path.rstrip("/") == "/api/v1/drafts":
                limit = PDF_LIMIT + JSON_LIMIT   # metadata and the file
            req.body = self.read_body(limit)
            if path.startswith("/admin/") or path == "/admin":
                if not is_loopback(req.peer):
                    raise ApiError(403, "admin_loopback_only",
                                   "Chỉ truy cập từ máy chủ (loopback)")
                reply = app.admin(req)
            else:
                fault = app.faults.take(self.command, path)
                # A fault that rewrites or cuts a JSON answer gets one:
                # only "delay" and "drop" apply to a streamed list.
                req.no_stream = fault is not None and \
                    fault["kind"] not in ("delay", "drop", "stream")
                if fault and fault["kind"] == "status":
                    status = fault["status"]
                    code = "internal_error" if status == 500 else "unavailable"
                    headers = []
                    if fault.get("retry_after") is not None:
                        headers.append(("Retry-After",
                                        str(fault["retry_after"])))
                    reply = error_reply(ApiError(
                        status, code, fault.get("message") or
                        "Lỗi giả lập (fault injection)", headers=headers))
                    if fault.get("raw_nul"):
                        # A server that puts raw NUL bytes in its text.
                        reply.body = reply.body.replace(b"\\u0000", b"\0")
                    fault = None
                else:
                    reply = app.handle_api(req)
        except ApiError as e:
            reply = error_reply(e)
        except Exception:
            traceback.print_exc(file=sys.stderr)
            reply = error_reply(ApiError(500, "internal_error",
                                         "Lỗi máy chủ"))
        finally:
            app.store.close_thread()
        try:
            self.send_reply(req, reply, fault)
        except (ConnectionError, ssl.SSLError, socket.timeout, OSError):
            self.close_connection = True

    def send_stream(self, req, reply, fault):
        """A streamed list: chunked, gzip-compressed as one stream when
        the client takes gzip; "drop" cuts it after half of its chunks
        without the last one, as a link that breaks; "stream" inserts
        its raw text (a hostile or broken server)."""
        gz = accepts_gzip(req.headers.get("Accept-Encoding", "")) and \
            GZIP_MIN != float("inf")
        if fault and fault["kind"] == "delay":
            time.sleep(fault["delay_ms"] / 1000.0)
        self.send_response(reply.status)
        for name, value in reply.headers:
            self.send_header(name, value)
        self.send_header("Vary", "Accept, Accept-Encoding")
        self.send_header("Cache-Control", "private, no-cache")
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if self.command == "HEAD":
            self.wfile.flush()
            return
        z = zlib.compressobj(6, zlib.DEFLATED, 31) if gz else None
        kind = fault["kind"] if fault else None
        chunks = list(reply.stream) if kind in ("drop", "stream") \
            else reply.stream
        cut = None
        if kind == "drop":
            cut = len(chunks) // 2
            chunks = chunks[:cut]
        elif kind == "stream":
            # Raw text put after the first AT chunks (the first is the
            # head line; then batches of 500 lines and the end line).
            chunks.insert(min(fault["at"], len(chunks)),
                          (fault["insert"] * fault["repeat"]).encode())

        def put(data):
            if data:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))

        for chunk in chunks:
            put(z.compress(chunk) if z else chunk)
        if cut is not None:
            put(z.flush(zlib.Z_SYNC_FLUSH) if z else b"")
            self.wfile.flush()
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if z:
            put(z.flush())
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def send_reply(self, req, reply, fault):
        if reply.stream is not None:
            self.send_stream(req, reply, fault)
            return
        body = reply.body
        headers = list(reply.headers)
        if fault and fault["kind"] in ("pageloop", "field") and \
                reply.is_json and body:
            body = self.mangle_json(req, body, fault)
            # The ETag named the answer before the fault changed it: a
            # client must not keep it for this one.
            headers = [(n, v) for n, v in headers if n.lower() != "etag"]
        if reply.is_json and body:
            headers.append(("Vary", "Accept-Encoding"))
            if len(body) >= GZIP_MIN and accepts_gzip(
                    req.headers.get("Accept-Encoding", "")) and not (
                    fault and fault["kind"] in ("truncate", "badjson",
                                                "oversize", "trickle")):
                body = gzip.compress(body, 6, mtime=0)
                headers.append(("Content-Encoding", "gzip"))
        if reply.is_json or reply.status >= 400:
            headers.append(("Cache-Control", "private, no-cache"))
        kind = fault["kind"] if fault else None
        if kind == "delay":
            time.sleep(fault["delay_ms"] / 1000.0)
        elif kind == "badjson":
            body = (b"<html><body><h1>502 Bad Gateway</h1></body></html>\n"
                    b"{\"items\": [")
            reply.file = None
        elif kind == "oversize":
            self.send_oversize(fault["size"])
            return
        length = reply.file[2] if reply.file else len(body)
        if kind == "truncate":
            length //= 2
        self.send_response(reply.status)
        for name, value in headers:
            if name.lower() != "content-length":
                self.send_header(name, value)
        if reply.status not in (204, 304):
            # RFC 9110: no Content-Length on 204; on 304 it would describe
            # the representation, not this (empty) answer.
            self.send_header("Content-Length", str(length))
        if self.close_connection:
            self.send_header("Connection", "close")
        if self.command == "HEAD" or reply.status in (204, 304):
            self.end_headers()
            self.wfile.flush()
            return
        cut = length // 2 if kind == "drop" else length
        if not reply.file and kind != "trickle":
            # The head and an answer held in memory in one write: one
            # TLS record on the wire, not two.
            self._headers_buffer.append(b"\r\n")
            self._headers_buffer.append(body[:cut])
            self.flush_headers()
            self.wfile.flush()
            self.after_body(kind)
            return
        self.end_headers()
        if kind == "trickle":
            # A server that never gives up and never finishes: 2 bytes
            # every 100 ms (above any low-speed limit), bounded at 60 s.
            data = body if not reply.file else open(reply.file[0], "rb").read(
                reply.file[2])
            end = time.time() + 60
            for i in range(0, len(data), 2):
                if time.time() > end:
                    break
                try:
                    self.wfile.write(data[i:i + 2])
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)
            return
        if reply.file:
            path, start, _ = reply.file
            with open(path, "rb") as f:
                f.seek(start)
                left = cut
                while left > 0:
                    chunk = f.read(min(65536, left))
                    if not chunk:
                        break
                    self.wfile.write(chunk)
                    left -= len(chunk)
        self.wfile.flush()
        self.after_body(kind)

    def after_body(self, kind):
        """What a fault does once the (cut) body is sent."""
        if kind == "drop":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    @staticmethod
    def mangle_json(req, body, fault):
        """The pageloop and field faults: change a JSON object answer."""
        try:
            j = json.loads(body)
        except ValueError:
            return body
        if not isinstance(j, dict):
            return body
        if fault["kind"] == "pageloop":
            cursor = (req.query.get("cursor") or [None])[0]
            if cursor and "next_cursor" in j:
                j["next_cursor"] = cursor
        else:
            value = fault["value"]
            if isinstance(value, str):
                value *= fault["repeat"]
            j[fault["field"]] = value
        return json.dumps(j, ensure_ascii=False).encode("utf-8")

    def send_oversize(self, size):
        """Valid JSON of exactly size bytes, streamed."""
        head, tail = b'{"padding":"', b'"}'
        pad = max(0, size - len(head) - len(tail))
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(head) + pad + len(tail)))
        self.end_headers()
        self.wfile.write(head)
        block = b"x" * 65536
        while pad > 0:
            n = min(pad, len(block))
            self.wfile.write(block[:n])
            pad -= n
        self.wfile.write(tail)
        self.wfile.flush()


def accepts_gzip(header):
    for item in header.split(","):
        parts = item.strip().split(";")
        if parts[0].strip().lower() in ("gzip", "*"):
            q = 1.0
            for p in parts[1:]:
                p = p.strip()
                if p.startswith("q="):
                    try:
                        q = float(p[2:])
                    except ValueError:
                        q = 0.0
            return q > 0
    return False


class TLSServer(ThreadingHTTPServer):
    """ThreadingHTTPServer on a TLS socket; handshakes in worker threads."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address, app, certfile, keyfile):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, Handler)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(certfile, keyfile)
        self.socket = ctx.wrap_socket(self.socket, server_side=True,
                                      do_handshake_on_connect=False)
        self.app = app
        self.tls_log = os.path.join(app.store.dir, "tls-handshakes.log")
        self.tls_lock = threading.Lock()

    def log_handshake(self, sock):
        """One line per TLS handshake in STATE/tls-handshakes.log:
        "resumed" or "full", then the TLS version (the tests check that
        a new client process resumes the session it kept on disk)."""
        line = "%s %s\n" % ("resumed" if sock.session_reused else "full",
                             sock.version())
        with self.tls_lock, open(self.tls_log, "a") as f:
            f.write(line)

    def handle_error(self, request, client_address):
        if not self.app.quiet:
            traceback.print_exc(file=sys.stderr)
