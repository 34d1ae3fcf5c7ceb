"""设置 → 节假日: the administrator's holiday table for the years chinesecalendar does not know.

Deadlines that end in a year without official data carry a warning until its arrangement is
entered here (by hand or from a CSV) and the year is marked complete; meanwhile the fixed
statutory holidays (全国年节及纪念日放假办法 art 2) are counted and listed here. Any change
re-derives the stored deadlines of active cases in the background.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.services.workflow.holidays import HolidayRow, HolidayService
from app.services.workflow.workflow_service import WorkflowService
from app.views.widgets.background import BackgroundTask, Progress, run_in_background
from app.views.widgets.messages import Dialogs

CSV_FILTER = "CSV 文件 (*.csv);;所有文件 (*)"


def recompute_deadlines(parent: QWidget, workflow: WorkflowService, dialogs: Dialogs,
                        on_done: object = None) -> BackgroundTask:
    """Re-derive every active case's deadlines off the GUI thread (cancellable)."""
    def op(progress: Progress) -> int:
        return workflow.recompute_all(progress.report)

    def done(count: int) -> None:
        if callable(on_done):
            on_done(count)

    def failed(exc: Exception) -> None:
        text = exc.message if isinstance(exc, AppError) else f"{type(exc).__name__}: {exc}"
        dialogs.error(parent, parent.tr("重新计算期限失败"), text)

    return run_in_background(parent, op, on_success=done, on_failure=failed,
                             label=parent.tr("正在按新的节假日安排重新计算各案件的期限…"))


class HolidaySettings(QWidget):
    changed = Signal(int)  # active cases whose deadlines were re-derived

    def __init__(self, holidays: HolidayService, workflow: WorkflowService, dialogs: Dialogs,
                 year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.holidays, self.workflow, self.dialogs = holidays, workflow, dialogs
        self.task: BackgroundTask | None = None
        top = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(2004, 2100)
        self.year.setValue(year + 1)
        self.year_state = QLabel()
        top.addWidget(QLabel(self.tr("年份")))
        top.addWidget(self.year)
        top.addWidget(self.year_state, 1)
        self.import_button = QPushButton(self.tr("从 CSV 导入…"))
        top.addWidget(self.import_button)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("日期"), self.tr("安排"), self.tr("名称"),
                                              self.tr("来源")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        add = QHBoxLayout()
        self.day = QDateEdit(QDate(year + 1, 1, 1))
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("放假"), False)
        self.kind.addItem(self.tr("调休上班"), True)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如：元旦、春节"))
        self.add_button = QPushButton(self.tr("添加/修改"))
        self.delete_button = QPushButton(self.tr("删除选中"))
        for widget in (self.day, self.kind, self.name, self.add_button, self.delete_button):
            add.addWidget(widget)
        self.complete = QCheckBox(self.tr("本年国务院放假安排已全部录入（录入后不再提示“无官方数据”）"))
        self.statutory = QLabel()
        self.statutory.setWordWrap(True)
        hint = QLabel(self.tr("CSV 每行：日期,上班或休息,名称,来源，例如 2027-01-01,休息,元旦,国办发明电〔2026〕x号。"
                              "2026年及以前的安排已内置，无需录入。"))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(add)
        layout.addWidget(self.complete)
        layout.addWidget(self.statutory)
        layout.addWidget(hint)
        self.year.valueChanged.connect(lambda _y: self.load())
        self.import_button.clicked.connect(self.import_csv)
        self.add_button.clicked.connect(self.add_day)
        self.delete_button.clicked.connect(self.delete_selected)
        self.complete.clicked.connect(self.mark_complete)
        self.load()

    def load(self) -> None:
        year = self.year.value()
        self.rows = self.holidays.days(year)
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate((row.day.isoformat(), "调休上班" if row.is_workday else "放假",
                                      row.name, row.source)):
                self.table.setItem(r, c, QTableWidgetItem(self.tr(text)))
        official = year in self.holidays.official_years()
        self.complete.blockSignals(True)
        self.complete.setChecked(official)
        self.complete.setEnabled(not official)
        self.complete.blockSignals(False)
        self.year_state.setText(self.tr(
            "已标记为完整录入" if official else
            "已内置官方安排（本表可修改个别日期）" if self.holidays.built_in(year) else
            "尚无完整的官方安排：已自动计入法定节日，周末补假日和调休上班日请按国务院通知录入；"
            "该年的期限会附带提示，录入后请标记完整"))
        self.statutory.setText(self._statutory_text(year, official))

    def _statutory_text(self, year: int, official: bool) -> str:
        if official or self.holidays.built_in(year):
            return ""
        entered = {r.day for r in self.rows}
        runs: list[list[HolidayRow]] = []
        for row in self.holidays.year_view(year).days:
            if row.day in entered:
                continue
            if runs and runs[-1][-1].name == row.name and \
                    (row.day - runs[-1][-1].day).days == 1:
                runs[-1].append(row)
            else:
                runs.append([row])
        if not runs:
            return ""
        def md(day: date) -> str:
            return f"{day.month:02d}-{day.day:02d}"

        spans = [f"{run[0].name} {md(run[0].day)}" + (f"至{md(run[-1].day)}" if len(run) > 1
                                                      else "") for run in runs]
        return (self.tr("已自动计入的法定节日（《全国年节及纪念日放假办法》第二条）：")
                + "；".join(spans))

    def _apply(self, op_name: str, action: object) -> bool:
        try:
            action()  # type: ignore[operator]
        except AppError as exc:
            self.dialogs.error(self, op_name, exc.message)
            return False
        self.load()
        self.task = recompute_deadlines(self, self.workflow, self.dialogs, self.changed.emit)
        return True

    def add_day(self) -> bool:
        qd = self.day.date()
        row = HolidayRow(date(qd.year(), qd.month(), qd.day()), bool(self.kind.currentData()),
                         self.name.text().strip(), self.tr("手工录入"))
        if row.day.year != self.year.value():
            self.year.setValue(row.day.year)
        return self._apply(self.tr("无法添加"), lambda: self.holidays.set_days([row]))

    def delete_selected(self) -> bool:
        index = self.table.currentRow()
        if index < 0 or index >= len(self.rows):
            self.dialogs.error(self, self.tr("删除"), self.tr("请先在表中选择要删除的日期"))
            return False
        day = self.rows[index].day
        return self._apply(self.tr("无法删除"), lambda: self.holidays.delete_day(day))

    def mark_complete(self) -> bool:
        year = self.year.value()
        if not self.dialogs.confirm(self, self.tr("标记完整"), self.tr(
                "确认 {y} 年的放假和调休安排已按国务院办公厅通知全部录入？").replace("{y}", str(year))):
            self.load()
            return False
        return self._apply(self.tr("无法标记"),
                           lambda: self.holidays.set_days([], complete_years=[year]))

    def import_csv(self) -> bool:
        path = self.dialogs.choose_file(self, self.tr("选择节假日 CSV 文件"), CSV_FILTER)
        if path is None:
            return False
        return self._apply(self.tr("无法导入"), lambda: self.holidays.import_csv(path))
