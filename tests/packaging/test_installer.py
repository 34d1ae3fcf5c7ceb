"""The Windows installer cannot be built here: check that the Inno Setup script, the Windows
workflow and the PyInstaller spec agree (program names, the bundle folder, the version), and
that the version has one source."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app import __version__
from app.bootstrap import Services

ROOT = Path(__file__).resolve().parents[2]
ISS = (ROOT / "packaging" / "installer.iss").read_text(encoding="utf-8")
WORKFLOW = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT / "scripts"))
from smoke_frozen import spec_names  # noqa: E402

SPEC = spec_names()


def iss_defines() -> dict[str, str]:
    return dict(re.findall(r'^#define (\w+) "([^"]*)"', ISS, flags=re.M))


def iss_setup() -> dict[str, str]:
    section = ISS.split("[Setup]", 1)[1].split("\n[", 1)[0]
    return dict(re.findall(r"^(\w+)=(.*)$", section, flags=re.M))


def test_the_installer_ships_the_spec_bundle_and_programs() -> None:
    defines = iss_defines()
    assert SPEC["GUI_NAME"] == "调解工作台" and SPEC["CLI_NAME"] == "mediation-desk"
    assert defines["GuiExe"] == f"{SPEC['GUI_NAME']}.exe"
    assert defines["CliExe"] == f"{SPEC['CLI_NAME']}.exe"
    assert defines["BundleDir"] == rf"..\dist\{SPEC['BUNDLE']}"
    assert 'Source: "{#BundleDir}\\*"; DestDir: "{app}"' in ISS
    # The spec's programs are what the workflow builds and installs.
    assert r"packaging\mediation-desk.spec" in WORKFLOW
    assert rf"dist\{SPEC['BUNDLE']}" in WORKFLOW
    # …and where a per-user install puts them ({autopf} is %LOCALAPPDATA%\Programs).
    name, gui, cli = defines["AppName"], defines["GuiExe"], defines["CliExe"]
    assert rf'$app = "$env:LOCALAPPDATA\Programs\{name}"' in WORKFLOW
    assert rf'"$app\{gui}"' in WORKFLOW
    assert rf'"$app\{cli}" init' in WORKFLOW


def test_a_per_user_install_with_chinese_shortcuts_and_messages() -> None:
    setup = iss_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # never asks for administrator
    assert setup["DefaultDirName"] == r"{autopf}\{#AppName}"  # %LOCALAPPDATA%\Programs per user
    assert iss_defines()["AppName"] == "调解工作台"
    icons = ISS.split("[Icons]", 1)[1].split("\n[", 1)[0]
    assert r'Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"' in icons
    assert r'Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"' in icons
    assert r'"{autoprograms}\卸载调解工作台"; Filename: "{uninstallexe}"' in icons
    assert '#define ChineseIsl "compiler:Languages\\ChineseSimplified.isl"' in ISS
    assert 'Name: "chinesesimplified"; MessagesFile: "{#ChineseIsl}"' in ISS
    # The uninstaller removes only what it installed: nothing may delete the data folder.
    assert "[UninstallDelete]" not in ISS and "MediationDesk" not in ISS.split("[Setup]")[1]
    assert "/CURRENTUSER" in WORKFLOW and "/VERYSILENT" in WORKFLOW


def test_one_version_number() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "app.__version__"}
    # The installer takes the version from the build, never a number of its own.
    setup = iss_setup()
    assert setup["AppVersion"] == "{#AppVersion}" and "#error" in ISS
    assert re.search(r"\d+\.\d+\.\d+", ISS) is None
    assert 'python -c "import app; print(app.__version__)"' in WORKFLOW
    assert "/DAppVersion=${{ steps.version.outputs.version }}" in WORKFLOW
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## (\d+\.\d+\.\d+)", changelog, flags=re.M).group(1) == __version__


class ShownText:
    def __init__(self) -> None:
        self.texts: list[str] = []

    def info(self, _parent: object, _title: str, text: str) -> None:
        self.texts.append(text)


def test_the_version_reaches_the_command_line_and_the_about_box(
        capsys: pytest.CaptureFixture[str], qtbot: QtBot, sqlite_services: Services,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.__main__ import main
    from app.cli.main import main as cli_main
    from app.views.main_window import MainWindow

    monkeypatch.setattr(sys, "argv", ["mediation-desk", "--version"])
    assert main() == 0 and capsys.readouterr().out == f"调解工作台 {__version__}\n"
    with pytest.raises(SystemExit):  # argparse's --version, when other options come first
        cli_main(["--data-dir", "x", "--version"])
    assert capsys.readouterr().out == f"调解工作台 {__version__}\n"
    shown = ShownText()
    window = MainWindow(sqlite_services, None, shown)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.about()
    assert shown.texts and shown.texts[0].startswith(f"调解工作台 {__version__}：")


def test_the_windows_workflow_runs_the_acl_tests_on_windows() -> None:
    # tests/windows_acl.py reads DACLs back through the Windows API: it runs nowhere else, so
    # the workflow must run it, by name (its name keeps it out of a collection elsewhere).
    import ast

    job = WORKFLOW.split("\n  acl:\n", 1)[1].split("\n  installer:\n", 1)[0]
    assert "runs-on: windows-latest" in job
    assert 'python -m pip install ".[test]"' in job
    assert "python -m pytest -p no:cacheprovider -q tests/windows_acl.py" in job
    source = ROOT / "tests" / "windows_acl.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    tests = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)
             and n.name.startswith("test_")]
    assert len(tests) >= 3, tests
    assert not source.name.startswith("test_")  # never collected on Linux, never skipped
    for needed in ("GetFileSecurityW", "whoami", "assert_private_folder"):
        assert needed in source.read_text(encoding="utf-8")
