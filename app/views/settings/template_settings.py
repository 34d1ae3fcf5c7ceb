"""设置 → 文书模板: a committee adapts a document's wording without Python.

The template's text on the left of a live preview: every pause in typing checks the text (a
wrong field or a broken tag is named with its line) and, when it is right, the sample case's
document is drawn again on the right. The fields a template may use are listed with the sample's
values; a double click puts one in at the cursor. 保存 stores the office's own copy (checked
again, administrators only); 恢复默认 goes back to the shipped version.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.services.documents.template_service import TemplateInfo, TemplateService
from app.views.widgets.messages import Dialogs
from app.views.widgets.pdf_memory import pdf_preview

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
CHECK_AFTER_MS = 600


def _caption(info: TemplateInfo) -> str:
    return info.title + ("（本单位版本）" if info.customised else "")


class TemplateSettings(QWidget):
    def __init__(self, templates: TemplateService, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.templates, self.dialogs = templates, dialogs
        self.kind: str | None = None
        self.saved_text = ""
        self.preview_number = 0
        self._folder = tempfile.TemporaryDirectory(prefix="template-preview-")
        self.loaded = False
        self._build()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        # Filled when first shown: the settings window opens without drawing a preview.
        if not self.loaded:
            self.loaded = True
            self._fill_fields()
            self.load_kinds()
        super().showEvent(event)

    def _build(self) -> None:
        self.kinds = QListWidget()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("查找字段，如 申请人、name、金额"))
        self.fields = QTableWidget(0, 2)
        self.fields.setHorizontalHeaderLabels([self.tr("字段"), self.tr("示例（样本案件）")])
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.fields.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.fields.setToolTip(self.tr("双击把字段插入光标处"))
        self.fields.verticalHeader().hide()
        self.editor = QPlainTextEdit()
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.line = QLabel()  # errors name a line: this says where the cursor is
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(self.tr("保存为本单位版本"))
        self.revert_button = QPushButton(self.tr("恢复默认"))
        self.pdf, self.pdf_copy, self.preview = pdf_preview(self)  # never holds the file

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(self.tr("文书种类")))
        column.addWidget(self.kinds, 3)
        column.addWidget(QLabel(self.tr("可用字段")))
        column.addWidget(self.filter)
        column.addWidget(self.fields, 4)
        middle = QWidget()
        edit = QVBoxLayout(middle)
        edit.setContentsMargins(0, 0, 0, 0)
        note = QLabel(self.tr("“::meta”行是文书名称和版本，“::require”行是必填字段；正文里用 {{ 字段 }} "
                              "引用案件内容。改动会先用样本案件检查，无误才能保存。"))
        note.setWordWrap(True)
        edit.addWidget(note)
        edit.addWidget(self.editor, 1)
        edit.addWidget(self.status)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.line)
        edit.addLayout(buttons)
        splitter = QSplitter()
        for widget in (left, middle, self.preview):
            splitter.addWidget(widget)
        splitter.setSizes([260, 520, 420])
        QVBoxLayout(self).addWidget(splitter)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(CHECK_AFTER_MS)
        self.timer.timeout.connect(self.check)
        self.kinds.currentItemChanged.connect(lambda *_: self.open_current())
        self.editor.textChanged.connect(self._edited)
        self.editor.cursorPositionChanged.connect(
            lambda: self.line.setText(self.tr("第 {n} 行").replace(
                "{n}", str(self.editor.textCursor().blockNumber() + 1))))
        self.filter.textChanged.connect(self._filter_fields)
        self.fields.cellDoubleClicked.connect(self._insert_field)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)

    # --- the list and the text ----------------------------------------------------------
    def load_kinds(self, select: str | None = None) -> None:
        self.kinds.blockSignals(True)
        self.kinds.clear()
        for info in self.templates.kinds():
            item = QListWidgetItem(_caption(info))
            item.setData(KIND_ROLE, info.kind)
            self.kinds.addItem(item)
            if info.kind == (select or self.kind):
                self.kinds.setCurrentItem(item)
        self.kinds.blockSignals(False)
        if self.kinds.currentItem() is None and self.kinds.count():
            self.kinds.setCurrentRow(0)
        else:
            self.open_current()

    def open_current(self) -> None:
        item = self.kinds.currentItem()
        if item is None:
            return
        if self.kind is not None and self.kind != item.data(KIND_ROLE) and self.is_modified() \
                and not self.dialogs.confirm(self, self.tr("放弃改动"),
                                             self.tr("当前模板的改动尚未保存，确定放弃吗？")):
            self._select(self.kind)  # stay on the edited template, edits kept
            return
        self.kind = str(item.data(KIND_ROLE))
        self.saved_text = self.templates.text(self.kind)
        self.editor.blockSignals(True)
        self.editor.setPlainText(self.saved_text)
        self.editor.blockSignals(False)
        self.save_button.setEnabled(False)
        self.check()

    def _select(self, kind: str) -> None:
        self.kinds.blockSignals(True)
        for row in range(self.kinds.count()):
            if self.kinds.item(row).data(KIND_ROLE) == kind:
                self.kinds.setCurrentRow(row)
        self.kinds.blockSignals(False)

    def is_modified(self) -> bool:
        return self.editor.toPlainText() != self.saved_text

    def _edited(self) -> None:
        self.save_button.setEnabled(self.is_modified())
        self.timer.start()

    # --- checking and the preview ---------------------------------------------------------
    def check(self) -> bool:
        self.timer.stop()
        if self.kind is None:
            return False
        try:
            result = self.templates.check(self.kind, self.editor.toPlainText())
        except AppError as exc:
            self.status.setStyleSheet("color: #b00020")
            self.status.setText(exc.message)
            return False
        self.status.setStyleSheet("")
        gaps = ("；样本案件缺少：" + "、".join(result.missing_for_sample)) \
            if result.missing_for_sample else ""
        self.status.setText(self.tr("模板无误") + gaps)
        self._start_preview()
        return True

    def _start_preview(self) -> None:
        """Drawn on the GUI thread after the pause in typing: a sample document takes a fraction
        of a second, and a drawing on a worker thread could outlive the tab that shows it."""
        kind, text = str(self.kind), self.editor.toPlainText()
        self.preview_number += 1
        target = Path(self._folder.name) / f"preview-{self.preview_number}.pdf"
        try:
            self.templates.preview(kind, text, target)
        except AppError as exc:
            self.status.setText(self.tr("预览失败：") + exc.message)
            return
        self.pdf_copy.show(target)

    # --- fields ---------------------------------------------------------------------------
    def _fill_fields(self) -> None:
        rows = self.templates.fields()
        self.fields.setRowCount(len(rows))
        for row, field in enumerate(rows):
            self.fields.setItem(row, 0, QTableWidgetItem(field.path))
            self.fields.setItem(row, 1, QTableWidgetItem(field.example))

    def _filter_fields(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.fields.rowCount()):
            shown = not needle or any(needle in (self.fields.item(row, c).text().lower())
                                      for c in (0, 1))
            self.fields.setRowHidden(row, not shown)

    def _insert_field(self, row: int, _column: int) -> None:
        self.editor.insertPlainText("{{ " + self.fields.item(row, 0).text() + " }}")
        self.editor.setFocus()

    # --- save and revert ------------------------------------------------------------------
    def save(self) -> bool:
        if self.kind is None:
            return False
        try:
            info = self.templates.save(self.kind, self.editor.toPlainText())
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法保存模板"), exc.message)
            return False
        self.saved_text = self.editor.toPlainText()
        self.load_kinds(info.kind)
        self.status.setText(self.tr("已保存为本单位版本，之后生成的《{t}》使用此版本")
                            .replace("{t}", info.title))
        return True

    def revert(self) -> bool:
        if self.kind is None or not self.dialogs.confirm(
                self, self.tr("恢复默认"),
                self.tr("删除本单位对此文书的修改，恢复为程序自带的版本？")):
            return False
        try:
            self.templates.revert(self.kind)
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法恢复默认"), exc.message)
            return False
        self.saved_text = ""  # reopened from the shipped text below
        self.load_kinds(self.kind)
        return True
