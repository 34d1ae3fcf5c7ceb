"""A quick GUI start (issue 21): the window is usable before the case view, the dialogs, the tabs
of a case and the command modules' own services are imported; they load when first used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
# Loaded on first use, never by the start to the usable window.
LAZY = [
    "app.views.case.case_view",  # the first case opened
    "app.views.case.deadlines_tab", "app.views.case.rights_tab", "app.views.case.service_tab",
    "app.views.case.workflow_actions", "app.views.case.worktime_tab",
    "app.views.dialogs.documents_dialog",  # the document stack: reportlab, QtPdf, cn2an
    "app.views.dialogs.new_case_wizard", "app.views.dialogs.account_dialogs",
    "app.views.settings.settings_tabs",  # 设置 is built when first shown
    "app.services.documents.template_service", "jinja2",  # its template editor
    "app.services.imports.register_service", "app.services.imports.worker_service",
    "app.services.reports.report_service",  # cli: `report`
    "app.cli.workflow", "app.cli.documents", "app.cli.knowledge", "app.cli.imports",
    "app.cli.reports", "app.cli.rights", "app.cli.calc", "app.cli.database",  # command groups
    "app.services.imports.register_reader",  # cli: import-register
    "reportlab", "cn2an", "docx", "alembic",
    # The backup and bundle stack (pyzipper, Cryptodome, cffi): the daily backup imports it
    # after the start, 打包移交 / 导入案件包 and `backup` when used.
    "app.services.security.backup", "app.services.security.archive", "pyzipper",
    "app.services.exchange.bundle", "app.services.exchange.case_file",
    "app.views.dialogs.bundle_dialog", "app.views.dialogs.table_import_dialog",
    "app.services.reports.case_csv",
]
PROBE = """
import json, sys
from app.__main__ import main
sys.argv = ["mediation-desk", "--data-dir", sys.argv[1], "--smoke"]
code = main()
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_the_gui_start_imports_none_of_the_lazy_modules(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "d"
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", "Start-Test-2026!")
    assert main(["--data-dir", str(data), "demo", "--cases", "3"]) == 0
    assert main(["--data-dir", str(data), "user", "add", "start", "--role", "administrator"]) == 0
    assert main(["--data-dir", str(data), "--user", "start", "user", "auto-login", "start"]) == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", PROBE, str(data)], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=180,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "start: window usable" in done.stderr  # it did reach the usable window
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0
    modules = set(result["modules"])
    assert "app.views.main_window" in modules and "app.views.pages.case_list_page" in modules
    loaded = [name for name in LAZY if name in modules]
    assert loaded == [], f"the GUI start imported {loaded}"
