"""Certificates of the reference server, made with the openssl CLI.

- DIR/tls-ca.pem: a CA that signs the server's TLS certificate
  (DIR/tls-cert.pem, key DIR/tls-key.pem) for 127.0.0.1, ::1, localhost.
- DIR/signing-ca.pem, DIR/signing-ca-key.pem: the trust anchor for users'
  signing certificates (tests/tools/mktoken issues certificates from it).
- DIR/nssdb: an NSS database holding signing-ca.pem as a trusted CA, for
  pdfsig; rebuilt at every start so it always matches signing-ca.pem.

Existing files are kept, so a state directory keeps its certificates.
"""

import os
import shutil
import subprocess

CA_EXT = ("basicConstraints=critical,CA:TRUE\n"
          "keyUsage=critical,keyCertSign,cRLSign\n"
          "subjectKeyIdentifier=hash\n")
SERVER_EXT = ("basicConstraints=critical,CA:FALSE\n"
              "keyUsage=critical,digitalSignature,keyEncipherment\n"
              "extendedKeyUsage=serverAuth\n"
              "subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost\n"
              "subjectKeyIdentifier=hash\n"
              "authorityKeyIdentifier=keyid,issuer\n")


def _openssl(*args):
    """Run openssl quietly; raise with its message on failure."""
    r = subprocess.run(("openssl",) + args, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise RuntimeError("openssl %s failed: %s" % (args[0], r.stderr))
    return r.stdout


def _write(path, text, mode=0o644):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, mode)


def make_ca(cert, key, subject, state_dir):
    """Create a self-signed RSA-2048 CA certificate valid for 10 years."""
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256",
             "-keyout", key, "-out", cert, "-days", "3650", "-utf8",
             "-subj", subject, "-extensions", "v3_ca_vt",
             "-config", _req_config(state_dir, CA_EXT))
    os.chmod(key, 0o600)


def _req_config(state_dir, ext_text):
    """A minimal openssl.cnf for req -x509 with our extensions."""
    path = os.path.join(state_dir, ".req.cnf")
    _write(path, "[req]\ndistinguished_name=dn\nutf8=yes\n"
                 "string_mask=utf8only\n[dn]\n[v3_ca_vt]\n" + ext_text)
    return path


def ensure_certificates(state_dir):
    """Create any missing certificate; (re)build the NSS database."""
    d = state_dir
    tls_ca, tls_ca_key = (os.path.join(d, "tls-ca.pem"),
                          os.path.join(d, "tls-ca-key.pem"))
    cert, key = os.path.join(d, "tls-cert.pem"), os.path.join(d, "tls-key.pem")
    sca, sca_key = (os.path.join(d, "signing-ca.pem"),
                    os.path.join(d, "signing-ca-key.pem"))
    if not (os.path.exists(tls_ca) and os.path.exists(tls_ca_key)):
        make_ca(tls_ca, tls_ca_key,
                "/C=VN/O=vanthu reference server/CN=vanthu test TLS CA", d)
        for stale in (cert, key):
            if os.path.exists(stale):
                os.unlink(stale)
    if not (os.path.exists(cert) and os.path.exists(key)):
        csr = os.path.join(d, ".tls.csr")
        ext = os.path.join(d, ".tls.ext")
        _write(ext, SERVER_EXT)
        _openssl("req", "-new", "-newkey", "rsa:2048", "-nodes",
                 "-keyout", key, "-out", csr,
                 "-subj", "/C=VN/O=vanthu reference server/CN=localhost")
        _openssl("x509", "-req", "-in", csr, "-CA", tls_ca, "-CAkey",
                 tls_ca_key, "-CAcreateserial", "-CAserial",
                 os.path.join(d, ".tls-ca.srl"), "-sha256", "-days", "825",
                 "-out", cert, "-extfile", ext)
        os.chmod(key, 0o600)
        os.unlink(csr)
        os.unlink(ext)
    if not (os.path.exists(sca) and os.path.exists(sca_key)):
        make_ca(sca, sca_key,
                "/C=VN/ST=Thanh Hóa/O=vanthu test/CN=vanthu test signing CA",
                d)
    cnf = os.path.join(d, ".req.cnf")
    if os.path.exists(cnf):
        os.unlink(cnf)
    build_nssdb(d, sca)
    return cert, key


def build_nssdb(state_dir, ca_pem):
    """An NSS database trusting only ca_pem, for pdfsig -nssdir."""
    db = os.path.join(state_dir, "nssdb")
    if os.path.isdir(db):
        shutil.rmtree(db)
    os.makedirs(db)
    for args in (["-N", "--empty-password"],
                 ["-A", "-n", "vanthu-signing-ca", "-t", "CT,C,C", "-i",
                  ca_pem]):
        r = subprocess.run(["certutil", "-d", "sql:" + db] + args,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
        if r.returncode != 0:
            raise RuntimeError("certutil %s failed: %s" % (args[0], r.stderr))
    return db
