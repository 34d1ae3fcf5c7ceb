"""Case search through an index for every term length, with LIKE's results.

SQLite: 3+ character terms are phrase queries on the FTS5 trigram index `case_search`; 1-2
character ones, which trigram cannot find, are phrase queries on `case_search_chars`, an FTS5
index over search_text with one token per character (`char_tokens`), so 王伟 is the phrase
"738b 4f1f" and adjacency is kept. PostgreSQL: ILIKE served by a pg_trgm GIN index for 3+
characters, and `md_search_grams(search_text) @> ARRAY[lower(term)]` (a GIN index on the
distinct 1-2 character substrings) for shorter terms. Both give exactly the rows a LIKE scan of
search_text gives (tested against one). User text never reaches MATCH unquoted.

The count of a search stops at COUNT_CAP, as desktop search does ("1,000 件以上，请输入更多字"):
counting every hit of a common character read its whole index list, growing with the database;
the rows (any page, any order) are still all the matches.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, select, text
from sqlmodel import Session, col
from sqlmodel import select as select_one
from sqlmodel.sql.expression import SelectOfScalar

from app.models import Case, Party
from app.models.case import char_token

MAX_TERMS = 8
MAX_TERM_LENGTH = 100
COUNT_CAP = 1000  # a search's count stops here: SearchPlan.capped, "1,000 件以上"


def search_terms(query: str) -> list[str]:
    """Whitespace-separated terms, control characters dropped, bounded in number and size."""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in query)
    terms = [t[:MAX_TERM_LENGTH] for t in cleaned.split() if t]
    return terms[:MAX_TERMS]


def fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def chars_phrase(term: str) -> str:
    """A term as a phrase on case_search_chars; tokens are [0-9a-f]+ or one ASCII letter."""
    return '"' + " ".join(char_token(ch) for ch in term) + '"'


def short(term: str) -> bool:
    return len(term) < 3


def _sqlite_matches(term: str, i: int) -> Select[Any]:
    """The rowids of the cases whose search text contains the term, from an FTS5 index."""
    index, phrase = (("case_search_chars", chars_phrase(term)) if short(term)
                     else ("case_search", fts_phrase(term)))
    return select(literal_column("rowid")).select_from(text(index)).where(
        text(f"{index} MATCH :q{i}").bindparams(**{f"q{i}": phrase}))


def _pg_match(term: str, i: int) -> ColumnElement[bool]:
    """The condition on dispute_case that a PostgreSQL GIN index serves (migration 0006)."""
    if short(term):  # the same expression as the index case_search_grams
        return text(f"md_search_grams(search_text) @> ARRAY[lower(:g{i})]").bindparams(
            **{f"g{i}": term})  # type: ignore[return-value]
    return col(Case.search_text).ilike(like_pattern(term), escape="\\")


def search_condition(query: str, dialect: str, *,
                     by_date: bool = False) -> ColumnElement[bool] | None:
    """A WHERE condition on dispute_case matching every term (AND), or None for no terms.

    `by_date` (SQLite): test each case against the set of matches instead of fetching the
    matches one by one, so the page is read along the date index (see walk_by_date)."""
    terms = search_terms(query)
    if not terms:
        return None
    parts: list[ColumnElement[bool]] = []
    for i, term in enumerate(terms):
        if dialect == "sqlite":
            # `id + 0` is not the primary key to SQLite's planner: it cannot drive the query.
            case_id = col(Case.id) + 0 if by_date else col(Case.id)
            parts.append(case_id.in_(_sqlite_matches(term, i)))
        elif short(term):
            # The set of matches read from the index, fenced off by OFFSET 0: as a filter on
            # rows read along the date index, the planner would run the costly function
            # (about 40 µs) on every row instead.
            parts.append(col(Case.id).in_(select(literal_column("id")).select_from(
                text("dispute_case")).where(_pg_match(term, i)).offset(0)))
        else:
            parts.append(_pg_match(term, i))
    return and_(*parts)


def search_count(query: str, dialect: str, limit: int) -> SelectOfScalar[int] | None:
    """The number of matches counted in the index alone, up to `limit`, when the query is one
    term (None otherwise: count the cases with search_condition)."""
    terms = search_terms(query)
    if len(terms) != 1:
        return None
    if dialect == "sqlite":
        return select_one(func.count()).select_from(
            _sqlite_matches(terms[0], 0).limit(limit).subquery())
    return select_one(func.count()).select_from(
        select(literal_column("1")).select_from(Case).where(_pg_match(terms[0], 0))
        .limit(limit).subquery())


@dataclass(frozen=True)
class SearchPlan:
    condition: ColumnElement[bool] | None  # on dispute_case; None: no search terms
    total: int | None  # the number of matches, counted in the index; None: count the cases
    capped: bool = False  # more than `total` (= COUNT_CAP) match


def plan_search(s: Session, query: str, dialect: str, *, alone: bool, date_order: bool,
                rows: int) -> SearchPlan:
    """How to search: `alone` when no other filter applies (the index then gives the count),
    `date_order` when the page is sorted by date, `rows` = offset + limit of the page."""
    condition = search_condition(query, dialect)
    if condition is not None and dialect == "postgresql":
        # The planner prices ILIKE on Chinese text (lower-casing every row) far too cheap and
        # picks a table scan for a common term (about 5× slower at 10,000 cases, growing with
        # the table); every term has an index path, so forbid the scan for this transaction.
        s.connection().exec_driver_sql("SET LOCAL enable_seqscan = off")
    if condition is None or not alone or len(search_terms(query)) != 1:
        return SearchPlan(condition, None)
    walk = dialect == "sqlite" and date_order
    cases = (s.exec(select_one(func.max(Case.id))).one() or 0) if walk else 0
    # Counted far enough to show the count (COUNT_CAP) and to choose the page's plan: past
    # walk_threshold matches, walk_by_date says yes whatever the exact number.
    limit = max(COUNT_CAP, walk_threshold(rows, cases) if walk else 0) + 1
    counted = search_count(query, dialect, limit)
    assert counted is not None
    found = s.exec(counted).one()
    if walk and walk_by_date(found, rows, cases):
        condition = search_condition(query, dialect, by_date=True)
    return SearchPlan(condition, min(found, COUNT_CAP), found > COUNT_CAP)


def walk_by_date(hits: int, rows: int, cases: int) -> bool:
    """Whether a page of `rows` (offset + limit) in date order is cheaper read along the date
    index, testing each case against the set of the `hits` matches (about rows × cases / hits
    index entries read), than fetched match by match and sorted (about `hits` row reads, each
    some 64 times the cost of an index entry: measured on SQLite 3.40)."""
    return hits * hits * 64 > rows * cases


def walk_threshold(rows: int, cases: int) -> int:
    """The fewest hits for which walk_by_date(hits, rows, cases) holds."""
    return math.isqrt(rows * cases // 64) + 1 if rows * cases >= 64 else 1


def capped_count(s: Session, conditions: list[ColumnElement[bool]]) -> tuple[int, bool]:
    """The cases matching `conditions` (a search among other filters), counted up to
    COUNT_CAP: (count, whether more match)."""
    found = s.exec(select_one(func.count()).select_from(
        select(literal_column("1")).select_from(Case).where(*conditions)
        .limit(COUNT_CAP + 1).subquery())).one()
    return min(found, COUNT_CAP), found > COUNT_CAP


def build_search_text(case: Case, parties: list[Party] | list[Any]) -> str:
    """What a clerk may type to find a case: number, names, ID numbers, phones, summary…"""
    pieces = [case.case_no, case.city, case.district, case.platform, case.occupation,
              case.summary]
    for p in parties:
        pieces += [p.name, p.id_number, p.phone, p.credit_code]
    return " ".join(x for x in pieces if x)
