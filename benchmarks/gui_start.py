"""GUI start, timed as a whole process: `mediation-desk --smoke` (offscreen) from spawning the
process to the launcher's two lines (app/views/launcher.py):
- usable (`USABLE_LINE`): the main window has been painted — frame, menus, navigation, its
  pages saying 正在载入… — and the GUI thread has then taken an event posted after that paint,
  as it would take a click or a key. What a clerk waits for. Budget 1.5 s (issue 21).
- pages filled (`FILLED_LINE`): the workbench's figures and the case list's first page, read
  on worker threads, are shown and painted. Reported beside it, no budget of its own.
On an empty database, on the bench's demo database, and while another process backs that
database up. Run by `make bench` after benchmarks.run, or alone: `python -m benchmarks.gui_start`
(BENCH_DIR and BENCH_CASES as for benchmarks.run: it uses BENCH_DIR/demo-<cases>). The demo
database gets a `bench` administrator with auto-login (no dialog to answer); everything the
starts write (window.ini, the log) goes to that data folder or a temporary one, never the
repository.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.views.launcher import FILLED_LINE, USABLE_LINE

BUDGET_S = 1.5
REPEAT = 5
PASSWORD = "Bench-Start-2026!"
EXE = str(Path(sys.executable).with_name("mediation-desk"))


# Compiled bytecode as an installed program has it (pip and the frozen build compile it), in a
# folder of the bench's own: with PYTHONDONTWRITEBYTECODE set, or a fresh checkout, each start
# would compile every module again (0.6 s here). One untimed start fills it.
PYCACHE = Path(tempfile.gettempdir()) / "mediation-desk-bench-pycache"


def _env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MEDIATION_DESK_PASSWORD": PASSWORD,
           "MEDIATION_DESK_PASSPHRASE": PASSWORD, "PYTHONPYCACHEPREFIX": str(PYCACHE)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, "--data-dir", str(data), *args], capture_output=True, text=True,
                          env=_env(), check=False)


def signed_in(data: Path) -> None:
    """An administrator `bench` with auto-login, so the start shows the window, no dialog:
    the account is added when missing, and auto-login is set each time (a `bench` account
    left without it, or another user's auto-login, would leave the start at the sign-in)."""
    names = {row.split()[0] for row in _cli(data, "user", "list").stdout.splitlines()
             if row.strip()}
    if "bench" not in names:
        _cli(data, "user", "add", "bench", "--role", "administrator").check_returncode()
    _cli(data, "--user", "bench", "user", "auto-login", "bench").check_returncode()


def start_seconds(data: Path) -> tuple[float, float]:
    """One start: seconds from spawning the process to the usable window's line, and to the
    pages-filled line."""
    start = time.perf_counter()
    proc = subprocess.Popen([EXE, "--data-dir", str(data), "--smoke"], env=_env(),
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            encoding="utf-8")
    assert proc.stderr is not None
    usable = filled = None
    for line in proc.stderr:
        if line.startswith(USABLE_LINE) and usable is None:
            usable = time.perf_counter() - start
        elif line.startswith(FILLED_LINE) and filled is None:
            filled = time.perf_counter() - start
    proc.wait(timeout=120)
    if usable is None or filled is None or proc.returncode != 0:
        raise RuntimeError(f"{EXE} --smoke did not print both {USABLE_LINE!r} and "
                           f"{FILLED_LINE!r} (exit {proc.returncode})")
    return usable, filled


def while_backing_up(data: Path, tmp: Path) -> tuple[float, float]:
    """One start while a `backup` of the same database runs in another process."""
    backup = subprocess.Popen([EXE, "--data-dir", str(data), "backup", "-o",
                               str(tmp / f"b{time.monotonic_ns()}.zip")], env=_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)  # past its start, into the copy
    try:
        return start_seconds(data)
    finally:
        if backup.poll() is None:
            backup.terminate()  # its half-written archive goes with the temporary folder
        else:
            print("  (the backup had already ended when the window came: a small database)")
        backup.wait(timeout=60)


def line(label: str, starts: list[tuple[float, float]]) -> None:
    usable = [u for u, _f in starts]
    filled = [f for _u, f in starts]
    median = statistics.median(usable)
    verdict = "within" if median <= BUDGET_S else "OVER"
    print(f"GUI start to a usable window, {label:<28} {median * 1000:9.0f} ms"
          f"   (min {min(usable) * 1000:.0f}, max {max(usable) * 1000:.0f}; budget"
          f" {BUDGET_S:g} s: {verdict})")
    print(f"GUI start to its pages filled, {label:<27} {statistics.median(filled) * 1000:9.0f} ms"
          f"   (min {min(filled) * 1000:.0f}, max {max(filled) * 1000:.0f})")


def bench_gui_start(demo: Path | None) -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        empty = tmp / "empty"
        signed_in(empty)
        bare = statistics.median(
            [_timed([EXE, "--version"]) for _ in range(REPEAT)])
        print(f"(a bare `mediation-desk --version`: {bare * 1000:.0f} ms)")
        start_seconds(empty)  # untimed: compiles the bytecode into PYCACHE
        line("empty database", [start_seconds(empty) for _ in range(REPEAT)])
        if demo is None or not demo.exists():
            print("GUI start on the demo database: not measured (no bench database yet)")
            return
        signed_in(demo.parent)
        cases = demo.parent.name.removeprefix("demo-")
        line(f"{int(cases):,} cases", [start_seconds(demo.parent) for _ in range(REPEAT)])
        line(f"{int(cases):,}, backup running", [while_backing_up(demo.parent, tmp)
                                                 for _ in range(REPEAT)])


def _timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    from benchmarks.run import CASES, DATA

    bench_gui_start(DATA / f"demo-{CASES}" / "mediation-desk.sqlite3")


if __name__ == "__main__":
    main()
