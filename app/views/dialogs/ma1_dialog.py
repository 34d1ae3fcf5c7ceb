"""导出统计报表: the MA1 table (人社统MA1号) of a year, a quarter or a month, as XLSX or PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.services.reports.ma1 import Period, make_period
from app.views.widgets.background import BackgroundTask, Progress, run_in_background
from app.views.widgets.messages import Dialogs

Write = Callable[[Period, Path, int | None], tuple[Path, Any]]
FILTER = "Excel 表格 (*.xlsx);;PDF 文件 (*.pdf)"
# (caption, quarter, month): the year, its quarters, its months.
SCOPES = [("全年", None, None), *((f"第{q}季度", q, None) for q in range(1, 5)),
          *((f"{m}月", None, m) for m in range(1, 13))]


class Ma1Dialog(QDialog):
    def __init__(self, write: Write, dialogs: Dialogs, today: date,
                 organisation: tuple[int | None, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导出劳动人事争议调解情况统计表（人社统MA1号）"))
        self._write, self.dialogs = write, dialogs
        self._organisation_id, name = organisation
        self.task: BackgroundTask | None = None
        self.written: Path | None = None
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.scope = QComboBox()
        for caption, quarter, month in SCOPES:
            self.scope.addItem(self.tr(caption), (quarter, month))
        self.scope.setCurrentIndex((today.month - 1) // 3 + 1)  # the current quarter
        form = QFormLayout()
        form.addRow(self.tr("年份："), self.year)
        form.addRow(self.tr("报告期："), self.scope)
        form.addRow(self.tr("填报单位："), QLabel(name))
        note = QLabel(self.tr("按受理日期统计受理案件，按调解结束日期（签订协议、调解不成、撤回、"
                              "结案）统计结案；各栏口径见 docs/statistics.md。"))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton(self.tr("导出…"))
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def period(self) -> Period:
        quarter, month = self.scope.currentData()
        return make_period(self.year.value(), quarter, month)

    def export(self) -> BackgroundTask | None:
        try:
            period = self.period()
        except AppError as exc:
            self.dialogs.error(self, self.tr("报告期有误"), exc.message)
            return None
        path = self.dialogs.save_file(self, self.tr("保存统计表"),
                                      Path(f"MA1-{period.slug}.xlsx"), FILTER)
        if path is None:
            return None
        if path.suffix.lower() not in (".xlsx", ".pdf"):
            path = path.with_suffix(".xlsx")
        organisation = self._organisation_id
        self.export_button.setEnabled(False)

        def op(_progress: Progress) -> tuple[Path, Any]:
            return self._write(period, path, organisation)

        self.task = run_in_background(self, op, on_success=self._done, on_failure=self._failed,
                                      label=self.tr("正在生成统计表…"))
        return self.task

    def _done(self, result: tuple[Path, Any]) -> None:
        self.export_button.setEnabled(True)
        path, table = result
        self.written = path
        total = table.total
        self.dialogs.info(self, self.tr("已导出"), self.tr(
            "已生成 {p} 的统计表：{f}\n受理 {a} 件，结案 {c} 件，期末未结 {o} 件")
            .replace("{p}", table.period.label).replace("{f}", str(path))
            .replace("{a}", str(total["accepted"])).replace("{c}", str(total["closed"]))
            .replace("{o}", str(total["open_end"])))

    def _failed(self, exc: Exception) -> None:
        self.export_button.setEnabled(True)
        text = exc.message if isinstance(exc, AppError) else self.tr("生成统计表时出错，请重试或查看日志")
        self.dialogs.error(self, self.tr("导出失败"), text)
