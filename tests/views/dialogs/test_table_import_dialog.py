"""The import dialog on real widgets: a register on the case list, workers on a case's parties
tab; refused rows shown by line, nothing written until 导入, columns mapped by hand."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.dialogs.table_import_dialog import NOT_IMPORTED, TableImportDialog
from app.views.main_window import MainWindow
from tests.factories import case_input, resident_id
from tests.services.imports.test_register_import import bad_rows, good_rows, write_csv
from tests.views.fakes import FakeDialogs


def wait(qtbot: QtBot, dialog: TableImportDialog) -> None:
    """The import writes on a worker thread; its result arrives on the GUI thread."""
    assert dialog.task is not None
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=10000)  # type: ignore[union-attr]
    qtbot.wait(10)


def test_register_import_from_the_case_list(qtbot: QtBot, window: MainWindow,
                                            sqlite_services: Services,
                                            fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    fake_dialogs.files = [write_csv(tmp_path / "台账.csv", bad_rows())]
    dialog = window.case_list.import_register()
    assert isinstance(dialog, TableImportDialog) and not dialog.import_button.isEnabled()
    dialog.choose()
    assert dialog.summary.text() == "合格 3 行，不合格 4 行"
    shown = dialog.rows.toPlainText()
    assert "不合格：第3行" in shown and "火星" in shown and "提示：第5行" in shown
    assert dialog.combos["received_on"].currentText() == "收案日期"
    # Refused rows: nothing can be imported until the user chooses the accepted ones only.
    assert not dialog.import_button.isEnabled()
    assert sqlite_services.cases.count() == 0
    dialog.accepted_only.setChecked(True)
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    wait(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert fake_dialogs.infos[-1].startswith("已导入案件 3 件")
    assert sqlite_services.cases.count() == 3
    assert window.case_list.model.rowCount() == 3  # the list shows them at once


def test_unusual_headers_are_mapped_by_hand(qtbot: QtBot, window: MainWindow,
                                            sqlite_services: Services,
                                            fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    fake_dialogs.files = [write_csv(tmp_path / "旧.csv", [
        ["来访日期", "当事人", "对方单位"], ["2025-01-05", "张三", "某某科技有限公司"]])]
    dialog = window.case_list.import_register()
    assert dialog is not None
    dialog.choose()
    assert dialog.summary.text() == "请核对列对应"
    assert "来访日期" in dialog.rows.toPlainText()
    assert not dialog.import_button.isEnabled()
    for field, header in (("received_on", "来访日期"), ("applicants", "当事人"),
                          ("respondents", "对方单位")):
        combo = dialog.combos[field]
        assert combo.itemText(0) == NOT_IMPORTED
        combo.setCurrentIndex(combo.findText(header))
    dialog.check()
    assert dialog.summary.text() == "合格 1 行，不合格 0 行"
    dialog.import_button.click()
    wait(qtbot, dialog)
    assert sqlite_services.cases.count() == 1
    # Remembered: the next file laid out the same way needs no mapping.
    assert sqlite_services.register_import.remembered_mapping(
        sqlite_services.organisations.default_id())["received_on"] == "来访日期"


def test_workers_imported_on_the_parties_tab(qtbot: QtBot, window: MainWindow,
                                             sqlite_services: Services,
                                             fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    fake_dialogs.files = [write_csv(tmp_path / "名单.csv", [
        ["姓名", "身份证号码", "欠薪金额"],
        ["王五", resident_id("33060219900307111"), "3000"],
        ["李雷", "123", "100"]])]
    view = window.open_case(case_no)
    view.import_workers()
    dialog = view.open_dialog
    assert isinstance(dialog, TableImportDialog)
    dialog.choose()
    assert dialog.summary.text() == "合格 1 行，不合格 1 行"
    assert "第3行" in dialog.rows.toPlainText()
    dialog.accepted_only.setChecked(True)
    dialog.import_button.click()
    wait(qtbot, dialog)
    assert fake_dialogs.infos[-1] == "已导入劳动者 1 名、请求 1 项；本案请求金额合计 15,845.67 元"
    assert "王五" in [p.name for p in sqlite_services.case_detail.detail(case_no).parties]
    assert view.parties.model.rowCount() == 3  # the tab was refreshed


def test_an_unreadable_file_is_refused_clearly(qtbot: QtBot, window: MainWindow,
                                               fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    junk = tmp_path / "台账.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a workbook")
    fake_dialogs.files = [junk]
    dialog = window.case_list.import_register()
    assert dialog is not None
    dialog.choose()
    assert fake_dialogs.errors and "台账.xlsx" in fake_dialogs.errors[-1]
    assert dialog.path is None and not dialog.import_button.isEnabled()


def test_a_register_imported_meanwhile_is_refused_and_the_dialog_stays(
        qtbot: QtBot, window: MainWindow, sqlite_services: Services,
        fake_dialogs: FakeDialogs, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "台账.csv", good_rows()[:3])
    fake_dialogs.files = [path]
    dialog = window.case_list.import_register()
    assert dialog is not None
    dialog.choose()
    assert dialog.summary.text() == "合格 2 行，不合格 0 行"
    # Another clerk imports the same register while this dialog is open.
    sqlite_services.register_import.apply(path)
    before = sqlite_services.cases.count()
    dialog.import_button.click()
    wait(qtbot, dialog)
    assert fake_dialogs.errors and "未导入任何内容" in fake_dialogs.errors[-1]
    assert dialog.isVisible() and sqlite_services.cases.count() == before
