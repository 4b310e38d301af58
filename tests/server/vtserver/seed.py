"""Seed data: the made-up commune "UBND xã Hoằng Quý" (Hoằng Hóa, Thanh Hóa).

- accounts from seed/accounts.json;
- about 50 incoming documents: the ones in seed/incoming.json (each with
  its own PDF) and generated ones that reuse those PDFs;
- the 10 drafts of seed/drafts.json with versions, reviewers, annotations;
- a ~10 MB PDF built at seed time from a committed one plus a page with a
  large image of seeded noise (same bytes every time);
- optionally N bulk documents for benchmarks (--documents N).

Dates are relative to the seeding day, so some deadlines are overdue.
"""

import datetime
import json
import os
import random
import subprocess
import tempfile

from . import outgoing, pades, pdfmini, signcheck
from .store import TYPE_NAMES, fold, hash_password, iso_time, nfc, now

SEED_RANDOM = 2026

# Subjects for generated documents: (type_code, organ key, notation, subject).
TEMPLATES = [
    ("", "tnmt", "TNMT", "V/v thu gom, xử lý rác thải sinh hoạt trên địa bàn huyện Hoằng Hóa"),
    ("", "taichinh", "TCKH", "V/v lập dự toán ngân sách xã năm 2027"),
    ("TB", "huyen", "TB-UBND", "Thông báo kết luận của Chủ tịch UBND huyện tại buổi làm việc với xã Hoằng Quý"),
    ("KH", "quansu", "KH-BCH", "Kế hoạch tuyển chọn và gọi công dân nhập ngũ năm 2027 trên địa bàn huyện Hoằng Hóa"),
    ("GM", "noivu", "GM-PNV", "Giấy mời dự tập huấn nghiệp vụ văn thư, lưu trữ và quản lý văn bản điện tử"),
    ("QĐ", "huyen", "QĐ-UBND", "Quyết định phân bổ kinh phí hỗ trợ sản xuất vụ Đông năm 2026 cho các xã"),
    ("", "gddt", "PGDĐT", "V/v rà soát cơ sở vật chất trường mầm non, tiểu học trước mùa mưa bão"),
    ("BC", "huyen", "BC-UBND", "Báo cáo tình hình thực hiện chương trình mục tiêu quốc gia giảm nghèo bền vững huyện Hoằng Hóa"),
    ("CT", "tinh", "CT-UBND", "Chỉ thị về tăng cường công tác phòng cháy, chữa cháy mùa hanh khô"),
    ("", "yte", "TTYT", "V/v triển khai chiến dịch phòng, chống sốt xuất huyết tại các xã ven biển"),
    ("HD", "noivu", "HD-PNV", "Hướng dẫn đánh giá, xếp loại chất lượng cán bộ, công chức cấp xã năm 2026"),
    ("", "congan", "CAH", "V/v cấp căn cước và định danh điện tử cho người dân trên địa bàn huyện Hoằng Hóa"),
    ("TB", "tnmt", "TB-TNMT", "Thông báo thu hồi đất thực hiện dự án mở rộng đê biển Hoằng Hóa"),
    ("KH", "huyen", "KH-UBND", "Kế hoạch tổ chức các hoạt động chào mừng kỷ niệm ngày thành lập huyện Hoằng Hóa"),
    ("CĐ", "tinh", "CĐ-UBND", "Công điện về việc khẩn trương ứng phó với mưa lớn, lũ quét, sạt lở đất"),
    ("", "taichinh", "TCKH", "V/v quyết toán kinh phí xây dựng nông thôn mới năm 2025"),
    ("GM", "huyen", "GM-UBND", "Giấy mời họp trực tuyến về công tác chuyển đổi số cấp xã"),
    ("QĐ", "tinh", "QĐ-UBND", "Quyết định ban hành quy chế quản lý, sử dụng chữ ký số trong cơ quan nhà nước tỉnh Thanh Hóa"),
    ("TTr", "nongdan", "TTr-HND", "Tờ trình đề nghị khen thưởng hộ nông dân sản xuất, kinh doanh giỏi cấp huyện"),
    ("BC", "yte", "BC-TTYT", "Báo cáo tình hình dịch bệnh trên gia súc, gia cầm tại huyện Hoằng Hóa"),
    ("", "gddt", "PGDĐT", "V/v tổ chức Ngày hội đọc sách cho học sinh các trường trên địa bàn xã"),
    ("KH", "tnmt", "KH-TNMT", "Kế hoạch kiểm kê đất đai, lập bản đồ hiện trạng sử dụng đất năm 2026"),
    ("TB", "noivu", "TB-PNV", "Thông báo tuyển dụng công chức cấp xã huyện Hoằng Hóa năm 2026"),
    ("", "quansu", "BCH", "V/v tổ chức huấn luyện dân quân tự vệ năm 2027"),
]

