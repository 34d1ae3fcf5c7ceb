"""`make bench-frozen` (also the end of `make bench`): the frozen bundle's size and how fast its
console program starts against the venv's, on a 20-case demo database. Needs `make dist`."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from smoke_frozen import BUNDLE, CLI_NAME, EXE, clean_env  # noqa: E402

REPEAT = 5
VERSION_BUDGET_S = 0.3  # the frozen `mediation-desk --version`: issue 21


def median_s(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    bundle = ROOT / "dist" / BUNDLE
    frozen = bundle / f"{CLI_NAME}{EXE}"
    venv = Path(sys.executable).parent / f"mediation-desk{EXE}"
    if not frozen.is_file():
        print(f"no frozen program at {frozen}: run `make dist` first")
        return 0
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]  # links: once
    size = sum(p.stat().st_size for p in files)
    print(f"bundle {bundle.relative_to(ROOT)}: {size / 1e6:.0f} MB in {len(files)} files")
    with tempfile.TemporaryDirectory(prefix="md-bench-") as tmp:
        home = Path(tmp)
        env = clean_env(home)
        venv_env = {**os.environ, "MEDIATION_DESK_DATA_DIR": str(home / "data")}
        subprocess.run([str(frozen), "demo", "--cases", "20"], env=env, cwd=home, check=True,
                       capture_output=True)
        print(f"{'median of ' + str(REPEAT):<34}{'frozen':>10}{'venv':>10}")
        for label, args in (("--version (interpreter + imports)", ["--version"]),
                            ("cases --limit 5 (opens the database)", ["cases", "--limit", "5"])):
            a = median_s([str(frozen), *args], env, home)
            b = median_s([str(venv), *args], venv_env, home) if venv.is_file() else float("nan")
            print(f"{label:<34}{a:>9.2f}s{b:>9.2f}s")
            if args == ["--version"]:
                verdict = "within" if a <= VERSION_BUDGET_S else "OVER"
                print(f"{'':<34}budget {VERSION_BUDGET_S:g} s for the frozen one: {verdict}")
        shutil.rmtree(home / "data", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
