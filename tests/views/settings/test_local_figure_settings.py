"""设置 → 地方参数: an average wage entered, a bad entry refused in Chinese and nothing saved,
unverified rows marked, and the calculator using what was entered."""

from __future__ import annotations

from decimal import Decimal

from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.knowledge.calculators.local import EMPLOYMENT_SUBSIDY
from app.services.knowledge.calculator_service import CalculatorService
from app.services.knowledge.local_parameters import LocalParameterService
from app.views.main_window import MainWindow
from app.views.settings.settings_tabs import SettingsTabs
from tests.views.typing import type_text


def test_enter_an_average_wage_and_a_subsidy(window: MainWindow, qtbot: QtBot,
                                             sqlite_services: Services) -> None:
    tabs = window.show_named("设置")
    assert isinstance(tabs, SettingsTabs)
    page = tabs.local_figures
    tabs.setCurrentWidget(page)
    assert page.table.rowCount() == 0  # nothing shipped: no verified source was found
    for name, text in (("province", "浙江省"), ("city", "绍兴市"), ("year", "2025"),
                       ("value", "8500"), ("source", "某统计公报（测试）")):
        type_text(page.edits[name], text)
    assert page.save()
    assert page.table.item(0, 6).text() == "未核实"
    # a subsidy of grade 4 is refused: arts 36-37 give them to grades 5-10 only
    page.kind.setCurrentIndex(page.kind.findData(EMPLOYMENT_SUBSIDY))
    for name, text in (("city", "绍兴市"), ("year", "2024"), ("grade", "4"), ("value", "6")):
        type_text(page.edits[name], text)
    assert not page.save()
    assert page.problem.isVisible() and "五至十级" in page.problem.text()
    assert len(LocalParameterService(sqlite_services.ctx).figures()) == 1
    # the calculator uses the entered figure: 2008-01-01 … 2026-06-30 is 18 years 6 months
    # (before 2008 left out), wage 30,000 > 3 × 8,500 = 25,500 caps it at 12 months:
    # 25,500 × 12 = 306,000, said to be unverified
    result = CalculatorService(sqlite_services.ctx).calculate(
        "compensation", start="2006-01-01", end="2026-06-30", monthly_wage="30000",
        city="绍兴", pre_2008_payable=False)
    assert result.amount == Decimal("306000.00")
    assert any("未经核实" in w for w in result.warnings)
