"""The vanthu reference document server (see docs/api.md).

Python standard library only.  Modules:

- store: the SQLite schema, time helpers, Vietnamese search folding
- certs: TLS and signing certificate authorities, the NSS database
- pdfmini: a tiny PDF writer (the 10 MB seed file, the TCVN3 fixture)
- seed: the demo commune and the bulk generator
- signcheck: verification of signed PDF uploads
- vdata: validation data (DSS, document timestamps) after the last
  signature of an upload
- api: the /api/v1 endpoints
- server: HTTP plumbing (TLS, routing, ETag, gzip, Range,
  Idempotency-Key, fault injection, admin endpoints)
"""
