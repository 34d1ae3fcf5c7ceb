"""Day-by-day timeline of work spans (工作时长 tab): one row per calendar day, 0–24 h.

Each continuous work span is a bar, red when it is where the local rest rule was broken, blue
otherwise; night hours (22:00–06:00) are shaded. A span crossing midnight is drawn in two
pieces, one on each day. What is drawn is kept as plain data (`rows()`) so tests can read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from app.knowledge.worktime import WorkSpan, WorkTimeReport

WORK = QColor("#1e6fd9")
BREACH = QColor("#c62828")
NIGHT = QColor("#e3e7ef")
GRID = QColor("#c9ced6")
TEXT = QColor("#222222")
HOLIDAY_TEXT = QColor("#b23c17")
WEEKDAYS = "一二三四五六日"
LABEL_WIDTH = 112  # "11-03 周二 节" in a CJK font
AXIS_HEIGHT = 26
ROW_HEIGHT = 26
LEGEND_HEIGHT = 30
RIGHT_MARGIN = 22
NIGHT_HOURS = ((0.0, 6.0), (22.0, 24.0))


@dataclass(frozen=True)
class ChartBar:
    start_hour: float  # 0–24 within the row's day
    end_hour: float
    breach: bool
    span_start: datetime  # the whole span, for the tooltip and tests
    span_end: datetime


@dataclass(frozen=True)
class ChartRow:
    day: date
    bars: tuple[ChartBar, ...]
    holiday: bool

    @property
    def label(self) -> str:
        return f"{self.day:%m-%d} 周{WEEKDAYS[self.day.weekday()]}" + (" 节" if self.holiday
                                                                         else "")


def chart_rows(report: WorkTimeReport) -> list[ChartRow]:
    """Every day from the first to the last worked one (days off show as empty rows)."""
    if not report.spans:
        return []
    breaches = _breach_spans(report)
    pieces: dict[date, list[ChartBar]] = {}
    for span in report.spans:
        lo = span.start
        while lo < span.end:
            midnight = datetime.combine(lo.date() + timedelta(days=1), time())
            hi = min(span.end, midnight)
            pieces.setdefault(lo.date(), []).append(ChartBar(
                _hour(lo), 24.0 if hi == midnight else _hour(hi), span in breaches,
                span.start, span.end))
            lo = hi
    holidays = {d.day for d in report.days if d.holiday}
    first, last = min(pieces), max(pieces)
    return [ChartRow(first + timedelta(days=i), tuple(pieces.get(first + timedelta(days=i), ())),
                     first + timedelta(days=i) in holidays)
            for i in range((last - first).days + 1)]


def _breach_spans(report: WorkTimeReport) -> set[WorkSpan]:
    """Spans holding a block's work from its start to the order taken without the break."""
    marked = set()
    for v in report.rest_violations:
        offending_at = v.exceeded_at + v.break_taken  # when the unrested order was accepted
        marked |= {s for s in report.spans if s.start <= offending_at and s.end >= v.block_start}
    return marked


def _hour(moment: datetime) -> float:
    return moment.hour + moment.minute / 60 + moment.second / 3600


class WorkTimeChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChartRow] = []
        self.setMinimumWidth(LABEL_WIDTH + 24 * 18 + RIGHT_MARGIN)
        self.setAutoFillBackground(True)
        self.setMouseTracking(True)

    def set_report(self, report: WorkTimeReport | None) -> None:
        self._rows = chart_rows(report) if report is not None else []
        self.setMinimumHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    def rows(self) -> list[ChartRow]:
        return list(self._rows)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(LABEL_WIDTH + 24 * 30 + RIGHT_MARGIN,
                     AXIS_HEIGHT + max(len(self._rows), 1) * ROW_HEIGHT + LEGEND_HEIGHT)

    def _x(self, hour: float) -> float:
        plot = self.width() - LABEL_WIDTH - RIGHT_MARGIN
        return LABEL_WIDTH + plot * hour / 24

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        self._paint_axis(painter)
        if not self._rows:
            painter.setPen(TEXT)
            painter.drawText(QRectF(0, AXIS_HEIGHT, self.width(), ROW_HEIGHT),
                             Qt.AlignmentFlag.AlignCenter, "尚无订单记录")
        for i, row in enumerate(self._rows):
            self._paint_row(painter, row, AXIS_HEIGHT + i * ROW_HEIGHT)
        self._paint_legend(painter, AXIS_HEIGHT + max(len(self._rows), 1) * ROW_HEIGHT)
        painter.end()

    def _paint_axis(self, painter: QPainter) -> None:
        bottom = AXIS_HEIGHT + max(len(self._rows), 1) * ROW_HEIGHT
        for hour in range(25):
            x = self._x(hour)
            painter.setPen(QPen(GRID, 1, Qt.PenStyle.SolidLine if hour % 6 == 0
                                else Qt.PenStyle.DotLine))
            painter.drawLine(int(x), AXIS_HEIGHT - 4, int(x), bottom)
            if hour % 2 == 0:  # every other hour: labels of two digits fit at any width
                painter.setPen(TEXT)
                painter.drawText(QRectF(x - 16, 2, 32, AXIS_HEIGHT - 6),
                                 Qt.AlignmentFlag.AlignCenter, str(hour))

    def _paint_row(self, painter: QPainter, row: ChartRow, top: int) -> None:
        band = QRectF(self._x(0), top + 3, self._x(24) - self._x(0), ROW_HEIGHT - 6)
        for lo, hi in NIGHT_HOURS:
            painter.fillRect(QRectF(self._x(lo), band.top(), self._x(hi) - self._x(lo),
                                    band.height()), NIGHT)
        painter.setPen(HOLIDAY_TEXT if row.holiday else TEXT)
        painter.drawText(QRectF(6, top, LABEL_WIDTH - 12, ROW_HEIGHT),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, row.label)
        painter.setPen(Qt.PenStyle.NoPen)
        for bar in row.bars:
            # At least two pixels: a five-minute order must still be visible.
            width = max(self._x(bar.end_hour) - self._x(bar.start_hour), 2.0)
            painter.setBrush(BREACH if bar.breach else WORK)
            painter.drawRoundedRect(QRectF(self._x(bar.start_hour), band.top() + 2, width,
                                           band.height() - 4), 2, 2)
        painter.setPen(QPen(GRID, 1))
        painter.drawLine(LABEL_WIDTH, top + ROW_HEIGHT, int(self._x(24)), top + ROW_HEIGHT)

    def _paint_legend(self, painter: QPainter, top: int) -> None:
        x = float(LABEL_WIDTH)
        for colour, caption in ((WORK, "连续工作"), (BREACH, "违反休息规定"),
                                (NIGHT, "夜间（22时至次日6时）")):
            painter.fillRect(QRectF(x, top + 10, 14, 12), colour)
            painter.setPen(TEXT)
            width = painter.fontMetrics().horizontalAdvance(caption) + 8
            painter.drawText(QRectF(x + 18, top + 4, width, LEGEND_HEIGHT - 6),
                             Qt.AlignmentFlag.AlignVCenter, caption)
            x += 18 + width + 16

    def bar_at(self, x: float, y: float) -> ChartBar | None:
        """The bar under a point (for the tooltip)."""
        index = int((y - AXIS_HEIGHT) // ROW_HEIGHT)
        if y < AXIS_HEIGHT or not 0 <= index < len(self._rows):
            return None
        hour = (x - LABEL_WIDTH) * 24 / max(self.width() - LABEL_WIDTH - RIGHT_MARGIN, 1)
        return next((b for b in self._rows[index].bars if b.start_hour <= hour <= b.end_hour),
                    None)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            bar = self.bar_at(e.pos().x(), e.pos().y())
            if bar is None:
                QToolTip.hideText()
            else:
                minutes = int((bar.span_end - bar.span_start).total_seconds() // 60)
                QToolTip.showText(e.globalPos(), f"{bar.span_start:%m-%d %H:%M}–"
                                  f"{bar.span_end:%m-%d %H:%M}，连续 {minutes // 60} 小时 "
                                  f"{minutes % 60} 分钟" + ("（违反休息规定）" if bar.breach else ""),
                                  self)
            return True
        return super().event(e)
