"""Checks run where file modes apply, and work run in a forked child that ends as a
killed process does: as root (CI's user) a file of mode 000 is no obstacle, so a test of
what a user meets on an unreadable or read-only file runs its check in a child that has
given up the privilege."""

from __future__ import annotations

import ctypes
import os
import traceback
from collections.abc import Callable

NOBODY = 65534


def run_unprivileged(check: Callable[[], None]) -> None:
    """Run `check` where file modes apply: as is for a normal user; as root (CI's user),
    in a forked child that has become `nobody`, its failure re-raised here. The files it
    reads must be reachable by everyone (see `world_readable_tmp`)."""

    def become_nobody() -> None:
        os.setgid(NOBODY)
        os.setuid(NOBODY)

    _in_a_child(become_nobody, check, "the check failed as an unprivileged user")


_CAPABILITY_VERSION_3 = 0x20080522
OVERRIDES = (1 << 1) | (1 << 2)
"""CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH: what lets root read a folder of mode 000."""
CHOWN = 1 << 0
"""CAP_CHOWN: what lets root give a file a group it is not in."""


def run_with_modes_applied(check: Callable[[], None], dropped: int = OVERRIDES) -> None:
    """Run `check` where file modes apply to the files this user owns: as is for a normal
    user; as root (CI's user), in a forked child that dropped the capabilities `dropped`
    (by default the two that override file modes, as `setpriv
    --inh-caps=-dac_override,-dac_read_search` does), so it stays root for everything
    else (it can import what root installed, which `nobody` cannot always)."""

    def drop_overrides() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        header = (ctypes.c_uint32 * 2)(_CAPABILITY_VERSION_3, 0)
        data = (ctypes.c_uint32 * 6)()  # (effective, permitted, inheritable) x 2 words
        assert libc.capget(header, data) == 0, os.strerror(ctypes.get_errno())
        for word in (0, 1):  # the low word's effective and permitted sets
            data[word] &= ~dropped
        assert libc.capset(header, data) == 0, os.strerror(ctypes.get_errno())

    _in_a_child(drop_overrides, check, "the check failed with file modes applied")


def _in_a_child(become: Callable[[], None], check: Callable[[], None], failure: str) -> None:
    """`check` as root after `become` in a forked child, its failure re-raised here; as
    is for a normal user."""
    if os.geteuid() != 0:
        check()
        return

    def become_then_check() -> None:
        become()
        check()

    in_forked_child(become_then_check, failure)


def in_forked_child(work: Callable[[], None], failure: str) -> None:
    """`work` in a forked child that ends without running this process's clean-up (as a
    killed process ends), its failure printed there and asserted here as `failure`."""
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through its exit status
        status = 1
        try:
            work()
            status = 0
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(status)
    _, wait_status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(wait_status) == 0, failure
