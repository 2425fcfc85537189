"""When a file's stamp may vouch for its bytes: git's "racily clean" rule, with the
window the file's own timestamps show its file system needs.

sitegen skips a file whose stamp (size, mtime, ctime, inode, device) is the one it
recorded. That is only safe for a stamp that cannot come back: a file saved again in
the same tick of the file system's clock as the save before keeps its mtime and ctime,
and a same-size save its whole stamp (git's "racily clean" entries). So a stamp read
within one tick of a file's last change is recorded untrusted, and the file is hashed
again next time.

How long a tick is depends on the file system. A saved file's time is its clock's last
tick cut down to the file system's granularity, so it can lag the save by a tick and
the granularity together; a stamp is trusted only once it is older than that. FAT keeps
mtimes to two seconds (the coarse window is three). A file system that keeps
sub-millisecond timestamps (ext4, XFS, Btrfs, tmpfs, APFS, NTFS) takes them from the
kernel's clock as it stood at its last timer tick: 1-10 ms on Linux (HZ 1000-100),
about 16 ms on Windows; the fine window, 100 ms, is several ticks longer. A file's ctime
tells which kind it lives on: only the kernel sets it (`touch -d`, `cp -p` and `tar x`
set the mtime), and a file system that keeps whole seconds, two seconds or FAT's 10 ms
never shows digits below the millisecond in it. A file whose ctime shows them is on a
fine file system; any other gets the coarse window. (The mtime may be any value: a save
sets both, and the ctime alone tells the next save from this one.)

Why it matters: with a two-second window for every file, a copy or checkout followed at
once by a build left every file written in the two seconds before it untrusted, and the
next build, with nothing changed, hashed them all again (the whole site after a fast copy: 0.36 s at
10,000 posts where comparing stamps takes 0.1 s).

Not covered, as for git: a clock stepped back, and a network file system whose server's
clock runs behind this machine's by more than the window.

Standard library only: the no-change check applies it before the pipeline is imported.
"""

from __future__ import annotations

__all__ = ["COARSE_WINDOW_NS", "FINE_WINDOW_NS", "racy_window_ns", "settled", "settled_in_any_window"]

COARSE_WINDOW_NS = 3_000_000_000
"""Longer than any file system's timestamp granularity and a clock tick together (FAT's
mtime keeps two seconds: with a window of exactly two, a save two seconds and a tick
after the time the file got could keep it)."""
FINE_WINDOW_NS = 100_000_000
"""Several timer ticks of a kernel's file-time clock, for a file system that keeps
sub-millisecond timestamps."""
_SUB_MILLISECOND = 1_000_000


def racy_window_ns(ctime_ns: int) -> int:
    """How long after its last change (ns) a file's stamp may still come back: the fine
    window when its ctime shows digits below the millisecond, else the coarse one."""
    return FINE_WINDOW_NS if ctime_ns % _SUB_MILLISECOND else COARSE_WINDOW_NS


def settled(mtime_ns: int, ctime_ns: int, moment_ns: int) -> bool:
    """Whether a stamp with these timestamps (ns since the epoch), read at `moment_ns`
    (wall clock, `time.time_ns()`, taken before the file was read), may vouch for the
    bytes read after it: both timestamps older than the moment by more than the racy
    window (`racy_window_ns`). A timestamp in the future is never settled."""
    return max(mtime_ns, ctime_ns) < moment_ns - racy_window_ns(ctime_ns)


def settled_in_any_window(timestamp_ns: int, moment_ns: int) -> bool:
    """Whether a timestamp (the latest of many files' mtimes and ctimes) is older than
    `moment_ns` by more than either window: then every one of those stamps is `settled`,
    whichever file system it lives on, without asking of each."""
    return timestamp_ns < moment_ns - max(COARSE_WINDOW_NS, FINE_WINDOW_NS)
