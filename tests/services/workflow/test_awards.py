"""The art 47 test where an award is recorded: refusals offer what the items support."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.errors import AppError
from app.services.workflow.awards import SHIPPED_NOTE, awarded_items, check_award
from app.workflow.final_award import ClaimItem, MinimumWage

UNVERIFIED = MinimumWage("浙江省", "绍兴市", Decimal("2280.00"), Decimal("22.00"),
                         date(2021, 8, 1), "未核实：开发者记忆值", False)
VERIFIED = MinimumWage("浙江省", "绍兴市", Decimal("2500.00"), Decimal("24.00"),
                       date(2026, 1, 1), "某厅 某号文", True)


def test_final_refused_when_an_item_fails_with_the_limit_and_the_wage() -> None:
    items = [ClaimItem("wages", Decimal("27360")), ClaimItem("termination_damages",
                                                           Decimal("27360.01"))]
    with pytest.raises(AppError) as refused:
        check_award("award.final", items, UNVERIFIED, estimated=False)
    message = refused.value.message
    assert "termination_damages" in message and "27360.00元" in message
    assert "2021年8月1日起施行" in message and "未经核实" in message
    assert "award.mixed" in message and "award.nonfinal" in message
    only_other = [ClaimItem("deposit_refund", Decimal("100"))]
    with pytest.raises(AppError) as refused:
        check_award("award.final", only_other, UNVERIFIED, estimated=True)
    assert "award.mixed" not in refused.value.message and "按请求金额估算" in refused.value.message


def test_mixed_needs_both_kinds_of_item() -> None:
    with pytest.raises(AppError, match="各项均符合终局裁决条件"):
        check_award("award.mixed", [ClaimItem("wages", Decimal("100"))], VERIFIED, False)
    with pytest.raises(AppError, match="没有符合终局裁决条件的事项"):
        check_award("award.mixed", [ClaimItem("deposit_refund", Decimal("100"))], VERIFIED,
                    False)


def test_notes_say_the_wage_used_and_whether_it_is_verified() -> None:
    result = check_award("award.final", [ClaimItem("wages", Decimal("100"))], UNVERIFIED, False)
    assert SHIPPED_NOTE in result.notes and result.as_data()["limit"] == "27360.00"
    verified = check_award("award.default_final", [ClaimItem("social_insurance", None)],
                           VERIFIED, False)
    assert SHIPPED_NOTE not in verified.notes and "（已核实）" in verified.notes[0]
    nonfinal = check_award("award.nonfinal", [ClaimItem("wages", Decimal("100"))], VERIFIED,
                           False)
    assert any("第十九条" in n for n in nonfinal.notes)  # all items final: said, not refused
    with pytest.raises(AppError, match="无法计算终局裁决限额"):
        check_award("award.final", [ClaimItem("wages", Decimal("100"))], None, False)


def test_awarded_items_or_the_claims_as_an_estimate() -> None:
    items, estimated = awarded_items({"items": [{"claim_type": "wages", "amount": "1,200"}]},
                                     [("deposit_refund", Decimal("5"))])
    assert items == [ClaimItem("wages", Decimal("1200"))] and not estimated
    items, estimated = awarded_items({}, [("deposit_refund", Decimal("5"))])
    assert items == [ClaimItem("deposit_refund", Decimal("5"))] and estimated
    with pytest.raises(AppError, match="不是有效金额"):
        awarded_items({"items": [{"claim_type": "wages", "amount": "abc"}]}, [])
