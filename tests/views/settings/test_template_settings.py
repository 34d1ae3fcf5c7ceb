"""设置 → 文书模板, driven as an office's administrator would: pick a document, type a sentence,
see the check and the preview, fix a typo the check names, save, generate with it, revert."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtGui import QTextCursor
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.main_window import MainWindow
from app.views.settings.settings_tabs import SettingsTabs
from app.views.settings.template_settings import KIND_ROLE, TemplateSettings
from tests.factories import case_input
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text

KIND = "mediation_failure_notice"


def _open(window: MainWindow, qtbot: QtBot) -> TemplateSettings:
    tabs = window.show_named("设置")
    assert isinstance(tabs, SettingsTabs)
    page = tabs.templates
    tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.kinds.count() > 0)
    row = next(r for r in range(page.kinds.count())
               if page.kinds.item(r).data(KIND_ROLE) == KIND)
    page.kinds.setCurrentRow(row)
    return page


def _type_at_body_start(page: TemplateSettings, text: str) -> None:
    cursor = page.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    page.editor.setTextCursor(cursor)
    type_text(page.editor, text)


def test_edit_check_preview_save_and_revert(window: MainWindow, qtbot: QtBot,
                                            sqlite_services: Services,
                                            fake_dialogs: FakeDialogs) -> None:
    window.resize(1366, 768)
    page = _open(window, qtbot)
    assert "模板无误" in page.status.text()
    qtbot.waitUntil(lambda: page.pdf.status() == QPdfDocument.Status.Ready, timeout=10000)
    assert not page.save_button.isEnabled()  # nothing changed yet

    _type_at_body_start(page, "\n本委员会另行告知：{{ case.case_nox }}。\n")
    assert page.save_button.isEnabled()
    qtbot.waitUntil(lambda: "不存在的字段" in page.status.text(), timeout=5000)
    assert "第" in page.status.text() and "行" in page.status.text()  # the line is named
    assert not page.save()  # refused, the dialog says why, nothing written
    own = sqlite_services.ctx.config.templates_dir / f"{KIND}.tpl"
    assert fake_dialogs.errors and not own.exists()

    # fix the typo: remove the stray "x"
    text = page.editor.toPlainText().replace("case_nox", "case_no")
    page.editor.setPlainText(text)
    qtbot.waitUntil(lambda: "模板无误" in page.status.text(), timeout=5000)
    # the field list filters and inserts at the cursor
    type_text(page.filter, "case_no")
    visible = [r for r in range(page.fields.rowCount()) if not page.fields.isRowHidden(r)]
    assert visible and all("case_no" in page.fields.item(r, 0).text() or
                           "case_no" in page.fields.item(r, 1).text() for r in visible)
    assert page.save()
    assert own.read_text("utf-8") == text
    assert page.kinds.currentItem().text().endswith("（本单位版本）")
    # the preview catches up with the saved text (the sample case's 调解不成告知书)
    assert "本委员会另行告知" in page.pdf.getAllText(0).text()
    qtbot.wait(800)  # the PDF view draws its pages asynchronously
    window.grab().save(str(Path(sqlite_services.ctx.config.data_dir) / "template-editor.png"))

    # a document generated afterwards carries the office's sentence
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    out = Path(sqlite_services.ctx.config.data_dir) / "out.pdf"
    result = sqlite_services.documents.render(case_no, KIND, "pdf", out, draft=True)[0]
    assert "本委员会另行告知" in "".join(p.extract_text() or "" for p in PdfReader(result.path).pages)

    assert page.revert()
    assert not own.exists() and "本委员会另行告知" not in page.editor.toPlainText()
    assert not page.kinds.currentItem().text().endswith("（本单位版本）")


def test_switching_away_from_unsaved_edits_asks_first(window: MainWindow, qtbot: QtBot,
                                                      fake_dialogs: FakeDialogs) -> None:
    page = _open(window, qtbot)
    _type_at_body_start(page, "\n新的一句。\n")
    fake_dialogs.answer = False  # "no, keep my edits"
    page.kinds.setCurrentRow(0 if page.kinds.currentRow() else 1)
    assert page.kind == KIND and "新的一句" in page.editor.toPlainText()
    assert page.kinds.currentItem().data(KIND_ROLE) == KIND
    fake_dialogs.answer = True
    page.kinds.setCurrentRow(0 if page.kinds.currentRow() else 1)
    assert page.kind != KIND


def test_a_read_only_user_sees_templates_but_cannot_save(window: MainWindow, qtbot: QtBot,
                                                         sqlite_services: Services,
                                                         fake_dialogs: FakeDialogs) -> None:
    page = _open(window, qtbot)
    sqlite_services.ctx.role = "read_only"
    _type_at_body_start(page, "\n新的一句。\n")
    assert not page.save()
    assert any("无权" in e for e in fake_dialogs.errors)
    assert not (sqlite_services.ctx.config.templates_dir / f"{KIND}.tpl").exists()
