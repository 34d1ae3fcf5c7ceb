"""Rights check (权益核查): each right of DOMAIN.md §2 against the case's own local policy."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache

from app.knowledge import rights_checks, rights_checks_cover  # noqa: F401  (they register checks)
from app.knowledge.library import PolicyLibrary
from app.knowledge.questions import Answers
from app.knowledge.rights_base import (
    CHECKS,
    FINDING_STATUS_LABELS,
    LABOUR_STANDARDS,
    NO_LOCAL_POLICY,
    NO_LOCAL_RULE,
    Citation,
    Context,
    Finding,
    FindingStatus,
    MinimumWageStandard,
    Outcome,
    SuggestedClaim,
    WageStandard,
)
from app.knowledge.vocab import RightId
from app.knowledge.worktime import WorkTimeReport
from app.models.enums import RelationshipCategory


@lru_cache(maxsize=1)
def _builtin_library() -> PolicyLibrary:
    return PolicyLibrary.builtin()



def check_rights(
    answers: Answers | Mapping[str, object],
    jurisdiction: str | None,
    category: RelationshipCategory,
    minimum_wage: WageStandard | None = None,
    *,
    today: date | None = None,
    worktime: WorkTimeReport | None = None,
    library: PolicyLibrary | None = None,
    rights: tuple[RightId, ...] | None = None,
) -> list[Finding]:
    """One Finding per right, in checklist order.

    jurisdiction: the case's city ("淄博市" or "淄博"), a policy id, or "未载明省份" for file 002;
    another place has no local rules. worktime: figures from an order log fill unanswered
    questions (the user's answers win). today: the day policy status and the 30 days count to.
    """
    given = answers if isinstance(answers, Answers) else Answers(answers)
    if worktime is not None:
        given = given.merged(worktime.rights_answers())
    lib = library or _builtin_library()
    ctx = Context(
        given, lib.for_place(jurisdiction), category, minimum_wage, today or date.today(), worktime
    )
    result = []
    for right in rights or tuple(RightId):
        if category == RelationshipCategory.CIVIL and right in LABOUR_STANDARDS:
            outcome = Outcome(
                FindingStatus.NOT_APPLICABLE,
                "个人依托平台自主开展经营活动的，按照民事法律调整双方权利义务，"
                "劳动基准不适用；如实际受平台劳动管理，应先确认关系类别。",
            )
            result.append(ctx.finding(right, outcome))
            continue
        result.append(ctx.finding(right, CHECKS[right](ctx)))
    return result


__all__ = ["FINDING_STATUS_LABELS", "NO_LOCAL_POLICY", "NO_LOCAL_RULE", "Citation", "Finding",
           "FindingStatus", "MinimumWageStandard", "SuggestedClaim", "WageStandard",
           "check_rights"]
