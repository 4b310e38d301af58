#!/usr/bin/env python3
"""Drive vanthu's interface in a pseudo-terminal and count what it writes.

Usage: ui-pty.py VANTHU COLS ROWS KEYS

Prints (figures only; nothing is asserted):
  - the time from start to the first full inbox screen (from the cache),
  - the bytes written for the first screen,
  - bytes per key press for: moving the selection inside the screen,
    scrolling one line (selection at the bottom, Down), PageDown,
    and scrolling back up one line (Up at the top).
The terminal is xterm (TERM=xterm): the arrow keys are sent as the
application-mode sequences vanthu asks for.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

vanthu, cols, rows, nkeys = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
DOWN, UP, PGDN = b"\x1bOB", b"\x1bOA", b"\x1b[6~"


def spawn():
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm"
        os.environ["LC_ALL"] = "C.UTF-8"
        os.execv(vanthu, [vanthu, "ui", "--offline"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


def read_until(fd, pred, timeout=20.0):
    """Read until PRED(buffer) is true; returns (bytes, seconds)."""
    buf = b""
    t0 = time.monotonic()
    while not pred(buf):
        left = timeout - (time.monotonic() - t0)
        if left <= 0:
            break
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                buf += os.read(fd, 65536)
            except OSError:
                break
    return buf, time.monotonic() - t0


def drain(fd, quiet=0.15):
    """Read until nothing came for QUIET seconds; returns the bytes."""
    buf = b""
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return buf
        try:
            buf += os.read(fd, 65536)
        except OSError:
            return buf


def keys(fd, key, n):
    """Press KEY N times, one at a time; returns bytes written per press."""
    total = 0
    for _ in range(n):
        os.write(fd, key)
        total += len(drain(fd))
    return total / n


t0 = time.monotonic()
pid, fd = spawn()
# The hint lines are drawn after the list in the same update: once the
# last hint is out, the first screen is complete.
first, _ = read_until(fd, lambda b: b"Urgent" in b and b"Incoming documents (" in b)
elapsed = time.monotonic() - t0
first += drain(fd)
title = first.split(b"Incoming documents (")[1].split(b")")[0].decode() if b"Incoming documents (" in first else "?"
print(f"first full inbox screen ({title} documents, from cache): {elapsed * 1000:.0f} ms, {len(first)} bytes")

body = rows - 5            # rows of documents on the screen
inside = keys(fd, DOWN, body - 1)
print(f"Down inside the screen (selection moves): {inside:.0f} bytes per key")
scroll = keys(fd, DOWN, nkeys)
print(f"Down at the bottom (one-line scroll): {scroll:.0f} bytes per key "
      f"(target <= 300 at 80x24)")
pgdn = keys(fd, PGDN, min(nkeys, 20))
print(f"PageDown: {pgdn:.0f} bytes per key")
keys(fd, UP, body - 1)
up = keys(fd, UP, min(nkeys, 20))
print(f"Up at the top (one-line scroll back): {up:.0f} bytes per key")
os.write(fd, b"Q")
drain(fd, 0.3)
try:
    os.waitpid(pid, 0)
except ChildProcessError:
    pass
