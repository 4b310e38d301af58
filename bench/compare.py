#!/usr/bin/env python3
"""Run vanthu and the anchors (mutt, neomutt) alternately on the same
documents and print one line per figure: name, vanthu's median, the
anchor's median, the ratio and the target.  Figures only; nothing is
asserted (a benchmark, run by `make bench`, never by make check).

Usage: compare.py VANTHU MAILDIR WORKDIR RUNS LABEL [first]

VANTHU runs from its cache (`vanthu ui --offline`, the environment's
XDG directories; slow_link = yes from a copy of its configuration);
mutt and neomutt read MAILDIR (the same documents, one message each)
with a warm header cache in WORKDIR.  LABEL names the data set in the
figures ("10k").  With "first" (the first size of a run) it also
prints the figures that do not depend on the size: the slow-link
display's repaints, start-up CPU and libraries, and `inbox --offline`.
An anchor that is not installed is shown as "-" (tools/install-deps
--bench installs both).
"""
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import ptylib  # noqa: E402

VANTHU, MAILDIR, WORK, RUNS, LABEL = (sys.argv[1], sys.argv[2], sys.argv[3],
                                      int(sys.argv[4]), sys.argv[5])
FIRST = len(sys.argv) > 6 and sys.argv[6] == "first"
# The memory targets: at 10,000 and 100,000 documents.
RSS_TARGET = {"10k": "<= 14 MB", "100k": "<= 45 MB"}
COLS, ROWS = 80, 24
READY = b"BENCHREADY"


def muttrc(name, arrow=False):
    """A minimal configuration: header cache on, a status line the
    driver waits for, no mailbox checks or confirmations; ARROW: mutt's
    arrow_cursor (its own slow-terminal display)."""
    path = os.path.join(WORK, name + ("-arrow" if arrow else "") + "rc")
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
        if arrow:
            f.write("set arrow_cursor=yes\n")
    return path


def slow_config():
    """A copy of vanthu's configuration with slow_link = yes."""
    home = os.environ.get("XDG_CONFIG_HOME",
                          os.path.expanduser("~/.config"))
    path = os.path.join(WORK, "vanthu-slow.conf")
    with open(os.path.join(home, "vanthu", "config")) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text + "\nslow_link = yes\n")
    return path


def programs():
    """{name: (argv, ready-predicate)} for what is installed."""
    progs = {"vanthu": ([VANTHU, "ui", "--offline"],
                        lambda b: b"Incoming documents (" in b),
             "vanthu-slow": ([VANTHU, "-c", slow_config(), "ui", "--offline"],
                             lambda b: b"Incoming documents (" in b)}
    for name in ("mutt", "neomutt"):
        exe = shutil.which(name)
        if exe is None:
            continue
        for arrow in (False, True):
            progs[name + ("-arrow" if arrow else "")] = (
                [exe, "-n", "-F", muttrc(name, arrow), "-f", MAILDIR],
                lambda b: READY in b)
    return progs


def one_run(argv, ready):
    """First screen: seconds, RSS (KB) then; bytes of one cursor move."""
    t0 = time.monotonic()
    pid, fd = ptylib.spawn(argv, COLS, ROWS)
    _, end = ptylib.first_screen(fd, ready)
    rss = ptylib.rss_kb(pid)
    move = ptylib.press(fd, "Down", 4)
    ptylib.stop(pid, fd)
    return end - t0, rss, move


def worst_repaint(argv, ready):
    """Of the keys that repaint what is on screen (bench/ptylib.py's
    WALK: moves, scrolls, prompts), the largest press that does not
    scroll and the largest that scrolls (half a page: it writes the rows
    it brings in), each with its key's entry."""
    pid, fd = ptylib.spawn(argv, COLS, ROWS)
    ptylib.first_screen(fd, ready)
    costs = [c for c in ptylib.walk(fd) if ptylib.is_repaint(c[1])]
    ptylib.stop(pid, fd)
    return (max(costs, key=lambda c: c[3]), max(costs, key=lambda c: c[4]))


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


def libraries(argv):
    """How many shared libraries ARGV's process loads (the dynamic
    loader's own trace, LD_DEBUG=files), the loader and vdso aside."""
    env = dict(os.environ, LD_DEBUG="files")
    p = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, env=env)
    names = set()
    for line in p.stderr.decode(errors="replace").splitlines():
        part = line.split("file=", 1)
        if len(part) == 2 and "[0];  needed by" in line or \
                len(part) == 2 and "dynamically loaded" in line:
            names.add(part[1].split()[0])
    return len(names)


def fmt(x):
    if isinstance(x, float):
        return "%.2f" % x if x < 100 else "%.0f" % x
    return str(x)


def line(name, mine, anchor, anchor_name, target):
    """One figure: name, vanthu, the anchor, their ratio, the target."""
    ratio = "%.2f" % (mine / anchor) if anchor else "-"
    a = "%s %s" % (fmt(anchor), anchor_name) if anchor else "-"
    print("%-40s vanthu %-10s %-24s ratio %-6s target %s" %
          (name, fmt(mine), a, ratio, target))
    sys.stdout.flush()


def main():
    progs = programs()
    # Warm every program once (page cache, mutt's header cache).
    for argv, ready in progs.values():
        one_run(argv, ready)
    res = {name: [] for name in progs}
    for _ in range(RUNS):          # alternately, in the same run
        for name, (argv, ready) in progs.items():
            res[name].append(one_run(argv, ready))

    def med(name, i):
        if name not in res:
            return 0
        return statistics.median(r[i] for r in res[name])
    for anchor in ("neomutt", "mutt"):
        line("first screen %s (ms) vs %s" % (LABEL, anchor),
             med("vanthu", 0) * 1000, med(anchor, 0) * 1000, anchor,
             "<= 0.125 of neomutt" if anchor == "neomutt" else "-")
    for anchor in ("mutt", "neomutt"):
        line("first screen %s RSS (MB) vs %s" % (LABEL, anchor),
             med("vanthu", 1) / 1024, med(anchor, 1) / 1024, anchor,
             RSS_TARGET.get(LABEL, "- (14 MB at 10k, 45 MB at 100k)"))
    line("cursor move 80x24 (bytes)", med("vanthu", 2), med("neomutt", 2),
         "neomutt", "-")
    line("cursor move slow_link (bytes)", med("vanthu-slow", 2),
         med("mutt-arrow", 2), "mutt arrow", "<= 20")
    if not FIRST:
        return
    still, scroll = worst_repaint(*progs["vanthu-slow"])
    line("largest repaint per key slow_link", still[3], 0, "",
         "<= 300 (%s; no scroll)" % still[1])
    line("half-page scroll slow_link (bytes)", scroll[4], 0, "",
         "- (the new rows' text; %s)" % scroll[1])
    mutt = shutil.which("mutt")
    v = cpu_of([VANTHU, "--version"]) * 1000
    m = cpu_of([mutt, "-v"]) * 1000 if mutt else 0
    line("start-up --version (CPU ms)", v, m, "mutt -v", "<= mutt")
    line("start-up --version (libraries)", libraries([VANTHU, "--version"]),
         libraries([mutt, "-v"]) if mutt else 0, "mutt -v", "-")
    v = cpu_of([VANTHU, "inbox", "--offline"], 7) * 1000
    line("inbox --offline %s (CPU ms)" % LABEL, v, 0, "", "-")
    line("inbox --offline (libraries)",
         libraries([VANTHU, "inbox", "--offline"]), 0, "", "-")


main()
