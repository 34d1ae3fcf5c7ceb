"""What the rights checks are made of: findings, citations, the check context and the registry.

Kept apart from `rights.py` so the check modules register themselves here without importing
the entry point that imports them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Protocol

from app.knowledge.national import cite_national
from app.knowledge.policies import (
    Article,
    Policy,
    PolicyStatus,
    RightRef,
    cite,
    policy_status,
    status_text,
)
from app.knowledge.questions import Answers
from app.knowledge.vocab import RIGHT_TITLES, RightId, Strength
from app.knowledge.worktime import WorkTimeReport
from app.models.enums import ClaimType, RelationshipCategory

NO_LOCAL_RULE = "本地政策无此项规定"
BINDING_STATUSES = frozenset(
    {PolicyStatus.IN_FORCE, PolicyStatus.EXPIRING_SOON, PolicyStatus.UNKNOWN_DATES}
)
NO_LOCAL_POLICY = "本地政策无此项规定（未收录该地的新就业形态劳动者权益保障政策）"


class FindingStatus(StrEnum):
    BREACH = "breach"
    POSSIBLE_BREACH = "possible_breach"
    NO_BREACH = "no_breach"
    NOT_ENOUGH_DATA = "not_enough_data"
    # Category ③ (civil law) or a rule that only exists elsewhere: the right does not apply.
    NOT_APPLICABLE = "not_applicable"


FINDING_STATUS_LABELS: dict[FindingStatus, str] = {
    FindingStatus.BREACH: "违反",
    FindingStatus.POSSIBLE_BREACH: "可能违反",
    FindingStatus.NO_BREACH: "未发现违反",
    FindingStatus.NOT_ENOUGH_DATA: "信息不足",
    FindingStatus.NOT_APPLICABLE: "不适用",
}


class WageStandard(Protocol):
    """A local minimum wage; app.workflow.final_award.MinimumWage fits."""

    @property
    def monthly(self) -> Decimal: ...

    @property
    def hourly(self) -> Decimal: ...


@dataclass(frozen=True)
class MinimumWageStandard:
    monthly: Decimal
    hourly: Decimal


@dataclass(frozen=True)
class Citation:
    source_id: str  # policy id, or national law id when `national`
    article_key: str
    text: str  # ready to print: 《…》第十四条
    national: bool = False
    policy_status: PolicyStatus | None = None
    note: str | None = None  # what the article does and does not say about this right


@dataclass(frozen=True)
class SuggestedClaim:
    claim_type: ClaimType
    amount: Decimal | None
    text: str


@dataclass(frozen=True)
class Finding:
    right: RightId
    title: str
    status: FindingStatus
    found: str
    citations: tuple[Citation, ...]  # from the case's own jurisdiction only
    national_citations: tuple[Citation, ...]
    note: str | None  # "本地政策无此项规定" when the jurisdiction has no such rule
    claim: SuggestedClaim | None
    missing: tuple[str, ...] = ()  # question keys whose answers would settle the point


# Rights whose national basis applies to category ① (labour relationship) wherever the case is.
NATIONAL_BASIS: dict[RightId, tuple[tuple[str, str], ...]] = {
    RightId.MINIMUM_WAGE: (("labour_law", "48"),),
    RightId.PAY_CYCLE: (("labour_law", "50"),),
    RightId.WAGE_ARREARS: (("labour_law", "50"),),
    RightId.DEDUCTIONS: (("labour_law", "50"),),
    RightId.HOLIDAY_PAY: (("labour_law", "44"),),
    RightId.SOCIAL_INSURANCE_REGISTRATION: (("social_insurance_law", "58"),),
    RightId.WORK_INJURY: (("social_insurance_law", "33"),),
}
# National rules cited where the case's own place has no binding local rule on the right (none,
# or only drafts and expired texts): (law, article, categories it covers, binding). A guiding
# case is followed by the courts but binds no one by itself, so it never makes a breach certain.
FALLBACK_BASIS: dict[RightId, tuple[tuple[str, str, frozenset[str], bool], ...]] = {
    RightId.DEPOSITS: (("labour_contract_law", "9", frozenset({"1"}), True),
                       ("labour_contract_law", "84", frozenset({"1"}), True)),
    RightId.PAY_CYCLE: (("wage_payment_rules", "7", frozenset({"1"}), True),),
    # Most telling when the case was put in category ③ because of the registration.
    RightId.INDIVIDUAL_BUSINESS: (
        ("spc_guiding_case_238", "whole", frozenset({"1", "2", "3", "undetermined"}), False),),
}
# Labour standards: not applicable to category ③ (independent business, civil law).
LABOUR_STANDARDS = frozenset(
    {
        RightId.REST_BREAK,
        RightId.PAY_CYCLE,
        RightId.MINIMUM_WAGE,
        RightId.HOLIDAY_PAY,
        RightId.WEATHER_NIGHT_SUBSIDY,
        RightId.WAGE_ARREARS,
        RightId.DEDUCTIONS,
        RightId.SOCIAL_INSURANCE_REGISTRATION,
        RightId.WORK_INJURY,
        RightId.FIRST_ORDER_PLATFORM,
        RightId.WORKLOAD_QUOTA,
    }
)


@dataclass(frozen=True)
class Outcome:
    """What a check concluded before the legal basis is weighed (see Context.finding)."""

    status: FindingStatus
    found: str
    claim: SuggestedClaim | None = None
    missing: tuple[str, ...] = ()
    # National articles this particular finding rests on (law id, article key), binding.
    national: tuple[tuple[str, str], ...] = ()


@dataclass
class Context:
    answers: Answers
    policies: list[Policy]
    category: RelationshipCategory
    minimum_wage: WageStandard | None
    today: date
    worktime: WorkTimeReport | None
    place_known: bool = field(default=True)

    def local(self, right: RightId) -> list[tuple[Policy, Article, RightRef]]:
        """Articles of the case's own jurisdiction on `right` that cover its category."""
        result = []
        for p in self.policies:
            for article, ref in p.articles_for(right):
                if (
                    not ref.categories
                    or self.category == RelationshipCategory.UNDETERMINED
                    or self.category.value in ref.categories
                ):
                    result.append((p, article, ref))
        return result

    def duty_params(self, right: RightId) -> dict[str, object]:
        for _, _, ref in self.local(right):
            if ref.strength == Strength.DUTY and ref.params:
                return ref.params
        return {}

    def finding(self, right: RightId, outcome: Outcome) -> Finding:
        local = self.local(right)
        labour = self.category == RelationshipCategory.LABOUR
        refs = [(law, key) for law, key in NATIONAL_BASIS.get(right, ()) if labour]
        refs += [r for r in outcome.national if r not in refs]
        binding_local = any(policy_status(p, self.today) in BINDING_STATUSES for p, _, _ in local)
        fallback = [] if binding_local else [
            (law, key, binding) for law, key, categories, binding in FALLBACK_BASIS.get(right, ())
            if self.category.value in categories and (law, key) not in refs]
        national = tuple(Citation(law, key, cite_national(law, key), national=True)
                         for law, key in refs) + tuple(
            Citation(law, key, cite_national(law, key), national=True,
                     note=None if binding else "指导性案例，供参照")
            for law, key, binding in fallback)
        binding_national = bool(refs) or any(binding for _, _, binding in fallback)
        citations = tuple(
            Citation(p.id, a.key, cite(p, a), False, policy_status(p, self.today), ref.note)
            for p, a, ref in local
        )
        notes = [n for n in dict.fromkeys(ref.note for _, _, ref in local) if n]
        if not local:
            notes.insert(0, NO_LOCAL_RULE if self.policies else NO_LOCAL_POLICY)
        for p in {p.id: p for p, _, _ in local}.values():
            if policy_status(p, self.today) not in (
                PolicyStatus.IN_FORCE,
                PolicyStatus.EXPIRING_SOON,
            ):
                notes.append(f"所引政策状态：{status_text(p, self.today)}")
        status = outcome.status
        # A draft or expired text binds no one: its rule can only point to a possible breach.
        has_duty = binding_national or any(
            ref.strength == Strength.DUTY and policy_status(p, self.today) in BINDING_STATUSES
            for p, _, ref in local
        )
        if status == FindingStatus.BREACH and not has_duty:
            status = FindingStatus.POSSIBLE_BREACH  # facts are adverse but no binding rule here
        if status == FindingStatus.BREACH and self.category == RelationshipCategory.UNDETERMINED:
            status = FindingStatus.POSSIBLE_BREACH
            notes.append("劳动关系类别尚未确定，结论以确定类别为前提")
        return Finding(
            right,
            RIGHT_TITLES[right],
            status,
            outcome.found,
            citations,
            national,
            "；".join(notes) or None,
            outcome.claim,
            outcome.missing,
        )


def money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), ROUND_HALF_UP)


def yuan(value: Decimal) -> str:
    return f"{money(value):,.2f}元"


CheckFn = Callable[[Context], Outcome]
CHECKS: dict[RightId, CheckFn] = {}


def check(right: RightId) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        CHECKS[right] = fn
        return fn

    return register
