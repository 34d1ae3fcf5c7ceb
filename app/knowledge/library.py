"""Policies in use (shipped + imported): jurisdiction lookup, filters, full-text search."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.knowledge.policies import (
    DEFAULT_EXPIRING_DAYS,
    UNKNOWN_PROVINCE,
    Article,
    Policy,
    PolicyStatus,
    policy_status,
)
from app.knowledge.policy_file import load_builtin_policies
from app.knowledge.vocab import Topic

SNIPPET_CHARS = 24
_SUFFIXES = ("维吾尔自治区", "回族自治区", "壮族自治区", "自治区", "省", "市")


@dataclass(frozen=True)
class SearchHit:
    policy: Policy
    article: Article | None  # None: the policy's title matched
    tier: int  # 0 policy title, 1 article heading or section title, 2 article text
    count: int  # occurrences of the terms
    snippet: str


def normalise(text: str) -> str:
    """Fold width and case and drop whitespace, so "4小时" finds the source's "超 4 小时"."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if not ch.isspace())


class _Indexed:
    """One searchable string with a map back to the original for snippets."""

    def __init__(self, text: str) -> None:
        self.original = text
        chars: list[str] = []
        back: list[int] = []
        for i, ch in enumerate(text):
            for out in normalise(ch):
                chars.append(out)
                back.append(i)
        self.norm = "".join(chars)
        self.back = back

    def count(self, term: str) -> int:
        return self.norm.count(term)

    def snippet(self, term: str) -> str:
        pos = self.norm.find(term)
        if pos < 0:
            return self.original[: SNIPPET_CHARS * 2]
        start = self.back[pos]
        end = self.back[pos + len(term) - 1] + 1
        lo, hi = max(0, start - SNIPPET_CHARS), min(len(self.original), end + SNIPPET_CHARS)
        text = self.original[lo:hi].replace("\n", " ")
        return ("…" if lo else "") + text + ("…" if hi < len(self.original) else "")


def place_key(name: str) -> str:
    """ "乌鲁木齐市" and "乌鲁木齐" are the same place; "新疆维吾尔自治区" → "新疆"."""
    name = normalise(name)
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


class PolicyLibrary:
    def __init__(self, policies: Iterable[Policy]) -> None:
        self.policies: tuple[Policy, ...] = tuple(policies)
        ids = [p.id for p in self.policies]
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate policy ids: {ids}")
        # A few hundred articles: a substring scan over pre-normalised text is instant and,
        # unlike a trigram index, finds 1- and 2-character terms (休息, 押金).
        self._title = {p.id: _Indexed(p.title) for p in self.policies}
        self._head = {
            (p.id, a.key): _Indexed(_heading_text(p, a)) for p in self.policies for a in p.articles
        }
        self._body = {(p.id, a.key): _Indexed(a.text) for p in self.policies for a in p.articles}

    @classmethod
    def builtin(cls, extra: Iterable[Policy] = ()) -> PolicyLibrary:
        return cls([*load_builtin_policies(), *extra])

    def get(self, policy_id: str) -> Policy:
        for p in self.policies:
            if p.id == policy_id:
                return p
        raise KeyError(policy_id)

    def for_place(self, place: str | None) -> list[Policy]:
        """Policies of a city or province name, a policy id, or "未载明省份" (file 002)."""
        if not place or not place.strip():
            return []
        place = place.strip()
        found = [p for p in self.policies if p.id == place]
        if found:
            return found
        if place == UNKNOWN_PROVINCE:
            return [p for p in self.policies if p.jurisdiction.name is None]
        key = place_key(place)
        return [
            p
            for p in self.policies
            if p.jurisdiction.name is not None and place_key(p.jurisdiction.name) == key
        ]

    def filter(
        self,
        *,
        jurisdiction: str | None = None,
        topics: Iterable[Topic] = (),
        statuses: Iterable[PolicyStatus] = (),
        today: date | None = None,
        expiring_within_days: int = DEFAULT_EXPIRING_DAYS,
    ) -> list[Policy]:
        policies = list(self.for_place(jurisdiction) if jurisdiction else self.policies)
        wanted_status = set(statuses)
        if wanted_status:
            if today is None:
                raise ValueError("filtering by status needs today")
            policies = [
                p
                for p in policies
                if policy_status(p, today, expiring_within_days) in wanted_status
            ]
        wanted_topics = set(topics)
        if wanted_topics:
            policies = [
                p for p in policies if any(wanted_topics & set(a.topics) for a in p.articles)
            ]
        return policies

    def search(
        self,
        query: str,
        *,
        jurisdiction: str | None = None,
        topics: Iterable[Topic] = (),
        statuses: Iterable[PolicyStatus] = (),
        today: date | None = None,
        limit: int | None = None,
    ) -> list[SearchHit]:
        """Articles (and policy titles) containing every term of `query`; title hits first."""
        terms = [t for t in (normalise(w) for w in query.split()) if t]
        wanted_topics = set(topics)
        hits: list[tuple[int, int, int, int, SearchHit]] = []
        policies = self.filter(jurisdiction=jurisdiction, statuses=statuses, today=today)
        for p_order, p in enumerate(policies):
            title = self._title[p.id]
            if terms and not wanted_topics and all(title.count(t) for t in terms):
                n = sum(title.count(t) for t in terms)
                hits.append((0, -n, p_order, -1, SearchHit(p, None, 0, n, p.title)))
            for a_order, a in enumerate(p.articles):
                if wanted_topics and not wanted_topics & set(a.topics):
                    continue
                head, body = self._head[(p.id, a.key)], self._body[(p.id, a.key)]
                if not terms:
                    hits.append((2, 0, p_order, a_order, SearchHit(p, a, 2, 0, body.snippet(""))))
                    continue
                if not all(head.count(t) or body.count(t) for t in terms):
                    continue
                tier = 1 if any(head.count(t) for t in terms) else 2
                n = sum(head.count(t) + body.count(t) for t in terms)
                snippet = body.snippet(terms[0])
                hits.append((tier, -n, p_order, a_order, SearchHit(p, a, tier, n, snippet)))
        hits.sort(key=lambda h: h[:4])
        result = [h[4] for h in hits]
        return result[:limit] if limit is not None else result


def _heading_text(policy: Policy, article: Article) -> str:
    section = next((s.title for s in policy.sections if s.key == article.section), "")
    return f"{section} {article.heading or ''}"
