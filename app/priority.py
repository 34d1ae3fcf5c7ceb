"""Housekeeping below normal priority: a backup from the command line (an administrator's, or a
scheduled task's) runs on a thread the system serves after the clerks' programs, so a GUI
starting or a search on the same computer goes first (as the GUI's own daily backup does, on
its idle-priority thread)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
NICER_BY = 10  # Linux: added to the thread's nice value (19 is the lowest priority)
THREAD_PRIORITY_BELOW_NORMAL = -1  # Windows' SetThreadPriority


def lower_this_thread() -> bool:
    """Lower the calling thread's priority (only this thread's); False where it cannot."""
    try:
        if sys.platform == "win32":
            import ctypes

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            return bool(kernel32.SetThreadPriority(kernel32.GetCurrentThread(),
                                                   THREAD_PRIORITY_BELOW_NORMAL))
        if sys.platform.startswith("linux"):  # a nice value is per thread on Linux
            tid = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, tid,
                           min(os.getpriority(os.PRIO_PROCESS, tid) + NICER_BY, 19))
            return True
    except (OSError, AttributeError):
        pass
    return False  # elsewhere a nice value is the whole process's: left as it is


def below_normal(work: Callable[[], T]) -> T:
    """`work()` on a thread of lower priority, waited for; its result or its exception."""
    outcome: dict[str, object] = {}

    def run() -> None:
        lower_this_thread()
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001 (handed to the caller's thread)
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="below-normal")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