SIGNERS = {
    "tinh": [("KT.", "Phó Chủ tịch", "Đầu Thanh Tùng"), ("TM.", "Chủ tịch", "Đỗ Minh Tuấn")],
    "sonoivu": [("KT.", "Phó Giám đốc", "Hoàng Minh Đức")],
    "huyen": [("KT.", "Phó Chủ tịch", "Lê Văn Bình"), ("TM.", "Chủ tịch", "Phạm Quang Huy")],
    "tnmt": [("", "Trưởng phòng", "Nguyễn Thị Thu Hà")],
    "noivu": [("", "Trưởng phòng", "Vũ Đức Nghĩa")],
    "gddt": [("KT.", "Phó Trưởng phòng", "Lê Thị Hồng Nhung")],
    "congan": [("", "Trưởng Công an huyện", "Nguyễn Hữu Thắng")],
    "quansu": [("", "Chỉ huy trưởng", "Trịnh Xuân Hòa")],
    "nongdan": [("TM.", "Chủ tịch", "Lê Đình Khôi")],
    "yte": [("", "Giám đốc", "Vũ Thị Hạnh")],
    "taichinh": [("", "Trưởng phòng", "Mai Văn Quyết")],
}

DIRECTIONS = [
    "Giao đ/c {lead} chủ trì tham mưu, báo cáo kết quả trước hạn.",
    "Đề nghị đ/c {lead} nghiên cứu, đề xuất phương án xử lý.",
    "Văn phòng theo dõi, đôn đốc; đ/c {lead} chủ trì thực hiện.",
]


def _pages(path):
    r = subprocess.run(["qpdf", "--show-npages", path],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                       text=True)
    return int(r.stdout.strip()) if r.returncode == 0 else None


def load_json(seed_dir, name):
    with open(os.path.join(seed_dir, name), encoding="utf-8") as f:
        return json.load(f)


def init_accounts(store, seed_dir):
    """Create the accounts and the organisation; idempotent per database."""
    organs = load_json(seed_dir, "organs.json")
    accounts = load_json(seed_dir, "accounts.json")
    with store.write() as c:
        store.set_meta("organization", json.dumps({
            "organ_id": organs["self"]["organ_id"],
            "organ_name": nfc(organs["self"]["organ_name"]),
            "place": nfc(organs["self"].get("place", ""))},
            ensure_ascii=False))
        for a in accounts:
            salt = os.urandom(16)
            c.execute("INSERT OR IGNORE INTO users(username, full_name, role, "
                      "position, pw_salt, pw_hash) VALUES(?,?,?,?,?,?)",
                      (a["username"], nfc(a["full_name"]), a["role"],
                       nfc(a.get("position", "")), salt,
                       hash_password(a["password"], salt)))
        outgoing.init_organs(c, organs, accounts)


