"""Whether an award may be recorded as final, non-final or mixed (调解仲裁法 art 47), item by item."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from app.errors import AppError
from app.workflow.final_award import (
    AwardKind,
    ClaimItem,
    FinalAwardTest,
    MinimumWage,
    classify_award,
)

# The events that record an award, and the kind each declares.
AWARD_KINDS: dict[str, AwardKind] = {
    "award.final": AwardKind.FINAL, "award.default_final": AwardKind.FINAL,
    "award.nonfinal": AwardKind.NON_FINAL, "award.default": AwardKind.NON_FINAL,
    "award.mixed": AwardKind.MIXED,
}
KIND_WORDS = {AwardKind.FINAL: "终局裁决（award.final）",
              AwardKind.NON_FINAL: "非终局裁决（award.nonfinal）",
              AwardKind.MIXED: "部分终局裁决，分别制作裁决书（award.mixed）"}
SHIPPED_NOTE = ("随软件提供的最低工资表是2021—2023年的数据，均未经核实：请管理员对照当地人社部门"
                "现行公告核对金额，并注明来源文件标记为已核实（设置—最低工资，或命令 wage-verify）")
ESTIMATED = "未录入各项裁决金额，按请求金额估算；录入裁决金额后结论可能不同"


@dataclass(frozen=True)
class AwardCheck:
    test: FinalAwardTest
    wage: MinimumWage | None
    notes: tuple[str, ...]

    def as_data(self) -> dict[str, Any]:
        """What is stored with the award event, so the record says how it was decided."""
        wage = self.wage
        return {"kind": self.test.kind.value,
                "limit": str(self.test.limit) if self.test.limit is not None else None,
                "wage": None if wage is None else {
                    "city": wage.city, "monthly": str(wage.monthly),
                    "effective_on": wage.effective_on.isoformat(), "source": wage.source,
                    "verified": wage.verified},
                "items": [{"claim_type": i.claim_type,
                           "amount": str(i.amount) if i.amount is not None else None,
                           "final": i.final, "reason": i.reason} for i in self.test.items]}


def _amount(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        raise AppError(f"裁决金额“{value}”不是有效金额", code="validation") from None
    if not amount.is_finite() or amount < 0:
        raise AppError(f"裁决金额“{value}”不是有效金额", code="validation")
    return amount


def awarded_items(data: Mapping[str, Any], claims: Iterable[tuple[str, Decimal | None]]
                  ) -> tuple[list[ClaimItem], bool]:
    """The awarded items from the event's data ("items": [{"claim_type", "amount"}]), or
    the case's claims as an estimate; the flag says it is an estimate."""
    given = data.get("items")
    if isinstance(given, list) and given:
        items = [ClaimItem(str(i.get("claim_type", "other")), _amount(i.get("amount")))
                 for i in given if isinstance(i, Mapping)]
        return items, False
    return [ClaimItem(t, a) for t, a in claims], True


def _wage_words(wage: MinimumWage | None, test: FinalAwardTest) -> str:
    if wage is None:
        return "没有本地在裁决日施行的最低工资标准，无法计算终局裁决限额"
    state = "已核实" if wage.verified else "未经核实"
    return (f"限额为当地月最低工资标准12个月金额{test.limit}元；所用标准：{wage.city} "
            f"{wage.monthly}元/月，{wage.effective_on.year}年{wage.effective_on.month}月"
            f"{wage.effective_on.day}日起施行，来源：{wage.source}（{state}）")


def check_award(event: str, items: Sequence[ClaimItem], wage: MinimumWage | None,
                estimated: bool) -> AwardCheck:
    """Refuse a final (or mixed) award the items do not support, offering what they do
    support; otherwise the notes the clerk should read where the award is recorded."""
    declared = AWARD_KINDS[event]
    test = classify_award(items, wage)
    words = _wage_words(wage, test)
    failing = [i for i in test.items if not i.final]
    if declared == AwardKind.FINAL and test.kind != AwardKind.FINAL:
        reasons = "；".join(f"{i.claim_type}：{i.reason}" for i in failing) or "没有裁决事项"
        offer = "、".join(KIND_WORDS[k] for k in (AwardKind.MIXED, AwardKind.NON_FINAL)
                         if k == AwardKind.NON_FINAL or test.kind == AwardKind.MIXED)
        raise AppError(f"不能作为终局裁决记录：{reasons}（{test.basis}）。{words}。可记录为{offer}"
                       + (f"。{ESTIMATED}" if estimated else ""), code="transition_refused")
    if declared == AwardKind.MIXED and test.kind != AwardKind.MIXED:
        what = "各项均符合终局裁决条件" if test.kind == AwardKind.FINAL else "没有符合终局裁决条件的事项"
        raise AppError(f"不能作为部分终局裁决记录：{what}（{test.basis}）。{words}。"
                       f"可记录为{KIND_WORDS[test.kind]}"
                       + (f"。{ESTIMATED}" if estimated else ""), code="transition_refused")
    notes = [f"终局裁决判断：{KIND_WORDS[test.kind]}。{words}", *test.warnings]
    if declared == AwardKind.NON_FINAL and test.kind == AwardKind.FINAL:
        notes.append("各项均在第四十七条终局裁决范围内，依法应为终局裁决；"
                     "裁决书未载明的，按终局裁决处理（《解释（一）》第十九条）")
    if wage is not None and not wage.verified:
        notes.append(SHIPPED_NOTE)
    if estimated:
        notes.append(ESTIMATED)
    return AwardCheck(test, wage, tuple(notes))
