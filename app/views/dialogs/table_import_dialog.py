"""One dialog for importing an office spreadsheet: choose the file, check the columns, see every
accepted and refused row, then import all rows or the accepted ones only.

The worker list of a collective case and the register of existing cases use it through an
ImportSteps adapter (see worker_import_steps / register_import_steps below), so the two
imports look and behave alike. Nothing is written until 导入 is pressed; the preview is redone
whenever a column is changed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, ValidationFailed
from app.services.imports.tables import TableSpec, header_of
from app.services.imports.worker_reader import SPEC as WORKER_SPEC
from app.views.widgets.background import BackgroundTask, run_in_background
from app.views.widgets.messages import Dialogs

if TYPE_CHECKING:  # the import services load with the first import, not with the window
    from app.services.imports.register_service import RegisterImportService
    from app.services.imports.worker_service import WorkerImportService

FILE_FILTER = "表格文件 (*.xlsx *.csv *.txt);;所有文件 (*)"
NOT_IMPORTED = "（不导入）"


@dataclass(frozen=True)
class Preview:
    columns: dict[str, str]  # our field → header text used
    accepted: int
    refused: list[str]  # "第N行：原因"
    notes: list[str]


@dataclass(frozen=True)
class ImportSteps:
    title: str
    spec: TableSpec
    remembered: Callable[[], Mapping[str, str]]
    preview: Callable[[Path, dict[str, str] | None], Preview]
    apply: Callable[[Path, dict[str, str] | None, bool], str]  # → what was done, in Chinese


def worker_import_steps(service: WorkerImportService, case_no: str,
                        organisation_id: int) -> ImportSteps:
    def preview(path: Path, mapping: dict[str, str] | None) -> Preview:
        r = service.preview(case_no, path, mapping)
        notes = [f"第{w.line}行：{text}" for w in r.accepted for text in w.warnings]
        return Preview(r.columns, len(r.accepted), r.refused_lines, [*notes, *r.notes])

    def apply(path: Path, mapping: dict[str, str] | None, accepted_only: bool) -> str:
        return "已" + service.apply(case_no, path, mapping, accepted_only=accepted_only).summary()

    return ImportSteps(f"导入劳动者名单 — {case_no}", WORKER_SPEC,
                       lambda: service.remembered_mapping(organisation_id), preview, apply)


def register_import_steps(service: RegisterImportService, organisation_id: int) -> ImportSteps:
    from app.services.imports.register_reader import SPEC

    def preview(path: Path, mapping: dict[str, str] | None) -> Preview:
        r = service.preview(path, mapping, organisation_id)
        return Preview(r.columns, len(r.accepted), [str(p) for p in r.refused], list(r.notes))

    def apply(path: Path, mapping: dict[str, str] | None, accepted_only: bool) -> str:
        r = service.apply(path, mapping, organisation_id, accepted_only=accepted_only)
        if not r.written:
            return "没有可导入的案件，未写入任何内容"
        return f"已导入案件 {r.written} 件（{r.case_nos[0]} 至 {r.case_nos[-1]}）"

    return ImportSteps("导入案件台账", SPEC,
                       lambda: service.remembered_mapping(organisation_id), preview, apply)


class TableImportDialog(QDialog):
    def __init__(self, steps: ImportSteps, dialogs: Dialogs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps, self.dialogs = steps, dialogs
        self.path: Path | None = None
        self.result_text = ""
        self.combos: dict[str, QComboBox] = {}
        self.setWindowTitle(self.tr(steps.title))
        self.resize(760, 620)
        self.file_label = QLabel(self.tr("尚未选择文件（Excel .xlsx 或 CSV，UTF-8 或 GBK 均可）"))
        self.file_label.setWordWrap(True)
        choose = QPushButton(self.tr("选择文件…"))
        choose.clicked.connect(self.choose)
        top = QHBoxLayout()
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        self.columns_box = QGroupBox(self.tr("列对应（带 * 的必须有；改动后重新检查，导入后记住）"))
        self.columns_grid = QGridLayout(self.columns_box)
        self.columns_grid.setVerticalSpacing(4)
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: bold;")
        self.rows = QPlainTextEdit()
        self.rows.setReadOnly(True)
        self.rows.setPlaceholderText(self.tr("选择文件后，这里列出不合格的行及原因，以及需要留意的行"))
        self.accepted_only = QCheckBox(self.tr("有不合格的行时，只导入合格的行"))
        self.accepted_only.toggled.connect(self._update_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.import_button = self.buttons.addButton(self.tr("导入"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.columns_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.rows, 1)
        layout.addWidget(self.accepted_only)
        layout.addWidget(self.buttons)
        self.preview: Preview | None = None
        self.task: BackgroundTask | None = None

    # --- steps -----------------------------------------------------------------------------
    def choose(self) -> None:
        path = self.dialogs.choose_file(self, self.tr("选择要导入的表格"), FILE_FILTER)
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        """Read the file's header, offer its columns, and check every row."""
        try:
            header = header_of(self.steps.spec, path, self.steps.remembered())
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法读取文件"), exc.message)
            return
        self.path = path
        self.file_label.setText(str(path))
        self._fill_columns([h for h in header if h])
        self.check(use_combos=False)

    def mapping(self) -> dict[str, str]:
        return {field: combo.currentText() for field, combo in self.combos.items()
                if combo.currentIndex() > 0}

    def check(self, *, use_combos: bool = True) -> None:
        """Preview with the columns as chosen (or, first time, as the import finds them)."""
        if self.path is None:
            return
        try:
            preview = self.steps.preview(self.path, self.mapping() if use_combos else None)
        except AppError as exc:
            self.preview = None
            self.summary.setText(self.tr("请核对列对应"))
            self.rows.setPlainText(exc.message)
            self._update_button()
            return
        self.preview = preview
        if not use_combos:
            self._show_columns(preview.columns)
        self.summary.setText(self.tr(f"合格 {preview.accepted} 行，不合格 {len(preview.refused)} 行"))
        lines = [f"不合格：{line}" for line in preview.refused]
        lines += [f"提示：{note}" for note in preview.notes]
        self.rows.setPlainText("\n".join(lines) or self.tr("全部行均合格。"))
        self._update_button()

    def run_import(self) -> BackgroundTask | None:
        """Write on a worker thread: a register of thousands of cases takes seconds, and the
        window must stay responsive meanwhile."""
        if self.path is None or self.preview is None:
            return None
        path, mapping, only = self.path, self.mapping(), self.accepted_only.isChecked()
        self.import_button.setEnabled(False)

        def done(text: str) -> None:
            self.result_text = text
            self.dialogs.info(self, self.tr("导入完成"), text)
            self.accept()

        def failed(exc: Exception) -> None:
            if isinstance(exc, ValidationFailed):
                text = self.tr("有不合格的行，未导入任何内容：请修改文件后重新选择，或勾选“只导入合格的行”")
            elif isinstance(exc, AppError):
                text = exc.message
            else:
                text = f"{type(exc).__name__}: {exc}"
            self.dialogs.error(self, self.tr("未导入"), text)
            self._update_button()

        self.task = run_in_background(self, lambda _progress: self.steps.apply(path, mapping, only),
                                      on_success=done, on_failure=failed,
                                      label=self.tr("正在导入…"))
        return self.task

    # --- helpers ---------------------------------------------------------------------------
    def _fill_columns(self, header: list[str]) -> None:
        while self.columns_grid.count():
            item = self.columns_grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.combos = {}
        # Two fields to a line: a register has twenty columns, and all should be in view.
        for i, (field, label) in enumerate(self.steps.spec.labels.items()):
            combo = QComboBox()
            combo.addItems([NOT_IMPORTED, *header])
            combo.activated.connect(lambda _i: self.check())
            star = " *" if field in self.steps.spec.required else ""
            row, column = divmod(i, 2)
            self.columns_grid.addWidget(QLabel(f"{label}{star}"), row, column * 2)
            self.columns_grid.addWidget(combo, row, column * 2 + 1)
            self.combos[field] = combo
        self.columns_grid.setColumnStretch(1, 1)
        self.columns_grid.setColumnStretch(3, 1)

    def _show_columns(self, used: dict[str, str]) -> None:
        for field, combo in self.combos.items():
            at = combo.findText(used[field]) if field in used else 0
            combo.setCurrentIndex(max(at, 0))

    def _update_button(self) -> None:
        p = self.preview
        ready = p is not None and p.accepted > 0 and (not p.refused or self.accepted_only.isChecked())
        self.import_button.setEnabled(ready)
