"""Smoke-test the frozen program without the venv: demo, render PDF and DOCX, check, a C-locale
console, and the GUI starting offscreen (quits after the main window's first paint).

    python scripts/smoke_frozen.py [BUNDLE_FOLDER]      (default dist/mediation-desk)

Standard library only, so the Windows workflow runs the same script against the installed copy
(`python scripts/smoke_frozen.py "%LOCALAPPDATA%\\Programs\\调解工作台"`). Each program runs
in an environment emptied of everything but the basics (env -i on Linux), with a temporary home
and data folder. Exit status 0 when every step passed.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "mediation-desk.spec"


def spec_names(spec: Path = SPEC) -> dict[str, str]:
    """The spec's top-level string constants (BUNDLE, GUI_NAME, CLI_NAME), read without running it."""
    names = {}
    for node in ast.parse(spec.read_text(encoding="utf-8")).body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)):
            names[node.targets[0].id] = node.value.value
    return names


NAMES = spec_names()
BUNDLE, CLI_NAME, GUI_NAME = NAMES["BUNDLE"], NAMES["CLI_NAME"], NAMES["GUI_NAME"]

EXE = ".exe" if os.name == "nt" else ""
SMOKE_LINE = "smoke: first paint of the main window"  # app/views/launcher.py
WINDOWS_KEEP = ("SystemRoot", "SystemDrive", "WINDIR", "COMSPEC", "PATHEXT", "NUMBER_OF_PROCESSORS",
                "PROCESSOR_ARCHITECTURE")


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """Nothing of the build machine's Python: no PYTHON*, no venv on PATH, a temporary home."""
    env = {"HOME": str(home), "USERPROFILE": str(home), "TMPDIR": str(home), "TEMP": str(home),
           "TMP": str(home), "MEDIATION_DESK_DATA_DIR": str(home / "data"),
           "MEDIATION_DESK_DOCUMENTS_DIR": str(home / "documents")}
    if os.name == "nt":
        env.update({k: os.environ[k] for k in WINDOWS_KEEP if k in os.environ})
        env["PATH"] = os.environ.get("SystemRoot", r"C:\Windows") + r"\System32"
        env["LOCALAPPDATA"] = env["APPDATA"] = str(home)
    else:
        env["PATH"] = "/usr/bin:/bin"
        env["LANG"] = "C.UTF-8"
    env.update(extra)
    return env


def run(exe: Path, args: list[str], env: dict[str, str], cwd: Path,
        timeout: int = 300) -> subprocess.CompletedProcess[bytes]:
    started = time.perf_counter()
    result = subprocess.run([str(exe), *args], env=env, cwd=cwd, capture_output=True,
                            timeout=timeout)
    took = time.perf_counter() - started
    out = result.stdout.decode("utf-8", "replace").strip().splitlines()
    print(f"[{took:5.1f} s] {exe.name} {' '.join(args)} → {result.returncode}"
          + (f"  {out[-1][:100]}" if out else ""))
    if result.returncode != 0:
        sys.stdout.write(result.stdout.decode("utf-8", "replace"))
        sys.stdout.write(result.stderr.decode("utf-8", "replace"))
        raise SystemExit(f"FAILED: {exe.name} {' '.join(args)}")
    return result


def text(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stdout.decode("utf-8")


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"FAILED: {what}")


def main() -> int:
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / BUNDLE).resolve()
    cli, gui = bundle / f"{CLI_NAME}{EXE}", bundle / f"{GUI_NAME}{EXE}"
    expect(cli.is_file() and gui.is_file(), f"{cli} and {gui} exist")
    with tempfile.TemporaryDirectory(prefix="md-smoke-") as tmp:
        home = Path(tmp)
        env = clean_env(home)
        sys.path.insert(0, str(ROOT))
        from app import __version__  # the source's version: the bundle must carry the same

        expect(__version__ in text(run(cli, ["--version"], env, home)), "the version")
        run(cli, ["init"], env, home)
        run(cli, ["demo", "--cases", "3"], env, home)
        case_no = json.loads(text(run(cli, ["cases", "--json"], env, home)))["cases"][0]["case_no"]
        run(cli, ["render", case_no, "rights_notice", "--format", "pdf", "-o", "out/告知书.pdf"],
            env, home)
        pdf = (home / "out" / "告知书.pdf").read_bytes()
        expect(pdf.startswith(b"%PDF-") and len(pdf) > 5000, "a PDF with an embedded font")
        run(cli, ["render", case_no, "acceptance_notice", "--format", "docx", "-o",
                  "out/受理通知书.docx"], env, home)
        body = zipfile.ZipFile(home / "out" / "受理通知书.docx").read("word/document.xml")
        expect(case_no in body.decode("utf-8"), "the case number inside the DOCX")
        expect("检查通过" in text(run(cli, ["check"], env, home)), "check passes")
        # A console that is not UTF-8 (the C locale here, GBK on a Chinese Windows) still works.
        run(cli, ["cases"], clean_env(home, LANG="C", LC_ALL="C"), home)
        # The GUI signs in by itself once an administrator exists and auto-login names them.
        admin = clean_env(home, MEDIATION_DESK_PASSWORD="Smoke-Test-2026!")
        run(cli, ["user", "add", "smoke", "--role", "administrator"], admin, home)
        run(cli, ["--user", "smoke", "user", "auto-login", "smoke"], admin, home)
        run(gui, ["--smoke"], clean_env(home, QT_QPA_PLATFORM="offscreen"), home, timeout=180)
        log = (home / "data" / "logs" / "mediation-desk.log").read_text(encoding="utf-8")
        expect(SMOKE_LINE in log, "the GUI painted its main window")
    print(f"frozen program OK: {bundle}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
