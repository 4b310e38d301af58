#!/usr/bin/env python3
"""A TCP relay that counts the bytes on the wire (bench/sync-wire.sh).

Usage: wire-relay.py TARGET_HOST TARGET_PORT LOG

Listens on a free port of 127.0.0.1 (printed on stdout, one line, when
ready) and forwards each connection to TARGET_HOST:TARGET_PORT.  When a
connection ends, one line "UP DOWN" is appended to LOG: the TCP payload
bytes the client sent and received on it (TLS records, so handshakes,
HTTP headers and compressed bodies; not the IP and TCP headers).
Python 3 standard library only.
"""
import socket
import sys
import threading

host, port, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lock = threading.Lock()


def pump(src, dst, counts, i):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            counts[i] += len(data)
            dst.sendall(data)
    except OSError:
        pass
    try:
        dst.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def serve(client):
    counts = [0, 0]
    try:
        server = socket.create_connection((host, port))
    except OSError:
        client.close()
        return
    for s in (client, server):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    t = threading.Thread(target=pump, args=(server, client, counts, 1))
    t.start()
    pump(client, server, counts, 0)
    t.join()
    client.close()
    server.close()
    with lock, open(log, "a") as f:
        f.write("%d %d\n" % (counts[0], counts[1]))


def main():
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", 0))
    ls.listen(16)
    print(ls.getsockname()[1], flush=True)
    while True:
        c, _ = ls.accept()
        threading.Thread(target=serve, args=(c,), daemon=True).start()


main()
