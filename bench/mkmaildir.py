#!/usr/bin/env python3
"""Write the documents of `vanthu inbox --offline --json` (standard
input) as a Maildir, one message per document, so that mutt and
neomutt read the same inbox vanthu shows (bench/compare.sh).

Usage: vanthu inbox --offline --json | mkmaildir.py MAILDIR
"""
import email.utils
import json
import os
import sys
import time

root = sys.argv[1]
for sub in ("cur", "new", "tmp"):
    os.makedirs(os.path.join(root, sub), exist_ok=True)
docs = json.load(sys.stdin)["documents"]
for i, d in enumerate(docs):
    organ = (d.get("organ") or {}).get("organ_name") or "?"
    date = d.get("arrival_date") or d.get("issued_date") or "2026-01-01"
    try:
        t = time.mktime(time.strptime(date[:10], "%Y-%m-%d"))
    except ValueError:
        t = 0
    subject = "%s %s" % (d.get("number_notation") or "", d.get("subject", ""))
    msg = ("From: %s <vanthu@example.invalid>\n"
           "To: chutich@example.invalid\n"
           "Subject: %s\n"
           "Date: %s\n"
           "Message-ID: <%s@vanthu.bench>\n"
           "MIME-Version: 1.0\n"
           "Content-Type: text/plain; charset=utf-8\n"
           "Content-Transfer-Encoding: 8bit\n\n%s\n" %
           (organ, subject,
            email.utils.formatdate(t, localtime=False), d["id"],
            d.get("subject", "")))
    flags = "S" if d.get("read") else ""
    name = "%d.%06d.bench:2,%s" % (int(t), i, flags)
    with open(os.path.join(root, "cur", name), "w", encoding="utf-8") as f:
        f.write(msg)
