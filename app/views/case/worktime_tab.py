"""工作时长 tab of a case: import a platform's order export, see the work time it shows.

The file is kept as evidence of the case and its figures (longest continuous work, night and
holiday hours, rest-rule breaches) feed the 权益核查 tab. When the file's headers are not the
usual ones (nor the ones this organisation used before), the user says once which column is
which; the service remembers it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, ValidationFailed
from app.knowledge.order_import import FIELD_LABELS, REQUIRED_FIELDS
from app.knowledge.worktime import hours
from app.services.knowledge.worktime_service import ALIASES, WorkTimeAnalysis, WorkTimeService
from app.views.case.worktime_chart import WorkTimeChart
from app.views.widgets.messages import Dialogs
from app.workflow.calendar import month_day_zh

FILE_FILTER = "订单记录 (*.csv *.xlsx *.xlsm *.txt);;所有文件 (*)"
NO_COLUMN = "（无此列）"
EMPTY_TEXT = ("尚未导入订单记录。请点击“导入订单记录…”，选择平台导出的订单文件（CSV 或 Excel），"
              "需含订单号、接单时间、送达时间三列。导入的文件将作为本案证据保存，"
              "算出的连续工作、夜间和节假日工作时长用于“权益核查”。")


def _h(value: object) -> str:
    return f"{value} 小时"


def _span_text(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60} 小时 {minutes % 60} 分钟" if minutes % 60 else f"{minutes // 60} 小时"


def summary_text(a: WorkTimeAnalysis) -> str:
    """The figures in a few Chinese sentences (also what tests read)."""
    r = a.report
    lines = [f"文件：{a.file_name}，订单 {len(r.orders)} 笔"
             + (f"，另有 {len(a.problems)} 行无法读取（见下）" if a.problems else "")]
    worked_days = sum(1 for d in r.days if d.work)
    busiest = max(r.weeks, key=lambda w: w.work, default=None)
    lines.append(f"工作合计 {_h(hours(r.total_work))}，共 {worked_days} 天"
                 + (f"，单周最多 {_h(hours(busiest.work))}（{month_day_zh(busiest.week_start)}起的一周）"
                    if busiest else ""))
    longest = r.longest_span
    if longest is not None:
        lines.append(f"最长连续工作 {_span_text(longest.duration)}"
                     f"（{month_day_zh(longest.start)} {longest.start:%H:%M}至"
                     f"{month_day_zh(longest.end)} {longest.end:%H:%M}）")
    lines.append(f"夜间（22时至次日6时）工作 {_h(hours(r.night_work))}；"
                 f"法定节假日工作 {_h(hours(r.holiday_work))}")
    if r.rest_rule is None:
        lines.append("连续工作后休息：本地无相关规定")
    else:
        limit = int(r.rest_rule.max_continuous.total_seconds() // 60)
        rest = int(r.rest_rule.min_break.total_seconds() // 60)
        lines.append(f"违反休息规定 {len(r.rest_violations)} 次（连续工作超过 {limit // 60} 小时"
                     f"{f'{limit % 60} 分钟' if limit % 60 else ''}后须休息不少于 {rest} 分钟；"
                     f"依据：{a.rule_citation or '当地政策'}）")
    if r.overlaps:
        lines.append(f"同时承接两个平台订单 {len(r.overlaps)} 处")
    return "\n".join(lines)


class WorkTimeTab(QWidget):
    def __init__(self, service: WorkTimeService, case_no: str, dialogs: Dialogs,
                 on_changed: Callable[[], object] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.case_no, self.dialogs = service, case_no, dialogs
        self._on_changed = on_changed
        self._pending: Path | None = None  # the file waiting for its column mapping
        self.import_button = QPushButton(self.tr("导入订单记录…"))
        self.import_button.clicked.connect(self.import_file)
        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.status, 1)

        self.mapping_box = QGroupBox(self.tr("请指定各项在订单文件中的哪一列（只需指定一次，之后自动沿用）"))
        form = QFormLayout(self.mapping_box)
        self.columns: dict[str, QComboBox] = {}
        for field, label in FIELD_LABELS.items():
            self.columns[field] = QComboBox()
            self.columns[field].setMinimumContentsLength(12)
            optional = "" if field in REQUIRED_FIELDS else self.tr("（可不选）")
            form.addRow(label + optional, self.columns[field])
        self.mapping_error = QLabel()
        self.mapping_error.setStyleSheet("color: #c62828;")
        self.mapping_error.setWordWrap(True)
        form.addRow(self.mapping_error)
        self.apply_mapping_button = QPushButton(self.tr("按此对应导入"))
        self.apply_mapping_button.clicked.connect(self.apply_mapping)
        cancel = QPushButton(self.tr("取消"))
        cancel.clicked.connect(self.cancel_mapping)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.apply_mapping_button)
        form.addRow(buttons)
        self.mapping_box.hide()

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems_label = QLabel()
        self.problems = QListWidget()
        self.chart = WorkTimeChart()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)  # the chart fills the width; rows scroll down
        self.scroll.setWidget(self.chart)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems)
        layout.addWidget(self.scroll, 1)
        self.load()

    # --- showing ---------------------------------------------------------------------------
    def load(self) -> None:
        """The analysis attached to the case, re-read from the stored file."""
        try:
            analysis = self.service.stored(self.case_no)
        except AppError as exc:  # e.g. the stored file no longer matches its hash
            self.show_analysis(None)
            self.summary.setStyleSheet("color: #c62828;")
            self.summary.setText(exc.message)
            return
        self.show_analysis(analysis)
        if analysis is not None:
            self.status.setText(self.tr("本案已导入的订单记录（已作为证据保存，数据用于权益核查）"))

    def show_analysis(self, analysis: WorkTimeAnalysis | None) -> None:
        self.summary.setStyleSheet("")
        self.summary.setText(summary_text(analysis) if analysis else self.tr(EMPTY_TEXT))
        problems = list(analysis.problems) if analysis else []
        self.problems.clear()
        self.problems.addItems(problems)
        # As tall as its lines, up to four (then it scrolls): the chart keeps the room.
        shown = min(max(len(problems), 1), 4)
        self.problems.setFixedHeight(self.problems.sizeHintForRow(0) * shown
                                     + 2 * self.problems.frameWidth() + 4)
        self.problems_label.setText(self.tr("以下 {n} 行无法读取，未计入（请核对原文件）：")
                                    .replace("{n}", str(len(problems))))
        self.problems_label.setVisible(bool(problems))
        self.problems.setVisible(bool(problems))
        self.chart.set_report(analysis.report if analysis else None)

    # --- importing -------------------------------------------------------------------------
    def import_file(self) -> bool:
        path = self.dialogs.choose_file(self, self.tr("选择平台导出的订单记录"), FILE_FILTER)
        if path is None:
            return False
        try:
            headers = self.service.headers(path)
            mapping = self.service.guess_mapping(self.case_no, headers)
        except AppError as exc:
            self.dialogs.error(self, self.tr("无法读取订单文件"), exc.message)
            return False
        if mapping is None:
            self._ask_mapping(path, headers)
            return False
        return self._attach(path, None)

    def _ask_mapping(self, path: Path, headers: list[str]) -> None:
        self._pending = path
        for field, combo in self.columns.items():
            combo.clear()
            if field not in REQUIRED_FIELDS:
                combo.addItem(self.tr(NO_COLUMN), "")
            for header in headers:
                combo.addItem(header, header)
            # Preselect a column whose header contains a usual name (e.g. "接单时间(北京)").
            guess = next((h for h in headers for name in ALIASES[field] if name in h), None)
            combo.setCurrentIndex(max(combo.findData(guess), 0) if guess else 0)
        self._mapping_problem("")
        self.status.setText(self.tr("未能识别“{name}”的表头，请在下方指定各列。")
                            .replace("{name}", path.name))
        self.mapping_box.show()

    def chosen_mapping(self) -> dict[str, str]:
        return {field: combo.currentData() for field, combo in self.columns.items()
                if combo.currentData()}

    def apply_mapping(self) -> bool:
        if self._pending is None:
            return False
        mapping = self.chosen_mapping()
        missing = [FIELD_LABELS[f] for f in REQUIRED_FIELDS if f not in mapping]
        if missing:
            self._mapping_problem(self.tr("请选择：") + "、".join(missing))
            return False
        if len(set(mapping.values())) < len(mapping):
            self._mapping_problem(self.tr("同一列不能对应两项，请重新选择"))
            return False
        if self._attach(self._pending, mapping):
            self.cancel_mapping()
            return True
        return False

    def _mapping_problem(self, text: str) -> None:
        self.mapping_error.setText(text)
        self.mapping_error.setVisible(bool(text))  # no empty gap above the buttons

    def cancel_mapping(self) -> None:
        self._pending = None
        self.mapping_box.hide()

    def _attach(self, path: Path, mapping: dict[str, str] | None) -> bool:
        try:
            analysis = self.service.attach(self.case_no, path, mapping)
        except ValidationFailed as exc:
            self.dialogs.error(self, self.tr("未导入"), "\n".join(e.message for e in exc.errors))
            return False
        except AppError as exc:
            self.dialogs.error(self, self.tr("未导入"), exc.message)
            return False
        self.show_analysis(analysis)
        self.status.setText(self.tr("已导入“{name}”并作为本案证据保存；“权益核查”将使用这些数据"
                                    "（在那里填写的答案优先）。").replace("{name}", path.name))
        if self._on_changed is not None:
            self._on_changed()
        return True
