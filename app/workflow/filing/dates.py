"""The date a filing is made on, checked against the deadline it must meet (pure rules).

A filing dated before the event it depends on cannot be (refused); one dated after its
deadline is late (warned, with the rule's article): 司法确认 within 30 days of the agreement
taking effect (民诉法 art 205), 仲裁审查 within 15 days (办案规则 art 74), arbitration within
the one-year limitation (调解仲裁法 art 27), a suit within 15 days of the award's service
(arts 48, 50), revocation within 30 days (art 49), enforcement within two years (民诉法 art 250).
The deadlines are the case's stored ones (app/workflow/case_deadlines.py derives them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from app.workflow.calendar import date_zh
from app.workflow.events import kind_label

# The deadline rules a filing of each kind must meet (app/workflow/deadline_rules.py).
RULES_OF: dict[str, tuple[str, ...]] = {
    "judicial_confirmation": ("confirmation.apply",),
    "arbitration_review": ("review.apply",),
    "arbitration": ("limitation", "limitation.wages"),
    "lawsuit": ("award.final.worker_sue", "award.nonfinal.sue", "award.revoked.sue",
                "award.unenforced.sue"),
    "award_revocation": ("award.final.employer_revoke", "award.final.revoke_after_refusal",
                         "award.final.revoke_after_suit"),
    "enforcement": ("enforcement.apply",),
}
# The event a filing cannot precede, when no deadline row names it yet.
DEPENDS_ON: dict[str, str] = {
    "judicial_confirmation": "agreement.effective", "arbitration_review": "agreement.effective",
    "payment_order": "agreement.effective", "award_revocation": "award.final",
    "enforcement": "agreement.effective",
}


@dataclass(frozen=True)
class StoredDeadline:
    rule_id: str
    title: str
    trigger_kind: str
    trigger_date: date
    due: date | None
    basis: str


@dataclass(frozen=True)
class DateCheck:
    errors: tuple[str, ...]  # the date cannot be right: nothing is written
    warnings: tuple[str, ...]  # late (or in the future): written, and said

    @property
    def ok(self) -> bool:
        return not self.errors


def check_filing_date(filing_kind: str, filed_on: date, today: date,
                      deadlines: Sequence[StoredDeadline],
                      events: Mapping[str, date] | None = None,
                      received_on: date | None = None) -> DateCheck:
    """Errors and warnings, in Chinese, for a filing of `filing_kind` dated `filed_on`."""
    errors: list[str] = []
    warnings: list[str] = []
    day = date_zh(filed_on)
    if received_on is not None and filed_on < received_on and filing_kind != "arbitration":
        errors.append(f"申请日期{day}早于本案收到调解申请之日（{date_zh(received_on)}），请核对")
    rules = RULES_OF.get(filing_kind, ())
    rows = [d for d in deadlines if d.rule_id in rules]
    for row in rows:
        if filed_on < row.trigger_date and row.rule_id not in ("limitation", "limitation.wages"):
            errors.append(f"申请日期{day}早于{kind_label(row.trigger_kind)}之日"
                          f"（{date_zh(row.trigger_date)}），请核对")
        elif row.due is not None and filed_on > row.due:
            warnings.append(f"已超过{row.title}的期限（{date_zh(row.due)}届满，{row.basis}），"
                            f"申请日期为{day}；请核对是否有中断、中止或者顺延的事由")
    depends = DEPENDS_ON.get(filing_kind)
    if depends and not any(r.trigger_kind == depends for r in rows):
        when = (events or {}).get(depends)
        if when is None:
            warnings.append(f"本案尚未记录{kind_label(depends)}，无法核对申请期限")
        elif filed_on < when:
            errors.append(f"申请日期{day}早于{kind_label(depends)}之日（{date_zh(when)}），请核对")
    if filed_on > today:
        warnings.append(f"申请日期{day}晚于今天（{date_zh(today)}），请核对")
    return DateCheck(tuple(dict.fromkeys(errors)), tuple(dict.fromkeys(warnings)))
