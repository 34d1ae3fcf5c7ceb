"""Our PySide6 run-time hook (packaging/hooks/rthooks/pyi_rth_pyside6_lazy.py) against
PyInstaller's own pyi_rth_pyside6, each run in a fresh interpreter as a bundle runs it: the
same environment for Qt and the same qt.conf step, ours only once the program imports
PySide6.QtCore (so a command that never shows a window loads no Qt)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import PyInstaller

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / "packaging" / "hooks"
OURS = HOOKS / "rthooks" / "pyi_rth_pyside6_lazy.py"
PYI = Path(PyInstaller.__file__).parent
THEIRS = PYI / "hooks" / "rthooks" / "pyi_rth_pyside6.py"

# Runs a hook as the bootloader would (sys._MEIPASS set, PyInstaller's helper modules on the
# path), the qt.conf step recorded as it is done; then imports QtCore; prints JSON.
PROBE = """
import json, os, runpy, sys
hook, meipass, fake_modules = sys.argv[1:4]
sys._MEIPASS = meipass
sys.path.insert(0, fake_modules)
from _pyi_rth_utils import qt
steps, real = [], qt.create_embedded_qt_conf
def recorded(bindings, prefix):
    steps.append([bindings, prefix])
    real(bindings, prefix)
qt.create_embedded_qt_conf = recorded
runpy.run_path(hook, run_name="__main__")
seen = {"qt_loaded_by_hook": "PySide6.QtCore" in sys.modules or "shiboken6" in sys.modules,
        "steps_before": list(steps),
        "env": {k: os.environ.get(k) for k in ("QT_PLUGIN_PATH", "QML2_IMPORT_PATH", "PATH")}}
from PySide6 import QtCore
seen["steps_after"] = steps
seen["core_works"] = QtCore.QCoreApplication.applicationName() is not None
print(json.dumps(seen))
"""


def probe(hook: Path, meipass: Path) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", PROBE, str(hook), str(meipass),
                           str(PYI / "fake-modules")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_lazy_hook_sets_up_qt_as_pyinstallers_does_but_after_qtcore(tmp_path: Path) -> None:
    ours, theirs = probe(OURS, tmp_path), probe(THEIRS, tmp_path)
    assert theirs["qt_loaded_by_hook"] is True  # what costs every command ~55 ms
    assert ours["qt_loaded_by_hook"] is False
    assert ours["env"] == theirs["env"]
    assert ours["env"]["QT_PLUGIN_PATH"].startswith(str(tmp_path))  # type: ignore[index]
    assert ours["steps_before"] == []
    assert ours["steps_after"] == theirs["steps_after"] == theirs["steps_before"]
    assert ours["steps_after"] == [["PySide6", str(tmp_path / "PySide6" / "Qt")]]
    assert ours["core_works"] is True


def test_the_spec_puts_our_hook_folder_first_and_it_claims_pyside6() -> None:
    spec = (ROOT / "packaging" / "mediation-desk.spec").read_text(encoding="utf-8")
    assert 'hookspath=[str(ROOT / "packaging" / "hooks")]' in spec
    table = ast.literal_eval((HOOKS / "rthooks.dat").read_text(encoding="utf-8"))
    assert table == {"PySide6": [OURS.name]}
    assert THEIRS.is_file()  # the hook ours stands in for still exists under that name
