#!/usr/bin/env python3
"""Memory and search figures of vanthu's inbox in the real interface
(issue 17), printed one line per figure; nothing is asserted (a
benchmark, run by `make bench`, never by make check).

Usage: inbox-ui.py VANTHU LABEL DOCS BASE_KB QUERY [RUNS]

Runs `vanthu ui --offline` (the environment's XDG directories) in a
pseudo-terminal of 80x24 and prints:
  - the RSS of the first screen (median of RUNS), and the RSS per
    document beyond BASE_KB (the same first screen with no inbox; 0 to
    print only the total), for DOCS documents;
  - the CPU time per key of a search typed key by key ('/' then QUERY),
    then erased key by key, including the interface's redraw after each
    key (the process's own CPU time from /proc/PID/schedstat, in ns).
With DOCS 0 it prints the base RSS only (for BASE_KB of the next runs).
"""
import os
import statistics
import sys
import time

from ptylib import drain, read_until, spawn

VANTHU, LABEL, DOCS, BASE_KB, QUERY = (sys.argv[1], sys.argv[2],
                                       int(sys.argv[3]), int(sys.argv[4]),
                                       sys.argv[5])
RUNS = int(sys.argv[6]) if len(sys.argv) > 6 else 3


def status(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def cpu_ns(pid):
    """CPU time of the whole process (every thread), in ns."""
    total = 0
    for tid in os.listdir("/proc/%d/task" % pid):
        with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
            total += int(f.read().split()[0])
    return total


def one_run(search):
    pid, fd = spawn([VANTHU, "ui", "--offline"])
    read_until(fd, lambda b: b"Incoming documents" in b and b"Unread" in b,
               timeout=300.0)
    drain(fd, 0.3)
    rss = status(pid, "VmRSS")
    per_key = 0.0
    if search:
        os.write(fd, b"/")
        drain(fd, 0.2)
        keys = 0
        t0 = cpu_ns(pid)
        for ch in QUERY:            # whole characters, as typed
            os.write(fd, ch.encode())
            drain(fd, 0.05)
            keys += 1
        for _ in QUERY:
            os.write(fd, b"\x7f")   # Backspace: the search widens
            drain(fd, 0.05)
            keys += 1
        per_key = (cpu_ns(pid) - t0) / 1e6 / keys
        os.write(fd, b"\x1b")
        drain(fd, 0.1)
    os.kill(pid, 15)
    drain(fd, 0.1)
    os.waitpid(pid, 0)
    os.close(fd)
    return rss, per_key


def main():
    res = [one_run(DOCS > 0) for _ in range(RUNS)]
    rss = statistics.median(r[0] for r in res)
    if DOCS == 0:
        print("%-34s %d KB" % ("base RSS (first screen, no inbox)", rss))
        return
    print("%-34s vanthu %-10.1f %-20s ratio %-6s target %s" %
          ("first screen %s RSS (MB)" % LABEL, rss / 1024, "-", "-",
           "<= 14 MB at 10k, 45 MB at 100k"))
    if BASE_KB > 0:
        per_doc = (rss - BASE_KB) * 1024.0 / DOCS
        print("%-34s vanthu %-10.0f %-20s ratio %-6s target %s" %
              ("RSS per document %s (bytes)" % LABEL, per_doc,
               "base %.1f MB" % (BASE_KB / 1024), "-", "<= 300"))
    key = statistics.median(r[1] for r in res)
    print("%-34s vanthu %-10.3f %-20s ratio %-6s target %s" %
          ("search per key %s, redraw (ms)" % LABEL, key, "-", "-",
           "<= 1 ms at 10k, 10 ms at 100k"))


main()
