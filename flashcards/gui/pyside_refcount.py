"""Work around a PySide6 bug that aborts the app after a few thousand Qt calls.

The PySide6 6.12.0 wheels, on Python 3.11, return `None` from every void method
(`label.setText(...)`, `app.processEvents()`, ...) without taking a reference to it: each
call lowers None's reference count by one. Python 3.12+ makes None immortal, so nothing
happens there; on 3.11 the count reaches zero after some thousands of calls and the
process dies with "Fatal Python error: none_dealloc" in the middle of a review session.

`protect_none()` detects the leak with one void call and, only if it is there, raises
None's count far beyond anything a process can use up, which is what 3.12 does for all
interpreters (immortal objects).
"""

from __future__ import annotations

import sys

# 2**40 void calls: centuries of reviewing.
_HEADROOM = 1 << 40
_protected = False


def none_leaks_per_void_call() -> int:
    """How many references to None one PySide6 void call loses (0 when fixed)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(10):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    return max(0, round(lost / 10))


def protect_none() -> bool:
    """Make None effectively immortal when PySide6 leaks it; True if it had to."""
    global _protected
    if _protected or sys.version_info >= (3, 12):
        return False
    if none_leaks_per_void_call() == 0:
        return False
    import ctypes

    # ob_refcnt is the first field of every object in CPython's release builds.
    refcount = ctypes.c_ssize_t.from_address(id(None))
    refcount.value += _HEADROOM
    _protected = True
    return True
