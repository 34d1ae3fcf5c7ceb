"""Policy documents (地方政策): data model, status on a given day, citation text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from app.knowledge.vocab import RightId, Strength, Topic

UNKNOWN_PROVINCE = "未载明省份"
DEFAULT_EXPIRING_DAYS = 60


class JurisdictionLevel(StrEnum):
    CITY = "city"
    PROVINCE = "province"


@dataclass(frozen=True)
class Jurisdiction:
    level: JurisdictionLevel
    name: str | None  # None when the text does not say (002 names no province)
    province: str | None

    @property
    def display_name(self) -> str:
        return self.name or UNKNOWN_PROVINCE


@dataclass(frozen=True)
class PolicyDates:
    issued: date | None
    effective: date | None
    expires: date | None
    placeholder: bool  # the text has "2025年X月X日"-style blanks: an unfinished draft
    source_text: str | None


@dataclass(frozen=True)
class RightRef:
    """An article's statement about one right of the checklist."""

    right: RightId
    strength: Strength
    categories: tuple[str, ...]  # RelationshipCategory values it covers; empty = all
    params: dict[str, Any] = field(hash=False)  # a dict: left out of the hash, still compared
    note: str | None = None


@dataclass(frozen=True)
class Section:
    key: str
    label: str | None
    title: str
    parent: str | None


@dataclass(frozen=True)
class Article:
    key: str
    label: str  # as numbered in the source: "第十四条", "（四）", "三（十一）", "6．"
    cite_label: str  # used after the title in a citation: "第十四条", "第（四）项", "第六条"
    section: str | None
    heading: str | None
    text: str
    topics: tuple[Topic, ...]
    rights: tuple[RightRef, ...]

    def right_ref(self, right: RightId) -> RightRef | None:
        return next((r for r in self.rights if r.right == right), None)


@dataclass(frozen=True)
class Policy:
    id: str
    title: str
    issuers: tuple[str, ...]
    interpreting_body: str | None
    document_number: str | None
    dates: PolicyDates
    jurisdiction: Jurisdiction
    sections: tuple[Section, ...]
    articles: tuple[Article, ...]
    notes: tuple[str, ...]
    source_file: str | None
    local: bool = False  # imported by the organisation, not shipped

    def article(self, key: str) -> Article:
        for a in self.articles:
            if a.key == key:
                return a
        raise KeyError(f"{self.id} has no article {key!r}")

    def articles_for(self, right: RightId) -> list[tuple[Article, RightRef]]:
        return [(a, r) for a in self.articles for r in a.rights if r.right == right]


class PolicyStatus(StrEnum):
    DRAFT = "draft"
    NOT_YET_IN_FORCE = "not_yet_in_force"
    IN_FORCE = "in_force"
    EXPIRING_SOON = "expiring_soon"
    EXPIRED = "expired"
    UNKNOWN_DATES = "unknown_dates"


STATUS_LABELS: dict[PolicyStatus, str] = {
    PolicyStatus.DRAFT: "草案（日期未填写）",
    PolicyStatus.NOT_YET_IN_FORCE: "尚未施行",
    PolicyStatus.IN_FORCE: "现行有效",
    PolicyStatus.EXPIRING_SOON: "即将到期",
    PolicyStatus.EXPIRED: "已失效",
    PolicyStatus.UNKNOWN_DATES: "日期不明",
}


def start_date(policy: Policy) -> date | None:
    """The day the policy applies from: its effective date, else (none stated) its issue date."""
    return policy.dates.effective or policy.dates.issued


def policy_status(
    policy: Policy, today: date, expiring_within_days: int = DEFAULT_EXPIRING_DAYS
) -> PolicyStatus:
    """Status on `today`; the expiry day itself is still in force ("有效期限截止…")."""
    dates = policy.dates
    if dates.placeholder:
        return PolicyStatus.DRAFT
    start = start_date(policy)
    if start is None and dates.expires is None:
        return PolicyStatus.UNKNOWN_DATES
    if start is not None and today < start:
        return PolicyStatus.NOT_YET_IN_FORCE
    if dates.expires is not None:
        if today > dates.expires:
            return PolicyStatus.EXPIRED
        if dates.expires - today <= timedelta(days=expiring_within_days):
            return PolicyStatus.EXPIRING_SOON
    return PolicyStatus.IN_FORCE


def status_text(
    policy: Policy, today: date, expiring_within_days: int = DEFAULT_EXPIRING_DAYS
) -> str:
    """A sentence for the GUI, e.g. "即将到期（2026年12月21日届满，还有28天）"."""
    status = policy_status(policy, today, expiring_within_days)
    expires = policy.dates.expires
    if status == PolicyStatus.EXPIRING_SOON and expires is not None:
        left = (expires - today).days
        return f"即将到期（{chinese_date(expires)}届满，还有{left}天）"
    if status == PolicyStatus.EXPIRED and expires is not None:
        return f"已失效（{chinese_date(expires)}届满）"
    if status == PolicyStatus.DRAFT and policy.dates.source_text:
        return f"草案（日期未填写：{policy.dates.source_text}）"
    return STATUS_LABELS[status]


def chinese_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def cite(policy: Policy, article: Article | str) -> str:
    """《标题》（文号）条目, e.g. 《西宁市…具体措施》（宁政办〔2022〕41号）第六条.

    The document number is added when the text states one (001, 003, 004): that is how a
    normative document is usually cited and it tells apart documents with similar titles.
    """
    art = policy.article(article) if isinstance(article, str) else article
    number = f"（{policy.document_number}）" if policy.document_number else ""
    return f"《{policy.title}》{number}{art.cite_label}"
