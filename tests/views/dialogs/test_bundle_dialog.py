"""打包移交 / 导入案件包 from the case list: passphrase fields typed with qtbot, a weak or
mismatched passphrase refused in the dialog, a wrong one on import refused with nothing
imported, the right one imports the case with its evidence."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.dialogs.bundle_dialog import BundleExportDialog, BundleImportDialog
from app.views.pages.case_list_page import CaseListPage
from tests.archives import TYPED_PASS as PASS
from tests.factories import case_input
from tests.services.security.test_archive_encryption import assert_aes
from tests.views.fakes import FakeDialogs


def press_ok(qtbot: QtBot, dialog: BundleExportDialog | BundleImportDialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def test_export_and_import_a_bundle_with_a_passphrase(sqlite_services: Services,
                                                      other_sqlite_services: Services,
                                                      qtbot: QtBot, tmp_path: Path) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(b"scan of the contract")
    sqlite_services.records.add_evidence(case_no, "合同", file_path=scan)
    target = tmp_path / "移交.zip"
    dialogs = FakeDialogs(save_to=target)
    page = CaseListPage(sqlite_services.cases, dialogs=dialogs, bundles=sqlite_services.bundles)
    qtbot.addWidget(page)
    page.table.selectRow(0)
    export = page.export_bundle()
    assert isinstance(export, BundleExportDialog)
    assert export.passphrase.echoMode() == QLineEdit.EchoMode.Password
    qtbot.mouseClick(export.browse, Qt.MouseButton.LeftButton)
    assert export.path.text() == str(target)
    qtbot.keyClicks(export.passphrase, "1234567")
    qtbot.keyClicks(export.passphrase_again, "1234567")
    press_ok(qtbot, export)
    assert "口令太短" in export.message.text() and not target.exists()
    export.passphrase.clear()
    export.passphrase_again.clear()
    qtbot.keyClicks(export.passphrase, PASS)
    qtbot.keyClicks(export.passphrase_again, PASS[:-1])
    press_ok(qtbot, export)
    assert "不一致" in export.message.text() and not target.exists()
    qtbot.keyClicks(export.passphrase_again, PASS)
    press_ok(qtbot, export)
    assert export.result() == export.DialogCode.Accepted and "加密打包" in dialogs.infos[-1]
    assert len([n for n in assert_aes(target, PASS) if n.startswith("files/")]) == 1

    receiving = FakeDialogs(files=[target])
    other = CaseListPage(other_sqlite_services.cases, dialogs=receiving,
                         bundles=other_sqlite_services.bundles)
    qtbot.addWidget(other)
    dialog = other.import_bundle()
    assert isinstance(dialog, BundleImportDialog)
    qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
    press_ok(qtbot, dialog)
    assert "已加密" in dialog.message.text()
    qtbot.keyClicks(dialog.passphrase, "not-the-passphrase")
    press_ok(qtbot, dialog)
    assert "口令不正确" in dialog.message.text()
    assert other_sqlite_services.cases.count() == 0
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASS)
    press_ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert f"已导入案件 {case_no}（证据文件 1 个）" in receiving.infos[-1]
    assert other.model.total == 1
    assert other_sqlite_services.exchange.export_case(case_no) == \
        sqlite_services.exchange.export_case(case_no)


def test_a_differing_case_is_replaced_only_when_asked(sqlite_services: Services, qtbot: QtBot,
                                                      tmp_path: Path) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    target = tmp_path / "case.zip"
    sqlite_services.bundles.export_bundle(case_no, target, passphrase=PASS)
    detail = sqlite_services.exchange.export_case(case_no)
    sqlite_services.exchange.import_case(
        dict(detail, case=dict(detail["case"], summary="改过的摘要")), replace=True)
    dialogs = FakeDialogs(files=[target])
    dialog = BundleImportDialog(sqlite_services.bundles, dialogs)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.browse, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.passphrase, PASS)
    press_ok(qtbot, dialog)
    assert "不同" in dialog.message.text()
    assert sqlite_services.exchange.export_case(case_no)["case"]["summary"] == "改过的摘要"
    dialog.replace.setChecked(True)
    press_ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert sqlite_services.exchange.export_case(case_no)["case"]["summary"] == detail["case"]["summary"]
