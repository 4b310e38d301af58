"""The SQLite database of the reference server, and small shared helpers.

One database file holds everything (accounts, tokens, documents, drafts,
history, idempotency records, tombstones for delta sync).  PDF bytes live
in content-addressed files next to it (DIR/files/SHA256.pdf), which keeps
the database small when 100,000 documents share a few PDFs.
"""

import datetime
import hashlib
import json
import os
import sqlite3
import threading
import time
import unicodedata

VN_TZ = datetime.timezone(datetime.timedelta(hours=7))

# Appendix III of Decree 30 (abbreviations are case-sensitive).
TYPE_NAMES = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế",
    "QyĐ": "Quy định", "TC": "Thông cáo", "TB": "Thông báo",
    "HD": "Hướng dẫn", "CTr": "Chương trình", "KH": "Kế hoạch",
    "PA": "Phương án", "ĐA": "Đề án", "DA": "Dự án", "BC": "Báo cáo",
    "BB": "Biên bản", "TTr": "Tờ trình", "HĐ": "Hợp đồng", "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ", "BTT": "Bản thỏa thuận", "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời", "GGT": "Giấy giới thiệu", "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi", "PC": "Phiếu chuyển", "PB": "Phiếu báo",
    "": "Công văn",
}

INCOMING_STATUSES = ("01", "02", "03", "04", "05", "06")
DRAFT_STATES = ("in_review", "awaiting_signer", "approved", "signed",
                "issued", "returned")
ROLES = ("leader", "clerk", "specialist")

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY, username TEXT UNIQUE NOT NULL,
  full_name TEXT NOT NULL, role TEXT NOT NULL, position TEXT NOT NULL,
  pw_salt BLOB NOT NULL, pw_hash BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL,
  created_at REAL NOT NULL, expires_at REAL NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS files (
  sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, page_amount INTEGER);
