"""统计: the figures of a period and organisation, with charts (QtCharts).

The figures are computed by the database (StatisticsService) on a worker thread, so a year of
a large office never freezes the window. Every chart can be saved as PNG; a bar or slice
clicked opens the case list filtered to the cases behind it (`cases_requested`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.models.enums import CaseStatus, ClaimType
from app.services.cases.dto import CaseQuery
from app.services.reports.statistics import Statistics
from app.views.case.record_list_tab import RecordListTab
from app.views.dialogs.ma1_dialog import Ma1Dialog, Write
from app.views.widgets.background import BackgroundTask, Progress, run_in_background
from app.views.widgets.messages import Dialogs
from app.views.widgets.record_table_model import Column, enum_label

Compute = Callable[[date, date, int | None], Statistics]
CLAIM_SLICES = 8  # the most frequent claim types; the rest are in the report
WORKLOAD_COLUMNS = [
    Column("调解员", lambda w: w["mediator"]), Column("案件", lambda w: str(w["cases"]), True),
    Column("调解次数", lambda w: str(w["sessions"]), True),
    Column("调解协议", lambda w: str(w["agreements"]), True),
]


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _month_range(key: str, first: date, last: date) -> tuple[date, date]:
    """A month of the trend, clipped to the period."""
    year, month = int(key[:4]), int(key[5:7])
    start = date(year, month, 1)
    end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return max(start, first), min(date.fromordinal(end.toordinal() - 1), last)


def summary_text(r: Statistics) -> str:
    rate = "—" if r.mediation_success_rate is None else f"{r.mediation_success_rate:.1%}"
    days = r.days_to_accept
    accept = "—" if days is None or days.median_days is None else f"{days.median_days:g} 日"
    d = r.deadlines
    return (f"收到申请 {r.received:,} 件，受理 {r.accepted:,} 件，不予受理 {r.refused:,} 件，"
            f"撤回 {r.withdrawn:,} 件；达成协议 {r.with_agreement:,} 件，调解成功率 {rate}；"
            f"集体争议 {r.collective_cases:,} 件（{r.collective_workers:,} 人）\n"
            f"请求金额 {r.amount_claimed:,.2f} 元，协议金额 {r.amount_agreed:,.2f} 元，"
            f"已履行 {r.amount_paid:,.2f} 元；受理用时中位数 {accept}；"
            f"期间内届满的法定期限：按期完成 {d.get('met', 0):,} 项，逾期 {d.get('missed', 0):,} 项，"
            f"尚在办理 {d.get('open', 0):,} 项")


class StatisticsPage(QWidget):
    cases_requested = Signal(object, str)  # CaseQuery, a caption of what was clicked

    def __init__(self, compute: Compute, organisations: Callable[[], Sequence[tuple[int, str]]],
                 dialogs: Dialogs, today: Callable[[], date] = date.today,
                 parent: QWidget | None = None, *, export_ma1: Write | None = None) -> None:
        super().__init__(parent)
        self._compute, self._organisations, self.dialogs = compute, organisations, dialogs
        self._today, self._export_ma1 = today, export_ma1
        self.ma1_dialog: Ma1Dialog | None = None
        self.result: Statistics | None = None
        self.task: BackgroundTask | None = None
        self._stale = True
        now = today()
        self.date_from = QDateEdit(_qdate(date(now.year, 1, 1)))
        self.date_to = QDateEdit(_qdate(now))
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setCalendarPopup(True)
        self.organisation = QComboBox()
        self.run_button = QPushButton(self.tr("统计"))
        self.run_button.clicked.connect(self.refresh)
        self.ma1_button = QPushButton(self.tr("导出MA1统计表…"))
        self.ma1_button.setToolTip(self.tr("劳动人事争议调解情况统计表（人社统MA1号）：一年、一个季度或一个月"))
        self.ma1_button.clicked.connect(self.open_ma1)
        self.ma1_button.setVisible(export_ma1 is not None)
        top = QHBoxLayout()
        for widget in (QLabel(self.tr("收案期间：")), self.date_from, QLabel(self.tr("至")),
                       self.date_to, QLabel(self.tr("调解组织：")), self.organisation,
                       self.run_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.ma1_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.charts: dict[str, QChartView] = {}
        grid = QGridLayout()
        for i, (key, title) in enumerate((("monthly", "每月收案"), ("outcome", "案件状态"),
                                          ("claims", "请求事项类型"), ("durations", "办理用时（日）"))):
            grid.addWidget(self._chart_box(key, title), i // 2, i % 2)
        self.workload = RecordListTab(WORKLOAD_COLUMNS, (80, 50, 64, 64), wrap=False)
        workload_box = QGroupBox(self.tr("调解员工作量（案件补贴依据）"))
        QVBoxLayout(workload_box).addWidget(self.workload)
        body = QHBoxLayout()
        body.addLayout(grid, 3)
        body.addWidget(workload_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        self._fill_organisations()

    def _chart_box(self, key: str, title: str) -> QGroupBox:
        view = QChartView()
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(160)  # two rows of charts fit a 700-px window
        self.charts[key] = view
        save = QPushButton(self.tr("导出 PNG…"))
        save.clicked.connect(lambda _c=False, k=key, t=title: self.export_chart(k, t))
        box = QGroupBox(self.tr(title))
        column = QVBoxLayout(box)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(view, 1)
        column.addWidget(save, 0, Qt.AlignmentFlag.AlignRight)
        return box

    def _fill_organisations(self) -> None:
        current = self.organisation.currentData()
        self.organisation.clear()
        self.organisation.addItem(self.tr("全部组织"), None)
        for org_id, name in self._organisations():
            self.organisation.addItem(name, org_id)
        self.organisation.setCurrentIndex(max(self.organisation.findData(current), 0))

    # --- computing -------------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        return self.date_from.date().toPython(), self.date_to.date().toPython()  # type: ignore[return-value]

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        if self._stale:
            self._fill_organisations()
            self.refresh()
        super().showEvent(event)  # type: ignore[arg-type]

    def refresh(self) -> BackgroundTask | None:
        if not self.isVisible():
            self._stale = True
            return None
        self._stale = False
        first, last = self.period()
        if last < first:
            self.dialogs.error(self, self.tr("无法统计"), self.tr("截止日期不能早于起始日期，请改正收案期间"))
            return None
        organisation = self.organisation.currentData()
        self.run_button.setEnabled(False)
        self.summary.setText(self.tr("正在统计…"))

        def op(_progress: Progress) -> Statistics:
            return self._compute(first, last, organisation)

        self.task = run_in_background(self, op, on_success=self.show_result,
                                      on_failure=self._failed, label=self.tr("正在统计…"),
                                      show_progress=False)
        return self.task

    def _failed(self, exc: Exception) -> None:
        self.run_button.setEnabled(True)
        self.summary.setText("")
        text = exc.message if isinstance(exc, AppError) else f"{type(exc).__name__}: {exc}"
        self.dialogs.error(self, self.tr("统计失败"), text)

    def show_result(self, result: Statistics) -> None:
        self.run_button.setEnabled(True)
        self.result = result
        self.summary.setText(summary_text(result))
        self._monthly(result)
        self._outcome(result)
        self._claims(result)
        self._durations(result)
        self.workload.set_rows(result.mediator_workload,
                               "" if result.mediator_workload else self.tr("期间内没有指派调解员的案件"))

    # --- charts ----------------------------------------------------------------------------
    def _new_chart(self, key: str) -> QChart:
        chart = QChart()
        chart.legend().hide()
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        old = self.charts[key].chart()
        self.charts[key].setChart(chart)
        if old is not None:
            old.deleteLater()
        return chart

    def _bars(self, key: str, labels: list[str], values: list[float], name: str,
              axis_title: str = "") -> QBarSet:
        chart = self._new_chart(key)
        bars = QBarSet(name)
        bars.append([float(v) for v in values])
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(len(values) <= 24)
        chart.addSeries(series)
        categories, numbers = QBarCategoryAxis(), QValueAxis()
        categories.append(labels)
        numbers.setRange(0, max([*values, 1]) * 1.15)
        numbers.setLabelFormat("%d")
        categories.setTitleText(axis_title)
        if len(labels) > 12:
            categories.setLabelsAngle(-90)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(numbers, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(numbers)
        return bars

    def _monthly(self, r: Statistics) -> None:
        months = list(r.by_month)
        one_year = len({m[:4] for m in months}) == 1
        # Short labels: Qt elides a category label that is wider than its bar ("1…").
        labels = [str(int(m[5:])) if one_year else f"{m[2:4]}/{m[5:]}" for m in months]
        title = (self.tr("{y}年（月）").replace("{y}", months[0][:4]) if one_year
                 else self.tr("年/月"))
        bars = self._bars("monthly", labels, list(r.by_month.values()), self.tr("收案"), title)
        bars.clicked.connect(lambda i: self.open_month(months[i]))

    def _pie(self, key: str, pieces: list[tuple[str, int, str]]) -> QPieSeries:
        """A pie with its legend on the right (long Chinese names fit there, not on an axis);
        each slice carries the filter value it stands for."""
        chart = self._new_chart(key)
        chart.legend().show()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        series = QPieSeries()
        for caption, n, value in pieces:
            piece = series.append(f"{caption} {n:,}", n)
            piece.setProperty("value", value)
        chart.addSeries(series)
        return series

    def _outcome(self, r: Statistics) -> None:
        series = self._pie("outcome", [(enum_label(CaseStatus, status), n, status)
                                       for status, n in r.by_status.items()])
        series.clicked.connect(lambda piece: self.open_status(str(piece.property("value"))))

    def _claims(self, r: Statistics) -> None:
        kinds = sorted(r.by_claim_type, key=lambda k: (-r.by_claim_type[k]["count"], k))
        series = self._pie("claims", [(enum_label(ClaimType, k), r.by_claim_type[k]["count"], k)
                                      for k in kinds[:CLAIM_SLICES]])
        series.clicked.connect(lambda piece: self.open_claim_type(str(piece.property("value"))))

    def _durations(self, r: Statistics) -> None:
        chart = self._new_chart("durations")
        chart.legend().show()
        median, p90 = QBarSet(self.tr("中位数")), QBarSet(self.tr("90%分位"))
        for duration in (r.days_to_accept, r.days_to_agreement):
            median.append(float(duration.median_days or 0) if duration else 0.0)
            p90.append(float(duration.p90_days or 0) if duration else 0.0)
        series = QBarSeries()
        series.append([median, p90])
        series.setLabelsVisible(True)
        chart.addSeries(series)
        categories, numbers = QBarCategoryAxis(), QValueAxis()
        categories.append([self.tr("收到→受理"), self.tr("受理→达成协议")])
        numbers.setRange(0, max(p90.at(0), p90.at(1), 1.0) * 1.2)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(numbers, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(numbers)

    # --- click-through and export ----------------------------------------------------------
    def open_ma1(self) -> Ma1Dialog | None:
        """The MA1 export for the organisation chosen on the page."""
        if self._export_ma1 is None:
            return None
        organisation = (self.organisation.currentData(), self.organisation.currentText())
        self.ma1_dialog = Ma1Dialog(self._export_ma1, self.dialogs, self._today(), organisation,
                                    self)
        self.ma1_dialog.open()
        return self.ma1_dialog

    def _query(self, **filters: object) -> CaseQuery:
        first, last = self.period()
        return CaseQuery(received_from=first, received_to=last,
                         organisation_id=self.organisation.currentData(), **filters)  # type: ignore[arg-type]

    def open_month(self, month: str) -> None:
        first, last = _month_range(month, *self.period())
        query = CaseQuery(received_from=first, received_to=last,
                          organisation_id=self.organisation.currentData())
        self.cases_requested.emit(query, self.tr("{m} 收到的案件").replace("{m}", month))

    def open_status(self, status: str) -> None:
        self.cases_requested.emit(self._query(status=status),
                                  self.tr("统计期间内状态为“{s}”的案件")
                                  .replace("{s}", enum_label(CaseStatus, status)))

    def open_claim_type(self, claim_type: str) -> None:
        self.cases_requested.emit(self._query(claim_type=claim_type),
                                  self.tr("统计期间内请求“{t}”的案件")
                                  .replace("{t}", enum_label(ClaimType, claim_type)))

    def export_chart(self, key: str, title: str) -> Path | None:
        first, last = self.period()
        suggested = Path(f"{title}-{first:%Y%m%d}-{last:%Y%m%d}.png")
        path = self.dialogs.save_file(self, self.tr("导出图表"), suggested, "PNG 图片 (*.png)")
        if path is None:
            return None
        if path.suffix.lower() != ".png":
            path = path.with_suffix(".png")
        if not self.charts[key].grab().save(str(path), "PNG"):
            self.dialogs.error(self, self.tr("无法导出"),
                               self.tr("图表未能保存到 {p}，请换一个文件夹").replace("{p}", str(path)))
            return None
        return path
