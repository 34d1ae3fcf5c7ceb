"""备份与恢复 tab: a backup that had to leave a damaged file out says so; non-administrators
find the buttons off (and the service refuses them anyway)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.admin.preferences import PreferenceService
from app.views.settings.backup_settings import BackupSettings
from tests.archives import TYPED_PASS as PASS
from tests.factories import case_input
from tests.services.security.test_archive_encryption import assert_aes
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
    qtbot.keyClicks(widget.passphrase, PASS)
    qtbot.keyClicks(widget.passphrase_again, PASS)
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


def test_backup_takes_a_confirmed_strong_passphrase(sqlite_services: Services, qtbot: QtBot,
                                                    tmp_path: Path) -> None:
    target = tmp_path / "manual.zip"
    dialogs = FakeDialogs(save_to=target)
    widget = tab(sqlite_services, dialogs, qtbot)
    assert widget.passphrase.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(widget.passphrase, "short")
    qtbot.keyClicks(widget.passphrase_again, "short")
    assert widget.backup_now() is None and "口令太短" in dialogs.errors[-1]
    widget.passphrase.clear()
    qtbot.keyClicks(widget.passphrase, PASS)
    qtbot.keyClicks(widget.passphrase_again, PASS + "x")
    assert widget.backup_now() is None and "不一致" in dialogs.errors[-1]
    assert widget.passphrase_again.text() == "" and not target.exists()
    qtbot.keyClicks(widget.passphrase_again, PASS)
    task = widget.backup_now()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert_aes(target, PASS)


def test_restore_asks_for_the_passphrase(sqlite_services: Services, qtbot: QtBot,
                                         tmp_path: Path) -> None:
    backup = sqlite_services.backups.backup(tmp_path / "office.zip", PASS).path
    sqlite_services.cases.create_case(case_input())
    dialogs = FakeDialogs(files=[backup])
    widget = tab(sqlite_services, dialogs, qtbot)
    for typed in ("", "not-the-passphrase"):
        widget.restore_passphrase.clear()
        qtbot.keyClicks(widget.restore_passphrase, typed)
        task = widget.restore_file()
        assert task is not None
        with qtbot.waitSignal(task.finished, timeout=20000):
            pass
        assert "口令" in dialogs.errors[-1] and "恢复口令" in dialogs.errors[-1]
        assert sqlite_services.cases.count() == 1
    widget.restore_passphrase.clear()
    qtbot.keyClicks(widget.restore_passphrase, PASS)
    task = widget.restore_file()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert sqlite_services.cases.count() == 0 and "已从" in widget.status.text()
    assert widget.restore_passphrase.text() == ""
