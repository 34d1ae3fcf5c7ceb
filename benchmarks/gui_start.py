"""GUI start to a usable window, timed as a whole process: `mediation-desk --smoke` from the
process start until the launcher prints that the window was painted with its pages filled
(`launcher.USABLE_LINE`); offscreen. On an empty database, on the bench's demo database, and
while another process backs that database up. Budget 1.5 s (issue 21). Run by `make bench`
after benchmarks.run, or alone: `python -m benchmarks.gui_start`. The demo database gets a
`bench` account with auto-login (no dialog to answer); nothing is written into the repository.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.views.launcher import USABLE_LINE

BUDGET_S = 1.5
REPEAT = 5
PASSWORD = "Bench-Start-2026!"
EXE = str(Path(sys.executable).with_name("mediation-desk"))


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "MEDIATION_DESK_PASSWORD": PASSWORD,
            "MEDIATION_DESK_PASSPHRASE": PASSWORD}


def _cli(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, "--data-dir", str(data), *args], capture_output=True, text=True,
                          env=_env(), check=False)


def signed_in(data: Path) -> None:
    """An administrator `bench` with auto-login, so the start shows the window, no dialog."""
    if "bench" not in _cli(data, "user", "list").stdout:
        _cli(data, "user", "add", "bench", "--role", "administrator").check_returncode()
        _cli(data, "--user", "bench", "user", "auto-login", "bench").check_returncode()


def start_seconds(data: Path) -> float:
    """One start: seconds from spawning the process to the usable window's line."""
    start = time.perf_counter()
    proc = subprocess.Popen([EXE, "--data-dir", str(data), "--smoke"], env=_env(),
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            encoding="utf-8")
    assert proc.stderr is not None
    took = None
    for line in proc.stderr:
        if line.startswith(USABLE_LINE) and took is None:
            took = time.perf_counter() - start
    proc.wait(timeout=120)
    if took is None:
        raise RuntimeError(f"{EXE} --smoke never printed {USABLE_LINE!r} (exit {proc.returncode})")
    return took


def while_backing_up(data: Path, tmp: Path) -> float:
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


def line(label: str, times: list[float]) -> None:
    median = statistics.median(times)
    verdict = "within" if median <= BUDGET_S else "OVER"
    print(f"GUI start to a usable window, {label:<28} {median * 1000:9.0f} ms"
          f"   (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}; budget"
          f" {BUDGET_S:g} s: {verdict})")


def bench_gui_start(demo: Path | None) -> None:
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        empty = tmp / "empty"
        signed_in(empty)
        bare = statistics.median(
            [_timed([EXE, "--version"]) for _ in range(REPEAT)])
        print(f"(a bare `mediation-desk --version`: {bare * 1000:.0f} ms)")
        line("empty database", [start_seconds(empty) for _ in range(REPEAT)])
        if demo is None or not demo.exists():
            print("GUI start on the demo database: not measured (no bench database yet)")
            return
        signed_in(demo.parent)
        cases = demo.parent.name.removeprefix("demo-")
        line(f"{int(cases):,} cases", [start_seconds(demo.parent) for _ in range(REPEAT)])
        line(f"{int(cases):,}, backup running", [while_backing_up(demo.parent, tmp)
                                                 for _ in range(3)])


def _timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    from benchmarks.run import CASES, DATA

    bench_gui_start(DATA / f"demo-{CASES}" / "mediation-desk.sqlite3")


if __name__ == "__main__":
    main()
