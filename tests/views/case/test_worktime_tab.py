"""工作时长 tab: an order export imported through the file dialog, the summary, the unreadable
lines, the day-by-day chart (rows, red breach spans, midnight split), the column-mapping step for
unknown headers, a refused file, and a tampered stored file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.views.case.case_extensions import case_tabs
from app.views.case.worktime_tab import WorkTimeTab
from tests.factories import case_input, shift, week_of_orders, write_orders
from tests.views.fakes import FakeDialogs

ODD_HEADER = ("单据", "开始配送", "结束配送", "来源")


def _tab(qtbot: QtBot, services: Services, case_no: str, dialogs: FakeDialogs,
         changed: list[bool] | None = None) -> WorkTimeTab:
    tab = WorkTimeTab(services.worktime, case_no, dialogs,
                      on_changed=(lambda: changed.append(True)) if changed is not None else None)
    qtbot.addWidget(tab)
    tab.show()
    return tab


def test_import_a_week_shows_summary_and_chart(qtbot: QtBot, sqlite_services: Services,
                                               tmp_path: Path) -> None:
    s = sqlite_services
    case_no = s.cases.create_case(case_input(category="2")).case_no
    path = write_orders(tmp_path / "week.csv", week_of_orders(),
                        extra_lines=("X1,2026-11-03 15:00,2026-11-03 14:00,甲平台",))
    dialogs = FakeDialogs(files=[path])
    changed: list[bool] = []
    tab = _tab(qtbot, s, case_no, dialogs, changed)
    assert "尚未导入订单记录" in tab.summary.text() and tab.chart.rows() == []
    assert tab.problems.isHidden()
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == [] and changed == [True]
    text = tab.summary.text()
    assert "订单 79 笔" in text and "违反休息规定 2 次" in text and "绍兴" in text
    assert "最长连续工作 5 小时 55 分钟" in text and "工作合计 38.50 小时，共 6 天" in text
    assert "已导入“week.csv”" in tab.status.text()
    assert not tab.problems.isHidden()
    assert [tab.problems.item(i).text() for i in range(tab.problems.count())] == [
        "第81行：送达时间早于接单时间"]
    rows = tab.chart.rows()
    assert [r.day for r in rows] == [date(2026, 11, 2 + i) for i in range(7)]
    assert rows[5].bars == ()  # Saturday off, still a row
    red = [(r.day.day, b.start_hour) for r in rows for b in r.bars if b.breach]
    assert red == [(3, 9.0), (6, 7.0)]
    # 21:00 on Wednesday to 01:25 on Thursday: drawn on both days.
    assert rows[2].bars[-1].end_hour == 24.0 and rows[3].bars[0].start_hour == 0.0
    assert rows[2].bars[-1].span_start == rows[3].bars[0].span_start
    assert tab.chart.minimumHeight() >= 7 * 26
    assert s.case_detail.detail(case_no).evidence[-1].name == "平台订单记录（week.csv）"
    tab.grab()  # paints without error
    # Opened again (another day): the stored analysis comes back.
    again = _tab(qtbot, s, case_no, FakeDialogs())
    assert again.summary.text() == text and len(again.chart.rows()) == 7


def test_unknown_headers_ask_for_columns_once(qtbot: QtBot, sqlite_services: Services,
                                             tmp_path: Path) -> None:
    s = sqlite_services
    case_no = s.cases.create_case(case_input(category="2", city="淄博市",
                                             province="山东省")).case_no
    odd = write_orders(tmp_path / "export.csv", shift("2026-11-03", "09:00", 4),
                       header=ODD_HEADER)
    dialogs = FakeDialogs(files=[odd])
    tab = _tab(qtbot, s, case_no, dialogs)
    assert tab.import_file() is False
    assert not tab.mapping_box.isHidden() and "未能识别" in tab.status.text()
    combos = tab.columns
    assert [combos["order_id"].itemText(i) for i in range(combos["order_id"].count())] == list(
        ODD_HEADER)
    assert combos["platform"].currentData() == ""  # optional: "（无此列）" first
    assert tab.apply_mapping() is False and "同一列不能对应两项" in tab.mapping_error.text()
    for field, header in zip(("order_id", "accepted_at", "delivered_at", "platform"), ODD_HEADER,
                             strict=True):
        combos[field].setCurrentIndex(combos[field].findData(header))
    qtbot.mouseClick(tab.apply_mapping_button, Qt.MouseButton.LeftButton)
    assert tab.mapping_box.isHidden() and dialogs.errors == []
    assert "订单 4 笔" in tab.summary.text() and "本地无相关规定" in tab.summary.text()
    assert not any(b.breach for r in tab.chart.rows() for b in r.bars)
    # The same export again: no question asked this time.
    assert tab.import_file() is True and tab.mapping_box.isHidden()


def test_refused_file_and_tampered_store(qtbot: QtBot, sqlite_services: Services,
                                         tmp_path: Path) -> None:
    s = sqlite_services
    case_no = s.cases.create_case(case_input(category="2")).case_no
    bad = write_orders(tmp_path / "bad.csv", [], extra_lines=("A1,不知道,2026-11-03 10:00,甲平台",))
    good = write_orders(tmp_path / "good.csv", shift("2026-11-03", "09:00", 10))
    dialogs = FakeDialogs(files=[bad])
    tab = _tab(qtbot, s, case_no, dialogs)
    assert tab.import_file() is False and "没有一笔可用的订单" in dialogs.errors[-1]
    assert s.case_detail.detail(case_no).evidence == () and tab.chart.rows() == []
    dialogs.files = [good]
    assert tab.import_file() is True
    stored = s.worktime.stored(case_no)
    assert stored is not None and stored.file_sha256
    kept = s.records.files.path_for(stored.file_sha256)
    kept.write_bytes(kept.read_bytes() + b"A99,2026-11-03 20:00,2026-11-03 20:30,\r\n")
    reopened = _tab(qtbot, s, case_no, FakeDialogs())
    assert "篡改" in reopened.summary.text() and reopened.chart.rows() == []


def test_case_view_has_the_tab(qtbot: QtBot, sqlite_services: Services, tmp_path: Path) -> None:
    tabs = case_tabs(sqlite_services, tmp_path, FakeDialogs())
    assert "工作时长" in tabs
    case_no = sqlite_services.cases.create_case(case_input(category="2")).case_no
    parent = QWidget()
    qtbot.addWidget(parent)
    assert isinstance(tabs["工作时长"](case_no, parent), WorkTimeTab)