CREATE TABLE IF NOT EXISTS attachments (
  id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL, filename TEXT NOT NULL,
  owner_kind TEXT NOT NULL, owner_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS attachments_owner
  ON attachments(owner_kind, owner_id);
CREATE TABLE IF NOT EXISTS incoming (
  id INTEGER PRIMARY KEY, code_number TEXT NOT NULL,
  code_notation TEXT NOT NULL, type_code TEXT NOT NULL,
  issued_date TEXT, promulgation_place TEXT, organ_id TEXT,
  organ_name TEXT, subject TEXT NOT NULL, signer_competence TEXT,
  signer_position TEXT, signer_name TEXT, urgency INTEGER NOT NULL,
  due_date TEXT, arrival_number INTEGER, arrival_date TEXT NOT NULL,
  page_amount INTEGER, status TEXT NOT NULL, recipients TEXT NOT NULL,
  fold TEXT NOT NULL, seq INTEGER NOT NULL, updated_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS incoming_seq ON incoming(seq);
CREATE INDEX IF NOT EXISTS incoming_arrival ON incoming(arrival_date, id);
CREATE INDEX IF NOT EXISTS incoming_due
  ON incoming(COALESCE(due_date, '9999-12-31'), id);
CREATE TABLE IF NOT EXISTS reads (
  user_id INTEGER NOT NULL, incoming_id INTEGER NOT NULL,
  PRIMARY KEY (user_id, incoming_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS assignments (
  incoming_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
  role TEXT NOT NULL, due_date TEXT, note TEXT, assigned_by INTEGER,
  assigned_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS assignments_doc ON assignments(incoming_id);
CREATE INDEX IF NOT EXISTS assignments_user ON assignments(user_id);
CREATE TABLE IF NOT EXISTS forwards (
  incoming_id INTEGER NOT NULL, user_id INTEGER NOT NULL,
  PRIMARY KEY (incoming_id, user_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS forwards_user ON forwards(user_id);
CREATE TABLE IF NOT EXISTS history (
  id INTEGER PRIMARY KEY, owner_kind TEXT NOT NULL,
  owner_id INTEGER NOT NULL, at REAL NOT NULL, action TEXT NOT NULL,
  status TEXT, actor_id INTEGER, note TEXT, version_id INTEGER);
CREATE INDEX IF NOT EXISTS history_owner ON history(owner_kind, owner_id);
CREATE TABLE IF NOT EXISTS comments (
  id INTEGER PRIMARY KEY, incoming_id INTEGER NOT NULL,
  author_id INTEGER NOT NULL, text TEXT NOT NULL, created_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS comments_doc ON comments(incoming_id);
CREATE TABLE IF NOT EXISTS drafts (
  id INTEGER PRIMARY KEY, type_code TEXT NOT NULL,
  code_notation TEXT NOT NULL, code_number TEXT NOT NULL DEFAULT '',
  issued_date TEXT, subject TEXT NOT NULL, urgency INTEGER NOT NULL,
  due_date TEXT, state TEXT NOT NULL, drafter_id INTEGER NOT NULL,
  signer_id INTEGER NOT NULL, signer_position TEXT,
  signer_competence TEXT, seq INTEGER NOT NULL, updated_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS reviewers (
  draft_id INTEGER NOT NULL, user_id INTEGER NOT NULL, approved_at REAL,
  PRIMARY KEY (draft_id, user_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS versions (
  id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL, number INTEGER NOT NULL,
  kind TEXT NOT NULL, attachment_id INTEGER NOT NULL,
  created_at REAL NOT NULL, created_by INTEGER NOT NULL,
  signatures TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS versions_draft ON versions(draft_id);
CREATE TABLE IF NOT EXISTS annotations (
  id INTEGER PRIMARY KEY, draft_id INTEGER NOT NULL,
  version_id INTEGER NOT NULL, page INTEGER NOT NULL, quote TEXT,
  note TEXT NOT NULL, author_id INTEGER NOT NULL, created_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS tombstones (
  kind TEXT NOT NULL, id INTEGER NOT NULL, seq INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS tombstones_seq ON tombstones(seq);
CREATE TABLE IF NOT EXISTS idempotency (
  scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL, headers TEXT NOT NULL, body BLOB NOT NULL,
  created_at REAL NOT NULL, PRIMARY KEY (scope, key));
"""


def now():
    """Seconds since the epoch (a float), the server's only clock."""
    return time.time()


def iso_time(ts):
    """ISO 8601 in Vietnam time, seconds precision, e.g. ...T09:15:30+07:00."""
    if ts is None:
        return None
    return datetime.datetime.fromtimestamp(ts, VN_TZ).isoformat(
        timespec="seconds")


def today_vn():
    """Today's date in Vietnam."""
    return datetime.datetime.now(VN_TZ).date()


def fold(text):
    """Fold text for diacritic- and case-insensitive Vietnamese search.

    Decompose, drop combining marks, map đ/Đ to d (đ does not decompose),
    lower-case.  Tone placement variants (hòa/hoà, ủy/uỷ) fold equal.
    """
    text = unicodedata.normalize("NFD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("đ", "d").replace("Đ", "D").lower()


def nfc(text):
    """Normalise to NFC (all stored text is NFC)."""
    return unicodedata.normalize("NFC", text)


def hash_password(password, salt):
    """PBKDF2-SHA256 of a password (fixture accounts, but done properly)."""
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt,
                               20000)


class Store:
    """The database and the file store of one state directory.

    Reads use one connection per thread; every write goes through
    write(), which holds a process-wide lock, so transactions never
    fight over SQLite's lock and idempotency checks are atomic.
    """

    def __init__(self, state_dir):
        self.dir = state_dir
        self.path = os.path.join(state_dir, "vanthu.db")
        self.files_dir = os.path.join(state_dir, "files")
        os.makedirs(self.files_dir, exist_ok=True)
        self.local = threading.local()
        self.write_lock = threading.RLock()
        conn = self.conn()
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(SCHEMA)
        from . import drafts      # columns added after version 1
        drafts.migrate(conn)
        from . import outgoing    # its tables and added columns
        outgoing.ensure_schema(conn)
        conn.commit()

    def conn(self):
        """This thread's connection."""
        c = getattr(self.local, "conn", None)
        if c is None:
            c = sqlite3.connect(self.path, timeout=30,
                                isolation_level=None)
            c.row_factory = sqlite3.Row
            c.execute("PRAGMA foreign_keys=OFF")
            c.execute("PRAGMA synchronous=NORMAL")
            self.local.conn = c
        return c

    def close_thread(self):
        """Close this thread's connection (at the end of a request)."""
        c = getattr(self.local, "conn", None)
        if c is not None:
            c.close()
            self.local.conn = None

    # -- metadata -------------------------------------------------------

    def get_meta(self, key, default=None):
        row = self.conn().execute("SELECT value FROM meta WHERE key=?",
                                  (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key, value):
        self.conn().execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) "
            "DO UPDATE SET value=excluded.value", (key, str(value)))

    def next_seq(self, n=1):
        """Reserve n change numbers; return the first.  Call in a write."""
        cur = int(self.get_meta("seq", "0"))
        self.set_meta("seq", cur + n)
        return cur + 1

    def current_seq(self):
        return int(self.get_meta("seq", "0"))

    def organization(self):
        return json.loads(self.get_meta("organization"))

    # -- files ----------------------------------------------------------

    def file_path(self, sha256):
        return os.path.join(self.files_dir, sha256 + ".pdf")

    def put_file(self, data, page_amount=None):
        """Store bytes once by their sha256; return the hex digest."""
        digest = hashlib.sha256(data).hexdigest()
        path = self.file_path(digest)
        if not os.path.exists(path):
            tmp = path + ".tmp%d" % threading.get_ident()
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        self.conn().execute(
            "INSERT OR IGNORE INTO files(sha256, size, page_amount) "
            "VALUES(?, ?, ?)", (digest, len(data), page_amount))
        return digest

    def read_file(self, sha256):
        with open(self.file_path(sha256), "rb") as f:
            return f.read()

    # -- transactions ---------------------------------------------------

    class _Write:
        def __init__(self, store):
            self.store = store

        def __enter__(self):
            self.store.write_lock.acquire()
            self.conn = self.store.conn()
            self.conn.execute("BEGIN IMMEDIATE")
            return self.conn

        def __exit__(self, exc_type, exc, tb):
            try:
                if exc_type is None:
                    self.conn.execute("COMMIT")
                else:
                    self.conn.execute("ROLLBACK")
            finally:
                self.store.write_lock.release()
            return False

    def write(self):
        """Context manager: one serialised write transaction."""
        return Store._Write(self)
