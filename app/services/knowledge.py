"""Policy knowledge and work-time analysis as use cases (the pure core is app/knowledge)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.errors import AppError
from app.knowledge.errors import KnowledgeError
from app.knowledge.library import PolicyLibrary
from app.knowledge.order_import import read_order_file
from app.knowledge.policies import cite, policy_status, status_text
from app.knowledge.vocab import Topic
from app.knowledge.worktime import WorkTimeReport, analyse_orders, rest_rule_for
from app.services.context import ServiceContext
from app.workflow.calendar import HolidayCalendar

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


class KnowledgeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._library: PolicyLibrary | None = None

    @property
    def library(self) -> PolicyLibrary:
        if self._library is None:
            self._library = PolicyLibrary.builtin()
        return self._library

    def search(self, text: str = "", *, city: str | None = None, topic: str | None = None,
               limit: int = 50) -> list[PolicyHit]:
        today = self.ctx.today()
        topics = []
        if topic:
            try:
                topics = [Topic(topic)]
            except ValueError:
                raise AppError(f"没有“{topic}”这个主题，可选：{'、'.join(t.value for t in Topic)}",
                               code="unknown_topic") from None
        hits = []
        if text.strip():
            found = self.library.search(text, jurisdiction=city, topics=topics, today=today,
                                        limit=limit)
            pairs = [(h.policy, h.article, h.snippet) for h in found]
        else:
            pairs = [(p, a, a.text[:60]) for p in self.library.filter(jurisdiction=city)
                     for a in p.articles if not topics or set(topics) & set(a.topics)][:limit]
        for policy, article, snippet in pairs:
            hits.append(PolicyHit(policy.id, policy.title, policy_status(policy, today).value,
                                  status_text(policy, today),
                                  article.label if article else "",
                                  cite(policy, article.key) if article else f"《{policy.title}》",
                                  snippet))
        return hits

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
