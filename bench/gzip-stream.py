#!/usr/bin/env python3
"""The anchor of the sync figure (bench/compare.sh): the size in bytes
of one gzip stream (level 6) of the JSON a full sync receives, every
page of the incoming list and of the drafts fetched uncompressed and
compressed together.

Usage: gzip-stream.py URL CA_FILE USERNAME PASSWORD
"""
import gzip
import json
import ssl
import sys
import urllib.parse
import urllib.request

url, ca, user, password = sys.argv[1:5]
ctx = ssl.create_default_context(cafile=ca)


def call(path, body=None, token=None):
    req = urllib.request.Request(url + "/api/v1" + path, data=body)
    req.add_header("Accept-Encoding", "identity")
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, context=ctx) as r:
        return r.read()


token = json.loads(call("/auth/login", json.dumps(
    {"username": user, "password": password}).encode()))["token"]
stream = b""
for base in ("/incoming?", "/drafts?scope=all&"):
    cursor = None
    while True:
        path = base + "limit=1000"
        if cursor:
            path += "&cursor=" + urllib.parse.quote(cursor)
        body = call(path, token=token)
        stream += body
        cursor = json.loads(body).get("next_cursor")
        if not cursor:
            break
print(len(gzip.compress(stream, 6)))
