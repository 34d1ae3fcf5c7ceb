"""The final-award test (调解仲裁法 art 47) and the minimum-wage table it needs."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.workflow.errors import BadWageTable, WorkflowError
from app.workflow.final_award import (
    AwardKind,
    ClaimItem,
    MinimumWage,
    classify_award,
    load_minimum_wages,
    parse_minimum_wages,
    wage_in_force,
)

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "minimum_wages.json"
WAGE = MinimumWage("浙江省", "绍兴市", Decimal("2280.00"), Decimal("22"), date(2021, 8, 1),
                   "test", True)


@pytest.mark.parametrize("claims, kind", [
    ([("wages", Decimal("27360.00"))], AwardKind.FINAL),  # exactly 12 × 2280
    ([("wages", Decimal("27360.01"))], AwardKind.NON_FINAL),
    ([("wages", Decimal("20000")), ("economic_compensation", Decimal("20000"))],
     AwardKind.FINAL),  # each item on its own, not the sum
    ([("social_insurance", None), ("working_time_rest", None)], AwardKind.FINAL),
    ([("wages", Decimal("100")), ("economic_compensation", Decimal("30000"))], AwardKind.MIXED),
    ([("wages", Decimal("100")), ("confirm_relationship", None)], AwardKind.MIXED),
    ([("confirm_relationship", None)], AwardKind.NON_FINAL),
    ([("wages", None)], AwardKind.NON_FINAL),
    ([], AwardKind.NON_FINAL),
])
def test_final_award(claims: list[tuple[str, Decimal | None]], kind: AwardKind) -> None:
    result = classify_award(claims, WAGE)
    assert result.kind == kind and result.limit == Decimal("27360.00")
    assert result.separate_documents == (kind == AwardKind.MIXED)
    assert ("分别制作裁决书" in " ".join(result.warnings)) == (kind == AwardKind.MIXED)
    assert "第四十七条" in result.basis


def test_items_say_why() -> None:
    result = classify_award([ClaimItem("wages", Decimal("30000")),
                             ClaimItem("social_insurance")], WAGE)
    over, standards = result.items
    assert not over.final and "超过" in over.reason
    assert standards.final and "第（二）项" in standards.reason


def test_without_a_verified_wage_the_result_warns() -> None:
    missing = classify_award([("wages", Decimal("1"))], None)
    assert missing.kind == AwardKind.NON_FINAL and "最低工资" in missing.warnings[0]
    guessed = MinimumWage("浙江省", "绍兴市", Decimal("2280"), Decimal("22"), date(2021, 8, 1),
                          "未核实：记忆值", False)
    assert "未经核实" in classify_award([("wages", Decimal("1"))], guessed).warnings[0]


def test_wage_in_force_picks_the_standard_of_the_day() -> None:
    newer = MinimumWage("浙江省", "绍兴市", Decimal("2490"), Decimal("24"), date(2025, 1, 1),
                        "test", True)
    wages = [WAGE, newer]
    assert wage_in_force(wages, "绍兴", date(2024, 12, 31)) == WAGE  # "市" is optional
    assert wage_in_force(wages, "绍兴市", date(2025, 1, 1)) == newer
    assert wage_in_force(wages, "绍兴市", date(2020, 1, 1)) is None
    assert wage_in_force(wages, "西宁市", date(2026, 1, 1)) is None


def test_shipped_table_loads_and_is_honest_about_verification() -> None:
    wages = load_minimum_wages(SHIPPED)
    assert {w.city for w in wages} == {"乌鲁木齐市", "西宁市", "淄博市", "绍兴市"}
    for wage in wages:
        assert wage.source  # says where the number came from
        # An unverified figure says so in its source note; a verified one must not.
        assert wage.verified == ("未核实" not in wage.source), wage.city


def _entry(**changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"province": "浙江省", "city": "绍兴市", "monthly": "2280.00",
                             "hourly": "22.00", "effective_on": "2021-08-01", "source": "x",
                             "verified": False}
    entry.update(changes)
    return entry


@pytest.mark.parametrize("data, fragment", [
    ([], "entries"),
    ({"entries": "x"}, "entries"),
    ({"entries": [1]}, "应为对象"),
    ({"entries": [{"city": "绍兴市"}]}, "缺少字段"),
    ({"entries": [_entry(verified="false")]}, "verified"),
    ({"entries": [_entry(monthly="abc")]}, "不是有效金额"),
    ({"entries": [_entry(monthly="-1")]}, "大于0"),
    ({"entries": [_entry(monthly=True)]}, "应为金额"),
    ({"entries": [_entry(hourly="3000")]}, "填反"),
    ({"entries": [_entry(effective_on="2021/08/01")]}, "YYYY-MM-DD"),
    ({"entries": [_entry(city=" ")]}, "非空"),
    ({"entries": [_entry(), _entry(city="绍兴")]}, "重复"),
])
def test_malformed_tables_are_refused_in_chinese(data: Any, fragment: str) -> None:
    with pytest.raises(BadWageTable, match=fragment) as refused:
        parse_minimum_wages(data)
    assert refused.value.code == "bad_wage_table"


def test_loader_reports_unreadable_files(tmp_path: Path) -> None:
    broken = tmp_path / "wages.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(WorkflowError, match="不是有效的 JSON"):
        load_minimum_wages(broken)
    with pytest.raises(WorkflowError, match="无法读取"):
        load_minimum_wages(tmp_path / "missing.json")
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"entries": [_entry(monthly=2280, hourly=22.5)]}),
                    encoding="utf-8")
    assert load_minimum_wages(good)[0].hourly == Decimal("22.5")
