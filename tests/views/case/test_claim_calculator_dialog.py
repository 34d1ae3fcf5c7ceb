"""计算… on the 请求事项 tab: a 1366×768 screen, inputs typed, steps and basis shown, the claim
saved with its amount and text, and that text in the rendered 仲裁申请书."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.bootstrap import Services
from app.services.knowledge.calculator_service import CalculatorService
from app.views.case.case_view import CaseView
from app.views.case.dialogs.claim_calculator_dialog import ClaimCalculatorDialog
from tests.factories import case_input
from tests.views.fakes import FakeDialogs
from tests.views.typing import type_text

SCREEN = (1366, 768)


@pytest.fixture
def view(qtbot: QtBot, sqlite_services: Services, fake_dialogs: FakeDialogs) -> CaseView:
    s = sqlite_services
    case_no = s.cases.create_case(case_input()).case_no
    widget = CaseView(case_no, s.case_detail, s.case_history, s.records, fake_dialogs,
                      today=s.ctx.today, editor=s.case_edit,
                      calculator=s.calculator)
    qtbot.addWidget(widget)
    widget.resize(*SCREEN)
    widget.show()
    return widget


def open_calculator(qtbot: QtBot, view: CaseView) -> ClaimCalculatorDialog:
    view.tabs.setCurrentWidget(view.claims)
    qtbot.mouseClick(view.calc_button, Qt.MouseButton.LeftButton)
    dialog = view.open_dialog
    assert isinstance(dialog, ClaimCalculatorDialog)
    qtbot.waitExposed(dialog)
    return dialog


def fill(dialog: ClaimCalculatorDialog, **values: str) -> None:
    for name, text in values.items():
        dialog.edits[name].clear()
        type_text(dialog.edits[name], text)


def test_walk_the_dialog_and_save_the_claim(qtbot: QtBot, view: CaseView,
                                            sqlite_services: Services) -> None:
    before = sqlite_services.case_detail.detail(view.case_no)
    dialog = open_calculator(qtbot, view)
    # fits a 1366×768 screen, the save button inside the dialog
    assert dialog.width() <= SCREEN[0] and dialog.height() <= SCREEN[1] - 40
    assert dialog.rect().contains(dialog.save_button.geometry().center()
                                  + dialog.buttons.geometry().topLeft())
    assert dialog.kind.currentData() == "compensation"
    assert dialog.edits["city"].text() == "绍兴市"  # the case's city
    assert not dialog.edits["unpaid"].isVisible() and dialog.edits["start"].isVisible()
    assert not dialog.save_button.isEnabled()  # nothing computed yet
    # 2021-03-15 … 2024-09-14: 3 years 6 months → 4 months × 7,000 = 28,000
    fill(dialog, start="2021-03-15", end="2024-09-14", monthly_wage="7000")
    qtbot.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)
    assert dialog.amount.text() == "经济补偿：28,000.00 元（4个月）"
    assert "7,000.00元×4个月＝28,000.00元" in dialog.steps.toPlainText()
    assert "绍兴市" in dialog.warnings.text()  # no average wage for the city in the table
    assert "第四十七条" in dialog.basis.toPlainText()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    after = sqlite_services.case_detail.detail(view.case_no)
    assert len(after.claims) == len(before.claims) + 1
    claim = after.claims[-1]
    assert (claim.claim_type, claim.amount) == ("economic_compensation", Decimal("28000.00"))
    assert claim.description == "请求裁决被申请人支付解除劳动合同经济补偿（4个月）"
    assert "计28,000.00元" in after.facts
    assert view.claims.model.rowCount() == len(after.claims)  # the tab refreshed


def test_bad_input_is_said_in_chinese_and_cannot_be_saved(qtbot: QtBot, view: CaseView,
                                                         fake_dialogs: FakeDialogs) -> None:
    dialog = open_calculator(qtbot, view)
    dialog.kind.setCurrentIndex(dialog.kind.findData("injury"))
    assert dialog.grade.isVisible() and not dialog.edits["start"].isVisible()
    fill(dialog, monthly_wage="-3000", city="")
    qtbot.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and "必须大于0" in dialog.error.text()
    assert not dialog.save_button.isEnabled() and fake_dialogs.errors == []
    # a good result goes stale as soon as an input changes
    fill(dialog, monthly_wage="4000")
    qtbot.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)
    assert dialog.save_button.isEnabled() and not dialog.error.isVisible()
    assert dialog.amount.text() == "工伤保险待遇：52,000.00 元（13个月）"  # grade 7: 13 × 4,000
    type_text(dialog.edits["monthly_wage"], "0")
    assert not dialog.save_button.isEnabled()


def test_the_calculated_claim_is_in_the_arbitration_application(
        qtbot: QtBot, view: CaseView, sqlite_services: Services, tmp_path: Path) -> None:
    dialog = open_calculator(qtbot, view)
    dialog.kind.setCurrentIndex(dialog.kind.findData("double_wages"))
    # 2025-01-01 start, never signed, left 2025-12-31: eleven months × 6,000 = 66,000
    fill(dialog, start="2025-01-01", end="2025-12-31", monthly_wage="6000")
    qtbot.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    out = sqlite_services.documents.render(view.case_no, "arbitration_application", "pdf",
                                           tmp_path / "仲裁申请书.pdf", draft=True)[0].path
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace("\n", "")
    assert "请求裁决被申请人支付未签订书面劳动合同的二倍工资差额（11个月）" in text
    assert "66,000.00" in text
    assert "2025年02月01日" in text or "2025年2月1日" in text  # the claim's period
    assert "每月支付二倍工资" in text  # the basis, in 事实和理由


def test_the_dialog_raises_a_wage_below_the_minimum_wage(qtbot: QtBot, view: CaseView,
                                                         sqlite_services: Services) -> None:
    """实施条例 art 27 applied, not only warned: the shipped 绍兴市 standard (2,280 from
    2021-08-01, unverified) replaces an average of 1,500 — 4 months × 2,280 = 9,120.00."""
    dialog = open_calculator(qtbot, view)
    fill(dialog, start="2021-03-15", end="2024-09-14", monthly_wage="1500")
    qtbot.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)
    assert dialog.amount.text() == "经济补偿：9,120.00 元（4个月）"
    assert "低于当地最低工资标准" in dialog.basis.toPlainText()
    assert "第二十七条" in dialog.basis.toPlainText()
    assert "未经核实" in dialog.warnings.text()
    same = sqlite_services.calculator.calculate("compensation", start="2021-03-15",
                                                end="2024-09-14", monthly_wage="1500",
                                                city="绍兴市", strict_city=False)
    assert same.amount == Decimal("9120.00")


def test_the_main_window_hands_the_bootstrap_calculator_to_case_views(
        window: object, sqlite_services: Services) -> None:
    from app.views.main_window import MainWindow

    assert isinstance(window, MainWindow)
    no = sqlite_services.cases.create_case(case_input()).case_no
    assert window.make_case_view(no).calculator is sqlite_services.calculator
    assert isinstance(sqlite_services.calculator, CalculatorService)
