"""Shared by the benchmarks that drive a program in a pseudo-terminal
(bench/compare.py, bench/ui-pty.py): start it at a given size, read
what it writes, count bytes per key, its RSS, stop it.  Figures only;
nothing here asserts anything."""
import fcntl
import os
import re
import pty
import select
import struct
import termios
import time

# Keys as an xterm in application mode sends them (vanthu asks for it).
KEYS = {
    "Down": b"\x1bOB", "Up": b"\x1bOA", "PageDown": b"\x1b[6~",
    "PageUp": b"\x1b[5~", "Home": b"\x1bOH", "End": b"\x1bOF",
    "Enter": b"\r", "Escape": b"\x1b",
}


def spawn(argv, cols=80, rows=24, env=None):
    """Start ARGV in a new pseudo-terminal of COLS x ROWS (TERM=xterm,
    C.UTF-8 unless ENV says otherwise); returns (pid, master fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm"
        os.environ["LC_ALL"] = "C.UTF-8"
        os.environ["COLUMNS"], os.environ["LINES"] = str(cols), str(rows)
        os.environ.update(env or {})
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    return pid, fd


def read_until(fd, pred, timeout=120.0):
    """Read until PRED(bytes so far) holds or TIMEOUT seconds passed."""
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


def presses(fd, key, n=1, quiet=0.15):
    """Press KEY (a name of KEYS or bytes) N times, one at a time, each
    time reading what comes back; returns what was written for each."""
    seq = KEYS.get(key, key) if isinstance(key, str) else key
    if isinstance(seq, str):
        seq = seq.encode()
    out = []
    for _ in range(n):
        os.write(fd, seq)
        out.append(drain(fd, quiet))
    return out


def press(fd, key, n=1, quiet=0.15):
    """press KEY N times (presses); returns the bytes written per press."""
    got = presses(fd, key, n, quiet)
    return sum(len(b) for b in got) / n if n else 0


# A press that scrolls: scroll up or down (SU, SD), a new scroll region
# (DECSTBM), reverse index.  It writes the rows it brings in.
SCROLL = re.compile(rb"\x1b\[\d*[ST]|\x1b\[\d+;\d+r|\x1bM")


def is_scroll(data):
    """Whether what a press wrote scrolls the screen."""
    return SCROLL.search(data) is not None


def rss_kb(pid):
    """The resident set of PID now, in KB (0 if it is gone)."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def stop(pid, fd):
    """End the program (SIGTERM), reap it and close the terminal."""
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


def first_screen(fd, pred, quiet=0.3, timeout=120.0):
    """Read until PRED(bytes so far) holds, then on until nothing came
    for QUIET seconds; returns (bytes, monotonic time of the last read
    that brought bytes): the end of the first screen."""
    buf = read_until(fd, pred, timeout)
    last = time.monotonic()
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return buf, last
        try:
            more = os.read(fd, 65536)
        except OSError:
            return buf, last
        if not more:
            return buf, last
        buf += more
        last = time.monotonic()


# The keys of the inbox and of a document's reader, in an order that
# leaves each where the next needs it: (screen, what, key, presses).
# Runs of 40 Down or Up count moves and scrolls together, per key, as
# someone going down a long list sees them.
WALK = [
    ("inbox", "cursor move (Down, one row)", "Down", 1),
    ("inbox", "Down x40 from the top (moves, scrolls)", "Down", 40),
    ("inbox", "Up x40 back (moves, scrolls)", "Up", 40),
    ("inbox", "PageDown", "PageDown", 2),
    ("inbox", "PageUp", "PageUp", 2),
    ("inbox", "End", "End", 1),
    ("inbox", "Home", "Home", 1),
    ("inbox", "filter unread (u, again: all)", "u", 2),
    ("inbox", "search prompt (/)", "/", 1),
    ("inbox", "a letter typed in the search", "h", 3),
    ("inbox", "leave the search (Escape)", "Escape", 1),
    ("inbox", "redraw (Ctrl-L)", "\x0c", 1),
    ("reader", "open a document (Enter)", "Enter", 1),
    ("reader", "Down", "Down", 4),
    ("reader", "Up", "Up", 4),
    ("reader", "PageDown", "PageDown", 2),
    ("reader", "PageUp", "PageUp", 2),
    ("reader", "back to the inbox (q)", "q", 1),
]

# Keys that bring a screenful of other content: they write it whatever
# the mode (not "repaints" of what is on screen).
NEW_CONTENT = ("PageDown", "PageUp", "End", "Home", "filter", "letter",
               "Escape", "redraw", "open", "back to")


def walk(fd):
    """Press every key of WALK from the first row of the inbox; returns
    [(screen, what, bytes per key, largest press that does not scroll,
    largest press that scrolls (0 if none))]."""
    out = []
    for screen, what, key, n in WALK:
        got = presses(fd, key, n)
        still = [len(b) for b in got if not is_scroll(b)]
        moved = [len(b) for b in got if is_scroll(b)]
        out.append((screen, what, sum(len(b) for b in got) / n,
                    max(still, default=0), max(moved, default=0)))
    return out


def is_repaint(what):
    """Whether a WALK entry repaints what is on screen (moves, scrolls,
    prompts) rather than bringing other content (NEW_CONTENT)."""
    return not any(w in what for w in NEW_CONTENT)
