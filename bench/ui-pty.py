#!/usr/bin/env python3
"""Drive vanthu's interface in a pseudo-terminal and count what it writes.

Usage: ui-pty.py VANTHU COLS ROWS [CONFIG]

From the cache (`ui --offline`; with CONFIG, `-c CONFIG`, e.g. one that
sets slow_link = yes), prints (figures only; nothing is asserted):
  - the time from start to the first full inbox screen and its bytes,
  - the bytes written per key press, for every key of the inbox and of
    a document's reader (bench/ptylib.py's WALK), with the largest press
    of each and the largest of those that scroll; then the largest
    press of the keys that repaint what is on screen (moves, prompts;
    not those that bring a screenful of other content, as PageDown),
    and apart the largest press that scrolls (it writes the rows it
    brings in).
The terminal is xterm (TERM=xterm): the arrow keys are sent as the
application-mode sequences vanthu asks for.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ptylib  # noqa: E402

vanthu, cols, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
argv = [vanthu] + (["-c", sys.argv[4]] if len(sys.argv) > 4 else [])
argv += ["ui", "--offline"]

t0 = time.monotonic()
pid, fd = ptylib.spawn(argv, cols, rows)
# The hint lines are drawn after the list in the same update: once the
# last hint is out, the first screen is complete.
first, end = ptylib.first_screen(fd, lambda b: b"Incoming documents (" in b)
elapsed = end - t0
title = "?"
if b"Incoming documents (" in first:
    title = first.split(b"Incoming documents (")[1].split(b")")[0].decode()
print("first full inbox screen (%s documents, from cache): %.0f ms, "
      "%d bytes" % (title, elapsed * 1000, len(first)))
costs = ptylib.walk(fd)
for screen, what, n, still, scroll in costs:
    kind = "" if ptylib.is_repaint(what) else "  (other content)"
    most = "largest %d" % still
    if scroll:
        most += ", scrolling %d" % scroll
    print("%-7s %-40s %6.0f bytes per key (%s)%s" % (screen, what, n, most,
                                                     kind))
rep = [c for c in costs if ptylib.is_repaint(c[1])]
worst = max(rep, key=lambda c: c[3])
print("largest repaint of a key: %d bytes (%s %s; target <= 300 at 80x24 "
      "in slow_link mode)" % (worst[3], worst[0], worst[1]))
worst = max(rep, key=lambda c: c[4])
if worst[4]:
    print("largest scroll of a key: %d bytes (%s %s: the rows it brings "
          "in)" % (worst[4], worst[0], worst[1]))
os.write(fd, b"Q")
ptylib.drain(fd, 0.3)
ptylib.stop(pid, fd)