class Seeder:
    """Fills a new database with the demo commune."""

    def __init__(self, store, seed_dir, today):
        self.store = store
        self.seed_dir = seed_dir
        self.today = today
        self.organs = load_json(seed_dir, "organs.json")
        self.rng = random.Random(SEED_RANDOM)
        self.users = {}

    def day(self, offset):
        """ISO date of today + offset days."""
        return (self.today + datetime.timedelta(days=offset)).isoformat()

    def ts(self, offset_days, hour=8, minute=0):
        """A timestamp on day today+offset (Vietnam time)."""
        d = self.today + datetime.timedelta(days=offset_days)
        dt = datetime.datetime(d.year, d.month, d.day, hour, minute,
                               tzinfo=datetime.timezone(
                                   datetime.timedelta(hours=7)))
        return min(dt.timestamp(), now())

    def add_file(self, c, path):
        """Store a PDF file; return (sha256, pages)."""
        with open(path, "rb") as f:
            data = f.read()
        pages = _pages(path)
        digest = self.store.put_file(data, pages)
        return digest, pages

    def add_attachment(self, c, sha, filename, kind, owner):
        cur = c.execute("INSERT INTO attachments(sha256, filename, owner_kind, "
                        "owner_id) VALUES(?,?,?,?)", (sha, filename, kind,
                                                      owner))
        return cur.lastrowid

    def big_pdf(self, base_path):
        """The ~10 MB document: the committed text pages + a noise image."""
        with tempfile.TemporaryDirectory(prefix="vt-big-") as tmp:
            img = os.path.join(tmp, "img.pdf")
            with open(img, "wb") as f:
                f.write(pdfmini.image_page_pdf(1900, 1800, seed=56))
            out = os.path.join(tmp, "big.pdf")
            subprocess.run(["qpdf", "--deterministic-id", "--empty", "--pages",
                            base_path, img, "--", "--compress-streams=n", out],
                           check=True, stderr=subprocess.DEVNULL)
            with open(out, "rb") as f:
                data = f.read()
            return self.store.put_file(data, _pages(out)), len(data)

    def seed_signature(self, c, draft_id, username, sha, pages, at):
        """Sign the draft's version as its signer would (state "signed").

        The signer's certificate is issued here from the signing CA with
        the subject rule of docs/api.md; the result is checked by the same
        verifier as uploads, so a seed that the server would refuse fails.
        """
        uid, full_name = self.users[username]
        state = self.store.dir
        base = self.store.read_file(sha)
        with tempfile.TemporaryDirectory(prefix="vt-seedsig-") as tmp:
            def p(name):
                return os.path.join(tmp, name)
            with open(p("ext"), "w") as f:
                f.write("basicConstraints=CA:FALSE\n"
                        "keyUsage=critical,digitalSignature,nonRepudiation\n"
                        "subjectKeyIdentifier=hash\n"
                        "authorityKeyIdentifier=keyid,issuer\n")
            org = self.organs["self"]["organ_name"]
            quiet = {"check": True, "stdout": subprocess.DEVNULL,
                     "stderr": subprocess.DEVNULL}
            subprocess.run(["openssl", "req", "-new", "-newkey", "rsa:2048",
                            "-nodes", "-keyout", p("key"), "-out", p("csr"),
                            "-utf8", "-subj",
                            "/C=VN/ST=Thanh Hóa/O=%s/CN=%s/UID=%s" %
                            (org, full_name, username)], **quiet)
            subprocess.run(["openssl", "x509", "-req", "-in", p("csr"),
                            "-CA", os.path.join(state, "signing-ca.pem"),
                            "-CAkey", os.path.join(state,
                                                   "signing-ca-key.pem"),
                            "-set_serial", "77", "-days", "365", "-out",
                            p("crt"), "-extfile", p("ext")], **quiet)
            with open(p("in.pdf"), "wb") as f:
                f.write(base)
            # PAdES B-B, SHA-256, visible between the position line and
            # the name, as vanthu signs (pades.py).
            pades.sign_pdf(p("in.pdf"), p("out.pdf"), p("key"), p("crt"),
                           os.path.join(state, "signing-ca.pem"),
                           field="ChuKyCaNhan", when=at, name=full_name)
            with open(p("out.pdf"), "rb") as f:
                signed = f.read()
        sigs, new = signcheck.Verifier(state).verify_upload(signed, len(base))
        if not signcheck.is_user(new, username, full_name):
            raise RuntimeError("seed signature does not match " + username)
        digest = self.store.put_file(signed, pages)
        att = self.add_attachment(c, digest, "d%d-da-ky.pdf" % draft_id,
                                  "draft", draft_id)
        signatures = [{"kind": "personal", "common_name": full_name,
                       "username": username, "signed_at": iso_time(at)}]
        vid = c.execute("INSERT INTO versions(draft_id, number, kind, "
                        "attachment_id, created_at, created_by, signatures) "
                        "SELECT ?, MAX(number) + 1, 'signed', ?, ?, ?, ? "
                        "FROM versions WHERE draft_id=?",
                        (draft_id, att, at, uid,
                         json.dumps(signatures, ensure_ascii=False),
                         draft_id)).lastrowid
        self.history(c, "draft", draft_id, at, "signed", None, uid,
                     full_name, vid)

    def history(self, c, kind, owner, at, action, status, actor, note=None,
                version=None):
        c.execute("INSERT INTO history(owner_kind, owner_id, at, action, "
                  "status, actor_id, note, version_id) VALUES(?,?,?,?,?,?,?,?)",
                  (kind, owner, at, action, status, actor, note, version))

    def run(self):
        store = self.store
        pdf_dir = os.path.join(self.seed_dir, "pdf")
        with store.write() as c:
            for row in c.execute("SELECT id, username, full_name FROM users"):
                self.users[row["username"]] = (row["id"], row["full_name"])
            docs = []
            pool = []
            for spec in load_json(self.seed_dir, "incoming.json"):
                path = os.path.join(pdf_dir, spec["pdf"])
                if spec.get("kind") == "big":
                    sha, _ = self.big_pdf(path)
                    pages = c.execute("SELECT page_amount FROM files WHERE "
                                      "sha256=?", (sha,)).fetchone()[0]
                    filename = spec["pdf"].replace(".pdf", "-10mb.pdf")
                else:
                    sha, pages = self.add_file(c, path)
                    filename = spec["pdf"]
                    if spec.get("kind") in ("plain", "xref", "multipage"):
                        pool.append((sha, pages, filename))
                docs.append(self.incoming_from_spec(spec, sha, pages,
                                                    filename))
            for i in range(40):
                docs.append(self.generated_incoming(i, pool))
            self.insert_incoming(c, docs)
            self.insert_drafts(c, pdf_dir)

    def incoming_from_spec(self, spec, sha, pages, filename):
        organ = self.organs["senders"][spec["organ"]]
        arrival = -spec["arrival_days_ago"]
        due = spec.get("due_in_days")
        return {
            "code_number": spec["code_number"],
            "code_notation": spec["code_notation"],
            "type_code": spec["type_code"],
            "issued_date": self.day(arrival - 1),
            "promulgation_place": ("Thanh Hóa" if spec["organ"] in
                                   ("tinh", "sonoivu") else "Hoằng Hóa"),
            "organ": organ, "subject": spec["subject"],
            "signer": spec["signer"], "urgency": spec["urgency"],
            "due_date": None if due is None else self.day(due),
            "arrival": arrival, "status": spec["status"],
            "recipients": spec.get("recipients", []),
            "files": [(sha, filename)], "pages": pages,
        }

    def generated_incoming(self, i, pool):
        rng = self.rng
        type_code, organ_key, notation, subject = TEMPLATES[i % len(TEMPLATES)]
        organ = self.organs["senders"][organ_key]
        arrival = -rng.randint(0, 45)
        due = None
        if rng.random() < 0.7:
            due = arrival + rng.randint(3, 30)
        status = rng.choice(["01", "03", "03", "04", "04", "05", "06", "06",
                             "02"] if arrival < -3 else ["01", "03", "04"])
        competence, position, name = rng.choice(SIGNERS[organ_key])
        sha, pages, filename = pool[i % len(pool)]
        urgency = rng.choice([0, 0, 0, 0, 1, 1, 2, 3])
        if type_code == "CĐ":
            urgency = 3
        number = rng.randint(1, 3500)
        return {
            "code_number": "%02d" % number, "code_notation": notation,
            "type_code": type_code, "issued_date": self.day(arrival - 2),
            "promulgation_place": ("Thanh Hóa" if organ_key in
                                   ("tinh", "sonoivu") else "Hoằng Hóa"),
            "organ": organ, "subject": subject,
            "signer": {"competence": competence, "position": position,
                       "full_name": name},
            "urgency": urgency,
            "due_date": None if due is None else self.day(due),
            "arrival": arrival, "status": status,
            "recipients": ["UBND các xã, thị trấn", "Lưu: VT"],
            "files": [(sha, filename)], "pages": pages,
        }

    def arrival_number(self, counters, offset):
        """The next number of the yearly incoming sequence for a document
        registered on day today+offset: each year's sequence starts as if
        about one document a day had been registered before the seed's
        first one (Decree 30: numbers run from 01 on 1 January)."""
        day = self.today + datetime.timedelta(days=offset)
        if day.year not in counters:
            counters[day.year] = day.timetuple().tm_yday - 1
        counters[day.year] += 1
        return counters[day.year]

    def insert_incoming(self, c, docs):
        """Insert with yearly arrival numbers, history, assignments..."""
        docs.sort(key=lambda d: d["arrival"])
        seq = self.store.next_seq(len(docs))
        clerk = self.users["vanthu"][0]
        leader_id, leader_name = self.users["chutich"]
        specialists = ("chuyenvien1", "chuyenvien2", "chuyenvien3")
        counters = {}
        for n, d in enumerate(docs):
            arrival_ts = self.ts(d["arrival"], 7, 30 + n % 25)
            number = None
            if d["status"] != "01":
                number = self.arrival_number(counters, d["arrival"])
            doc_id = c.execute(
                "INSERT INTO incoming(code_number, code_notation, type_code, "
                "issued_date, promulgation_place, organ_id, organ_name, "
                "subject, signer_competence, signer_position, signer_name, "
                "urgency, due_date, arrival_number, arrival_date, "
                "page_amount, status, recipients, fold, seq, updated_at) "
                "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (d["code_number"], nfc(d["code_notation"]), nfc(d["type_code"]),
                 d["issued_date"], nfc(d["promulgation_place"]),
                 d["organ"]["organ_id"], nfc(d["organ"]["organ_name"]),
                 nfc(d["subject"]), d["signer"]["competence"],
                 nfc(d["signer"]["position"]), nfc(d["signer"]["full_name"]),
                 d["urgency"], d["due_date"], number,
                 self.day(d["arrival"]), d["pages"], d["status"],
                 json.dumps([nfc(r) for r in d["recipients"]],
                            ensure_ascii=False),
                 search_fold(d), seq + n, arrival_ts)).lastrowid
            for sha, filename in d["files"]:
                self.add_attachment(c, sha, filename, "incoming", doc_id)
            st = d["status"]
            self.history(c, "incoming", doc_id, arrival_ts - 600, "arrived",
                         "01", None, "Nhận qua trục liên thông văn bản")
            if st == "01":
                continue
            self.history(c, "incoming", doc_id, arrival_ts, "registered",
                         "03", clerk, "Vào sổ văn bản đến số %d" % number)
            if st == "02":
                self.history(c, "incoming", doc_id, arrival_ts + 300,
                             "returned", "02", clerk,
                             "Văn bản gửi nhầm đơn vị, đề nghị gửi lại")
                continue
            # Every registered document was read by the clerk; older
            # ones by the leader too.
            c.execute("INSERT OR IGNORE INTO reads VALUES(?,?)",
                      (clerk, doc_id))
            if d["arrival"] < -2:
                c.execute("INSERT OR IGNORE INTO reads VALUES(?,?)",
                          (leader_id, doc_id))
            if st == "03":
                continue
            lead = specialists[n % 3]
            coop = specialists[(n + 1) % 3]
            lead_id, lead_name = self.users[lead]
            at = arrival_ts + 3600
            note = DIRECTIONS[n % len(DIRECTIONS)].format(
                lead=lead_name.split()[-1])
            for user, role in ((lead, "lead"), (coop, "cooperate"),
                               ("phochutich", "inform")):
                c.execute("INSERT INTO assignments(incoming_id, user_id, role, "
                          "due_date, note, assigned_by, assigned_at) "
                          "VALUES(?,?,?,?,?,?,?)",
                          (doc_id, self.users[user][0], role, d["due_date"],
                           note, leader_id, at))
            self.history(c, "incoming", doc_id, at, "assigned", "04",
                         leader_id, note)
            c.execute("INSERT INTO comments(incoming_id, author_id, text, "
                      "created_at) VALUES(?,?,?,?)",
                      (doc_id, leader_id, note, at))
            if st in ("05", "06"):
                c.execute("INSERT OR IGNORE INTO reads VALUES(?,?)",
                          (lead_id, doc_id))
                self.history(c, "incoming", doc_id, at + 7200, "in_progress",
                             "05", lead_id, "Đang xử lý")
            if st == "06":
                self.history(c, "incoming", doc_id, at + 86400 // 2,
                             "completed", "06", lead_id,
                             "Đã hoàn thành, báo cáo lãnh đạo")

    def insert_drafts(self, c, pdf_dir):
        drafts = load_json(self.seed_dir, "drafts.json")
        seq = self.store.next_seq(len(drafts))
        for n, d in enumerate(drafts):
            drafter = self.users[d["drafter"]][0]
            signer = self.users[d["signer"]][0]
            start = -3 - n % 4
            draft_id = c.execute(
                "INSERT INTO drafts(type_code, code_notation, subject, urgency, "
                "due_date, state, drafter_id, signer_id, signer_position, "
                "signer_competence, seq, updated_at) "
                "VALUES(?,?,?,?,?,?,?,?,?,?,?,?)",
                (nfc(d["type_code"]), nfc(d["code_notation"]),
                 nfc(d["subject"]), d["urgency"], self.day(d["due_in_days"]),
                 d["state"], drafter, signer, nfc(d["signer_position"]),
                 d["signer_competence"], seq + n,
                 self.ts(start + len(d["versions"]), 16, n))).lastrowid
            # Nơi nhận: the district by default (hosted on this server).
            outgoing.seed_recipients(c, draft_id, d.get(
                "recipients", ["UBND huyện Hoằng Hóa", "Lưu: VT"]))
            for u in d["reviewers"]:
                c.execute("INSERT INTO reviewers(draft_id, user_id, "
                          "approved_at) VALUES(?,?,?)",
                          (draft_id, self.users[u][0],
                           self.ts(start + len(d["versions"]), 10)
                           if d["state"] in ("awaiting_signer", "approved",
                                             "signed")
                           else None))
            for vn, v in enumerate(d["versions"], 1):
                sha, pages = self.add_file(c, os.path.join(pdf_dir, v["pdf"]))
                att = self.add_attachment(c, sha, v["pdf"], "draft", draft_id)
                at = self.ts(start + vn - 1, 9, 15)
                vid = c.execute(
                    "INSERT INTO versions(draft_id, number, kind, "
                    "attachment_id, created_at, created_by) "
                    "VALUES(?,?,?,?,?,?)",
                    (draft_id, vn, "draft", att, at, drafter)).lastrowid
                self.history(c, "draft", draft_id, at,
                             "created" if vn == 1 else "new_version", None,
                             drafter, None, vid)
                for a in v.get("annotations", []):
                    author = self.users[a["author"]][0]
                    c.execute("INSERT INTO annotations(draft_id, version_id, "
                              "page, quote, note, author_id, created_at) "
                              "VALUES(?,?,?,?,?,?,?)",
                              (draft_id, vid, a["page"], nfc(a["quote"]),
                               nfc(a["note"]), author, at + 3600))
                    self.history(c, "draft", draft_id, at + 3600, "annotated",
                                 None, author, nfc(a["note"]), vid)
                if v.get("returned_by"):
                    self.history(c, "draft", draft_id, at + 3700, "returned",
                                 None, self.users[v["returned_by"]][0],
                                 nfc(v["return_reason"]), vid)
            last = self.ts(start + len(d["versions"]), 10)
            if d["state"] == "signed":
                self.seed_signature(c, draft_id, d["signer"], sha, pages,
                                    last + 1200)
            if d["state"] in ("awaiting_signer", "approved", "signed"):
                for u in d["reviewers"]:
                    self.history(c, "draft", draft_id, last, "approved", None,
                                 self.users[u][0], None, vid)
            if d["state"] in ("approved", "signed"):
                self.history(c, "draft", draft_id, last + 600, "approved",
                             None, signer, "Đồng ý ban hành", vid)
            if d["state"] == "returned":
                self.history(c, "draft", draft_id, last, "returned", None,
                             self.users[d["return_by"]][0],
                             nfc(d["return_reason"]), vid)


