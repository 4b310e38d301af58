#!/usr/bin/env python3
"""slow_link = auto over SSH (issue 17): vanthu asks the terminal for
the cursor position at start and times the answer.  This plays the
terminal in a pseudo-terminal and answers after DELAY ms; prints
"arrow" when the inbox's selected row is drawn with the slow-link arrow,
"bar" when with a reverse-video bar, "none" when neither showed.

Usage: slow-rtt.py VANTHU DELAY_MS (the environment gives the cache)
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.environ.get("top_srcdir", "."), "bench"))
import ptylib  # noqa: E402

vanthu, delay = sys.argv[1], int(sys.argv[2]) / 1000.0
pid, fd = ptylib.spawn([vanthu, "ui", "--offline"], 100, 30,
                       {"SSH_CONNECTION": "10.0.0.2 50000 10.0.0.1 22"})
buf = ptylib.read_until(fd, lambda b: b"\x1b[6n" in b, 60)
if b"\x1b[6n" in buf:
    time.sleep(delay)
    os.write(fd, b"\x1b[1;1R")
buf += ptylib.read_until(fd, lambda b: b"Incoming documents (" in b, 60)
buf += ptylib.drain(fd, 0.5)
os.write(fd, b"Q")
ptylib.stop(pid, fd)
if b"->" in buf:
    print("arrow")
elif b"\x1b[7m" in buf or b";7m" in buf:
    print("bar")
else:
    print("none")
