"""Policy knowledge and work-time analysis as use cases (the pure core is app/knowledge)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from app.errors import AppError, NotFound
from app.knowledge.errors import KnowledgeError
from app.knowledge.library import PolicyLibrary, place_key
from app.knowledge.order_import import read_order_file
from app.knowledge.policies import (
    STATUS_LABELS,
    UNKNOWN_PROVINCE,
    Policy,
    PolicyStatus,
    cite,
    policy_status,
    status_text,
)
from app.knowledge.vocab import TOPIC_LABELS, Topic
from app.knowledge.worktime import WorkTimeReport, analyse_orders, rest_rule_for
from app.services.context import ServiceContext
from app.services.knowledge.policy_store import import_records, load_library, store_policy
from app.services.security.accounts import Permission, require_permission
from app.workflow.calendar import HolidayCalendar, date_zh

E = TypeVar("E", Topic, PolicyStatus)
DEFAULT_MAPPING = {"order_id": "订单号", "accepted_at": "接单时间", "delivered_at": "送达时间",
                   "platform": "平台"}


@dataclass(frozen=True)
class PolicyHit:
    policy_id: str
    policy_title: str
    status: str
    status_text: str
    article: str
    citation: str
    snippet: str
    article_key: str = ""  # "" when the policy's title matched, not one article


@dataclass(frozen=True)
class PolicySummary:
    id: str
    title: str
    document_number: str | None
    issuers: tuple[str, ...]
    jurisdiction: str
    status: str  # a PolicyStatus value, on ctx.today()
    status_text: str
    issued: date | None
    effective: date | None
    expires: date | None
    local: bool  # imported by the organisation
    article_count: int
    imported_by: str | None = None  # local policies: who imported the stored file
    imported_at: datetime | None = None

    @property
    def origin(self) -> str:
        """本单位导入（张三，2026年11月23日）, or 随程序提供 for a shipped policy."""
        if not self.local:
            return "随程序提供"
        if self.imported_by and self.imported_at:
            local_day = self.imported_at.astimezone().date()
            return f"本单位导入（{self.imported_by}，{date_zh(local_day)}）"
        return "本单位导入（导入人不详：文件在导入后被替换，或由旧版本导入）"


@dataclass(frozen=True)
class ArticleView:
    policy_id: str
    key: str
    label: str
    section: str  # e.g. "第三章 劳动报酬", "" when the article belongs to none
    heading: str
    text: str
    topics: tuple[str, ...]  # Chinese topic names
    citation: str


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


class KnowledgeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._library: PolicyLibrary | None = None
        self._problems: list[str] = []

    @property
    def library(self) -> PolicyLibrary:
        if self._library is None:
            self._library, self._problems = load_library(self.ctx.config)
        return self._library

    def local_problems(self) -> list[str]:
        """Why a stored local policy file was left out (edited by hand since it was imported)."""
        _ = self.library
        return list(self._problems)

    def search(self, text: str = "", *, city: str | None = None, topic: str | None = None,
               status: str | None = None, limit: int | None = 50) -> list[PolicyHit]:
        today = self.ctx.today()
        topics = [_choice(Topic, topic, "主题")] if topic else []
        statuses = [_choice(PolicyStatus, status, "状态")] if status else []
        hits = []
        if text.strip():
            found = self.library.search(text, jurisdiction=city, topics=topics,
                                        statuses=statuses, today=today, limit=limit)
            pairs = [(h.policy, h.article, h.snippet) for h in found]
        else:
            pairs = [(p, a, a.text[:60]) for p in self.library.filter(
                         jurisdiction=city, statuses=statuses, today=today)
                     for a in p.articles if not topics or set(topics) & set(a.topics)][:limit]
        for policy, article, snippet in pairs:
            hits.append(PolicyHit(policy.id, policy.title, policy_status(policy, today).value,
                                  status_text(policy, today),
                                  article.label if article else "",
                                  cite(policy, article.key) if article else f"《{policy.title}》",
                                  snippet, article.key if article else ""))
        return hits

    def policies(self) -> list[PolicySummary]:
        return [self._summary(p) for p in self.library.policies]

    def policy(self, policy_id: str) -> PolicySummary:
        return self._summary(self._get(policy_id))

    def articles(self, policy_id: str) -> list[ArticleView]:
        policy = self._get(policy_id)
        sections = {s.key: " ".join(x for x in (s.label, s.title) if x) for s in policy.sections}
        return [ArticleView(policy.id, a.key, a.label, sections.get(a.section or "", ""),
                            a.heading or "", a.text, tuple(TOPIC_LABELS[t] for t in a.topics),
                            cite(policy, a)) for a in policy.articles]

    def jurisdictions(self) -> list[Choice]:
        """Places with policies, as `city` values for search ("绍兴市", "未载明省份")."""
        seen: dict[str, Choice] = {}
        for p in self.library.policies:
            j = p.jurisdiction
            value = j.name or UNKNOWN_PROVINCE
            province = f"（{j.province}）" if j.province and j.name and j.province != j.name else ""
            seen.setdefault(place_key(value), Choice(value, j.display_name + province))
        return list(seen.values())

    def topics(self) -> list[Choice]:
        return [Choice(t.value, TOPIC_LABELS[t]) for t in Topic]

    def statuses(self) -> list[Choice]:
        return [Choice(s.value, STATUS_LABELS[s]) for s in PolicyStatus]

    def import_policy(self, path: Path) -> PolicySummary:
        """Add (or, same id, replace) an organisation's own policy; it is shared by every user,
        so it takes an administrator, like the organisation's other settings."""
        require_permission(self.ctx.role, self.ctx.user, Permission.ADMIN)
        policy = store_policy(self.ctx.config, Path(path), user=self.ctx.user)
        self._library = None  # read again, with the new file, on next use
        return self.policy(policy.id)

    def _get(self, policy_id: str) -> Policy:
        try:
            return self.library.get(policy_id)
        except KeyError:
            raise NotFound(f"没有编号为“{policy_id}”的政策，请刷新后重试") from None

    def _summary(self, p: Policy) -> PolicySummary:
        today = self.ctx.today()
        record = import_records(self.ctx.config).get(p.id) if p.local else None
        return PolicySummary(p.id, p.title, p.document_number, p.issuers,
                             p.jurisdiction.display_name, policy_status(p, today).value,
                             status_text(p, today), p.dates.issued, p.dates.effective,
                             p.dates.expires, p.local, len(p.articles),
                             record.user if record else None, record.at if record else None)

    def worktime(self, path: Path, *, city: str | None = None,
                 mapping: dict[str, str] | None = None) -> tuple[WorkTimeReport, list[str]]:
        """Analyse a platform's order export; malformed rows are reported by line number."""
        try:
            imported = read_order_file(path, mapping or DEFAULT_MAPPING)
        except KnowledgeError as exc:
            raise AppError(exc.message, code=exc.code) from exc
        rule = rest_rule_for(self.library.for_place(city)) if city else None
        calendar = HolidayCalendar()

        def holiday(day: date) -> bool:
            info = calendar.day(day)  # a statutory holiday, not an ordinary weekend
            return not info.working and bool(info.name)

        report = analyse_orders(imported.orders, rest_rule=rule, is_holiday=holiday)
        return report, [str(p) for p in imported.problems]


def _choice(enum: type[E], value: str, what: str) -> E:
    try:
        return enum(value)
    except ValueError:
        raise AppError(f"没有“{value}”这个{what}，可选：{'、'.join(e.value for e in enum)}",
                       code=f"unknown_{'topic' if enum is Topic else 'status'}") from None
