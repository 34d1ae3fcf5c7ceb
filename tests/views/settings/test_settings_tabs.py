"""设置 tabs: backups made and restored from the GUI (off the GUI thread), the holiday table,
minimum wages and the document font, with invalid input shown and nothing saved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.admin.preferences import BACKUP_KEEP, DOCUMENT_FONT
from app.services.cases.dto import CaseQuery
from app.views.main_window import MainWindow
from app.views.settings.settings_tabs import SettingsTabs
from tests.archives import PASS
from tests.factories import case_input
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text


def tabs_of(window: MainWindow) -> SettingsTabs:
    page = window.show_named("设置")
    assert isinstance(page, SettingsTabs)
    return page


def test_backup_now_then_restore_from_the_list(window: MainWindow, qtbot: QtBot,
                                               sqlite_services: Services, fake_dialogs: FakeDialogs,
                                               tmp_path: Path) -> None:
    tabs = tabs_of(window)
    tabs.setCurrentWidget(tabs.backups)
    first = sqlite_services.cases.create_case(case_input())
    fake_dialogs.save_to = sqlite_services.ctx.config.backups_dir / "manual-test"
    type_text(tabs.backups.passphrase, PASS)  # a Chinese passphrase, as an input method types it
    type_text(tabs.backups.passphrase_again, PASS)
    task = tabs.backups.backup_now()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    made = sqlite_services.ctx.config.backups_dir / "manual-test.zip"
    assert made.is_file() and tabs.backups.table.rowCount() == 1
    assert "manual-test.zip" in tabs.backups.status.text()
    sqlite_services.cases.create_case(case_input(summary="备份之后登记的案件"))
    assert sqlite_services.cases.count() == 2
    tabs.backups.table.selectRow(0)
    type_text(tabs.backups.restore_passphrase, PASS)
    with qtbot.waitSignal(tabs.restored, timeout=20000):
        tabs.backups.restore_selected()
    assert sqlite_services.cases.count() == 1
    assert [c.case_no for c in sqlite_services.cases.list_cases(CaseQuery()).rows] == [first.case_no]
    assert not fake_dialogs.errors
    assert any(p.name.startswith("before-restore-") for p in made.parent.iterdir())


def test_restore_refuses_a_broken_file_and_keeps_the_data(window: MainWindow, qtbot: QtBot,
                                                          sqlite_services: Services,
                                                          fake_dialogs: FakeDialogs,
                                                          tmp_path: Path) -> None:
    tabs = tabs_of(window)
    sqlite_services.cases.create_case(case_input())
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    fake_dialogs.files = [broken]
    task = tabs.backups.restore_file()
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=20000):
        pass
    assert fake_dialogs.errors and "备份" in fake_dialogs.errors[0]
    assert sqlite_services.cases.count() == 1


def test_backup_schedule_saved_and_invalid_font_refused(window: MainWindow,
                                                        sqlite_services: Services) -> None:
    tabs = tabs_of(window)
    tabs.backups.keep.setValue(5)
    assert tabs.backups.save()
    assert sqlite_services.preferences.get(BACKUP_KEEP) == 5
    docs = tabs.documents
    tabs.setCurrentWidget(docs)
    docs.font.setText("不存在的字体")
    assert not docs.save()
    assert docs.font_message.isVisible() and "找不到" in docs.font_message.text()
    assert sqlite_services.preferences.get(DOCUMENT_FONT) == ""


def test_holiday_added_in_the_table_moves_a_stored_deadline(window: MainWindow, qtbot: QtBot,
                                                            sqlite_services: Services) -> None:
    created = sqlite_services.cases.create_case(case_input(received_on=date(2026, 11, 20)))
    tabs = tabs_of(window)
    holidays = tabs.holidays
    tabs.setCurrentWidget(holidays)
    assert holidays.year.value() == 2027 and "尚无完整的官方安排" in holidays.year_state.text()
    holidays.year.setValue(2026)
    assert "已内置" in holidays.year_state.text()
    holidays.day.setDate(QDate(2026, 11, 23))
    holidays.kind.setCurrentIndex(0)  # 放假
    type_text(holidays.name, "测试假日")
    with qtbot.waitSignal(holidays.changed, timeout=20000):
        assert holidays.add_day()
    assert holidays.table.item(0, 0).text() == "2026-11-23"
    due = {d.rule_id: d.due for d in sqlite_services.workflow.deadlines(created.case_no)}
    assert due["mediation.accept"] == date(2026, 11, 26)


def test_wage_table_edit_and_inline_errors(window: MainWindow, qtbot: QtBot,
                                           sqlite_services: Services) -> None:
    tabs = tabs_of(window)
    wages = tabs.wages
    tabs.setCurrentWidget(wages)
    shipped = wages.table.rowCount()
    assert shipped >= 4 and wages.table.item(0, 5).text() == "未核实"
    wages.table.selectRow(0)
    assert wages.edits["city"].text() == wages.table.item(0, 1).text()
    wages.edits["monthly"].setText("-5")
    wages.verified.setChecked(True)
    wages.edits["source"].clear()
    assert not wages.save()
    assert wages.messages["monthly"].isVisible() and wages.messages["source"].isVisible()
    assert all(not w.verified for _, w in sqlite_services.wages.standards())
    wages.edits["monthly"].setText("2000")
    type_text(wages.edits["source"], "新人社发〔2025〕1号")
    assert wages.save()
    assert wages.table.item(0, 5).text() == "已核实"
    assert sum(w.verified for _, w in sqlite_services.wages.standards()) == 1


def test_read_only_user_sees_the_refusal(qtbot: QtBot, sqlite_services: Services,
                                         tmp_path: Path) -> None:
    dialogs = FakeDialogs()
    sqlite_services.cases.create_case(case_input())  # the office exists before others sign in
    sqlite_services.ctx.role = "read_only"
    tabs = SettingsTabs(sqlite_services, dialogs)
    qtbot.addWidget(tabs)
    tabs.backups.keep.setValue(3)
    assert not tabs.backups.save()
    assert dialogs.errors and "无权" in dialogs.errors[0]
