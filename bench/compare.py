#!/usr/bin/env python3
"""Run vanthu and the anchors (mutt, neomutt) alternately on the same
documents and print one line per figure: name, vanthu's median, the
anchor's median, the ratio and the target.  Figures only; nothing is
asserted (a benchmark, run by `make bench`, never by make check).

Usage: compare.py VANTHU MAILDIR WORKDIR RUNS LABEL

VANTHU runs from its cache (`vanthu ui --offline`, the environment's
XDG directories); mutt and neomutt read MAILDIR (the same documents, one
message each) with a warm header cache in WORKDIR.  LABEL names the data
set in the figures ("10k").  An anchor that is not installed is shown
as "-" (tools/install-deps --bench installs both).
"""
import fcntl
import os
import pty
import resource
import select
import shutil
import statistics
import struct
import subprocess
import sys
import termios
import time

VANTHU, MAILDIR, WORK, RUNS, LABEL = (sys.argv[1], sys.argv[2], sys.argv[3],
                                      int(sys.argv[4]), sys.argv[5])
COLS, ROWS = 80, 24
DOWN = b"\x1bOB"
READY = b"BENCHREADY"


def muttrc(name):
    """A minimal configuration: header cache on, a status line the
    driver waits for, no mailbox checks or confirmations."""
    path = os.path.join(WORK, name + "rc")
    hc = os.path.join(WORK, name + "-hcache")
    os.makedirs(hc, exist_ok=True)
    with open(path, "w") as f:
        f.write('set header_cache="%s"\n' % hc)
        # A folder that exists: else mutt asks to create ~/Mail first.
        f.write('set folder="%s"\n' % os.path.dirname(MAILDIR))
        f.write('set spoolfile="%s"\n' % MAILDIR)
        f.write('set status_format="BENCHREADY %m %f"\n')
        f.write("set mbox_type=Maildir\nset sort=date\nset quit=yes\n")
        f.write("set mail_check=3600\nset timeout=3600\n")
        f.write("set help=no\nset beep=no\nset imap_passive=yes\n")
        if name == "neomutt":
            f.write("set header_cache_backend=lmdb\n")
    return path


def commands():
    """(name, argv, ready-predicate) for each program that is installed."""
    progs = [("vanthu", [VANTHU, "ui", "--offline"],
              lambda b: b"Urgent" in b and b"Incoming documents (" in b)]
    for name in ("mutt", "neomutt"):
        exe = shutil.which(name)
        if exe is None:
            continue
        progs.append((name, [exe, "-n", "-F", muttrc(name), "-f", MAILDIR],
                      lambda b: READY in b))
    return progs


def spawn(argv):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm"
        os.environ["LC_ALL"] = "C.UTF-8"
        os.environ["COLUMNS"], os.environ["LINES"] = str(COLS), str(ROWS)
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    return pid, fd


def read_until(fd, pred, timeout=120.0):
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
    return buf


def drain(fd, quiet=0.2):
    buf = b""
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return buf
        try:
            buf += os.read(fd, 65536)
        except OSError:
            return buf


def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def stop(pid, fd):
    try:
        os.kill(pid, 15)
    except ProcessLookupError:
        pass
    drain(fd, 0.1)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def one_run(argv, ready):
    """First screen: seconds, RSS (KB) then; bytes per Down key."""
    t0 = time.monotonic()
    pid, fd = spawn(argv)
    read_until(fd, ready)
    elapsed = time.monotonic() - t0
    drain(fd)
    rss = rss_kb(pid)
    total = 0
    for _ in range(8):
        os.write(fd, DOWN)
        total += len(drain(fd, 0.15))
    stop(pid, fd)
    return elapsed, rss, total / 8


def cpu_of(argv, runs=15):
    """Median CPU seconds (user + system) of ARGV, output discarded."""
    out = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.append(after.ru_utime - before.ru_utime +
                   after.ru_stime - before.ru_stime)
    return statistics.median(out)


def line(name, mine, anchor, anchor_name, unit, target):
    ratio = "%.2f" % (mine / anchor) if anchor else "-"
    a = ("%s %s" % (fmt(anchor), anchor_name)) if anchor else "-"
    print("%-34s vanthu %-10s %-20s ratio %-6s target %s" %
          (name, fmt(mine) + unit, a + (unit if anchor else ""), ratio,
           target))


def fmt(x):
    if isinstance(x, float):
        return "%.2f" % x if x < 100 else "%.0f" % x
    return str(x)


def main():
    progs = commands()
    # Warm every program once (page cache, mutt's header cache).
    for name, argv, ready in progs:
        one_run(argv, ready)
    res = {name: [] for name, _, _ in progs}
    for _ in range(RUNS):          # alternately, in the same run
        for name, argv, ready in progs:
            res[name].append(one_run(argv, ready))

    def med(name, i):
        if name not in res:
            return 0
        return statistics.median(r[i] for r in res[name])
    anchor = "neomutt" if "neomutt" in res else "mutt"
    line("first screen %s (ms)" % LABEL, med("vanthu", 0) * 1000,
         med(anchor, 0) * 1000, anchor, "", "<= 1/8 of neomutt (0.125)")
    line("first screen %s RSS (MB)" % LABEL, med("vanthu", 1) / 1024,
         med("mutt", 1) / 1024, "mutt", "", "<= 14 MB at 10k, 45 MB at 100k")
    line("cursor move 80x24 (bytes)", med("vanthu", 2), med(anchor, 2),
         anchor, "", "<= 20 in slow_link mode")
    if "mutt" in res and anchor != "mutt":
        line("cursor move 80x24 vs mutt (bytes)", med("vanthu", 2),
             med("mutt", 2), "mutt", "", "-")
    mutt = shutil.which("mutt")
    v = cpu_of([VANTHU, "--version"]) * 1000
    m = cpu_of([mutt, "-v"]) * 1000 if mutt else 0
    line("start-up --version (CPU ms)", v, m, "mutt -v", "", "<= mutt")
    v = cpu_of([VANTHU, "inbox", "--offline"], 7) * 1000
    line("inbox --offline %s (CPU ms)" % LABEL, v, 0, "", "", "-")


main()
