"""The wheel carries its data: built from this checkout, installed into a fresh venv and run from
another folder (init, demo, render PDF and DOCX, check) with the documents parsed back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]


def _run(cmd: list[str], cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["MEDIATION_DESK_DATA_DIR"] = str(cwd / "data")
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                            encoding="utf-8", timeout=300, **kw)  # type: ignore[call-overload]
    assert result.returncode == 0, f"{cmd}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
         cwd=out)
    (built,) = out.glob("mediation_desk-*.whl")
    return built


def test_the_wheel_holds_every_resource_and_migration(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, package in (("resources", "app/_resources"), ("migrations", "app/_migrations")):
        files = [p for p in (ROOT / folder).rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts]
        assert files
        missing = [p for p in files
                   if f"{package}/{p.relative_to(ROOT / folder).as_posix()}" not in names]
        assert missing == [], f"not in the wheel: {missing}"


def test_a_fresh_venv_runs_the_installed_wheel_from_another_folder(wheel: Path,
                                                                    tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig."
                                   "get_paths()['purelib'])"], capture_output=True, text=True,
                                  check=True).stdout.strip())
    # The dependencies come from the shared venv (a .pth adds its folder at the END of sys.path,
    # without running its .pth files, so the shared venv's editable `app` stays out of reach).
    (purelib / "shared-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q",
          str(wheel)], cwd=tmp_path)
    work = tmp_path / "elsewhere"
    work.mkdir()
    where = _run([str(python), "-c", "import app.resources as r; print(r.RESOURCES_DIR);"
                  "print(r.MIGRATIONS_DIR)"], cwd=work).stdout.split()
    assert all(Path(p).is_relative_to(purelib / "app") for p in where), where

    exe = str(venv / ("Scripts/mediation-desk.exe" if os.name == "nt" else "bin/mediation-desk"))
    assert "数据库已升级：空 → " in _run([exe, "init"], cwd=work).stdout
    _run([exe, "demo", "--cases", "3"], cwd=work)
    listed = json.loads(_run([exe, "cases", "--json"], cwd=work).stdout)
    case_no = listed["cases"][0]["case_no"]
    _run([exe, "render", case_no, "rights_notice", "--format", "pdf", "-o", "out/n.pdf"], cwd=work)
    _run([exe, "render", case_no, "acceptance_notice", "--format", "docx", "-o", "out/a.docx"],
         cwd=work)
    assert "检查通过" in _run([exe, "check"], cwd=work).stdout

    pdf_text = "".join(page.extract_text() for page in PdfReader(work / "out/n.pdf").pages)
    assert "权利义务" in pdf_text and case_no in pdf_text.replace("\n", "")
    docx_text = "\n".join(p.text for p in docx.Document(str(work / "out/a.docx")).paragraphs)
    assert "受理通知书" in docx_text.replace(" ", "")