def search_fold(d):
    """The folded text that ?q= searches: subject, number, organ."""
    number = "%s/%s" % (d["code_number"], d["code_notation"])
    return fold(" ".join((d["subject"], number, d["organ"]["organ_name"],
                          TYPE_NAMES.get(d["type_code"], ""))))


def seed_demo(store, seed_dir, today):
    Seeder(store, seed_dir, today).run()


def seed_bulk(store, seed_dir, count, today):
    """Add count generated incoming documents in one transaction.

    They share four PDFs (attachment rows are per document, the bytes are
    stored once).  About 1 s per 20,000 documents.
    """
    organs = load_json(seed_dir, "organs.json")["senders"]
    pdf_dir = os.path.join(seed_dir, "pdf")
    shared = []
    rng = random.Random(count)
    with store.write() as c:
        for name in ("in-bc-tiem-chung.pdf", "in-tb-lich-tiep-cong-dan.pdf",
                     "in-qd-phong-chong-thien-tai.pdf",
                     "in-kh-chuyen-doi-so.pdf"):
            path = os.path.join(pdf_dir, name)
            with open(path, "rb") as f:
                data = f.read()
            pages = _pages(path)
            shared.append((store.put_file(data, pages), pages, name))
        first_id = (c.execute("SELECT COALESCE(MAX(id), 0) FROM incoming")
                    .fetchone()[0] + 1)
        seq = store.next_seq(count)
        folds = {}
        rows = []
        atts = []
        per_year = {}
        for year, last in c.execute(
                "SELECT CAST(substr(arrival_date, 1, 4) AS INTEGER), "
                "MAX(arrival_number) FROM incoming GROUP BY 1"):
            per_year[year] = last or 0
        days = sorted(rng.randint(0, 730) for _ in range(count))
        days.reverse()
        t = now()
        for i in range(count):
            type_code, organ_key, notation, subject = TEMPLATES[
                rng.randrange(len(TEMPLATES))]
            organ = organs[organ_key]
            arrival = today - datetime.timedelta(days=days[i])
            year = arrival.year
            number = "%02d" % rng.randint(1, 4000)
            key = (subject, number, notation, organ_key)
            f = folds.get(key)
            if f is None:
                f = search_fold({"subject": subject, "code_number": number,
                                 "code_notation": notation,
                                 "organ": organ, "type_code": type_code})
                if len(folds) < 50000:
                    folds[key] = f
            due = None
            if rng.random() < 0.6:
                due = (arrival + datetime.timedelta(
                    days=rng.randint(3, 30))).isoformat()
            competence, position, name = SIGNERS[organ_key][0]
            sha, pages, fname = shared[i % len(shared)]
            status = rng.choice(("01", "03", "04", "05", "06", "06", "06"))
            number_in = None
            if status != "01":
                per_year[year] = per_year.get(year, 0) + 1
                number_in = per_year[year]
            rows.append((first_id + i, number, notation, type_code,
                         (arrival - datetime.timedelta(days=2)).isoformat(),
                         "Hoằng Hóa", organ["organ_id"], organ["organ_name"],
                         subject, competence, position, name,
                         rng.choice((0, 0, 0, 1, 2)), due, number_in,
                         arrival.isoformat(), pages, status,
                         '["Lưu: VT"]', f, seq + i, t))
            atts.append((sha, fname, "incoming", first_id + i))
        c.executemany(
            "INSERT INTO incoming(id, code_number, code_notation, type_code, "
            "issued_date, promulgation_place, organ_id, organ_name, subject, "
            "signer_competence, signer_position, signer_name, urgency, "
            "due_date, arrival_number, arrival_date, page_amount, status, "
            "recipients, fold, seq, updated_at) "
            "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        c.executemany("INSERT INTO attachments(sha256, filename, owner_kind, "
                      "owner_id) VALUES(?,?,?,?)", atts)
