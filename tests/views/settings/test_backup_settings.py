"""备份与恢复 tab: a backup that had to leave a damaged file out says so; non-administrators
find the buttons off (and the service refuses them anyway)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.admin.preferences import PreferenceService
from app.views.settings.backup_settings import BackupSettings
from tests.factories import case_input
from tests.views.fakes import FakeDialogs


def tab(services: Services, dialogs: FakeDialogs, qtbot: QtBot) -> BackupSettings:
    widget = BackupSettings(services.backups, PreferenceService(services.ctx),
                            services.ctx.config.backups_dir, dialogs)
    qtbot.addWidget(widget)
    return widget


def test_a_backup_missing_a_damaged_file_says_so(sqlite_services: Services, qtbot: QtBot,
                                                 tmp_path: Path) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(b"scan")
    sqlite_services.records.add_evidence(case_no, "照片", file_path=scan)
    stored = next(p for p in sqlite_services.ctx.config.files_dir.rglob("*") if p.is_file())
    stored.write_bytes(b"forged")
    dialogs = FakeDialogs(save_to=tmp_path / "manual.zip")
    widget = tab(sqlite_services, dialogs, qtbot)
    task = widget.backup_now()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert (tmp_path / "manual.zip").is_file()
    assert dialogs.errors and stored.name[:12] in dialogs.errors[0] and "已损坏" in dialogs.errors[0]
    assert stored.name[:12] in widget.status.text()


def test_buttons_are_off_for_a_read_only_user(sqlite_services: Services, qtbot: QtBot) -> None:
    sqlite_services.ctx.role = "read_only"
    widget = tab(sqlite_services, FakeDialogs(), qtbot)
    for button in (widget.backup_button, widget.restore_selected_button,
                   widget.restore_file_button):
        assert not button.isEnabled() and "管理员" in button.toolTip()
