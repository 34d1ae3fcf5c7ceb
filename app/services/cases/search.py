"""Case search through an index for every term length, with LIKE's results.

SQLite: 3+ character terms are phrase queries on the FTS5 trigram index `case_search`; 1-2
character ones, which trigram cannot find, are one token of `case_search_chars`, an FTS5 index
(detail=none: rowids only) over the distinct tokens of search_text's characters and adjacent
pairs (`search_grams`, migration 0020): 张 is "5f20", 王伟 the pair "738bx4f1f" (before, the
phrase "738b 4f1f", which read both characters' whole index lists).
PostgreSQL: ILIKE (LIKE for a caseless term) served by a pg_trgm GIN index for 3+ characters,
`md_search_grams(search_text) @> ARRAY[lower(term)]` (a GIN index on the distinct 1-2
character substrings) for shorter terms, and `md_digit_grams(search_text) @> grams` (six-digit
windows, migration 0021) for a term with six digits in a row, rechecked. All give exactly the
rows a LIKE scan of search_text gives (tested against one). User text never reaches MATCH
unquoted.

One term's page in date order (the list's default) does not grow with older cases. SQLite:
both indexes' rowid is the search key (date, then id; migration 0017), so the page is the
index read from its end (sqlite_page). PostgreSQL: a common term walks case_search_date and
stops (pg_walk) and is counted in its GIN index, a rarer one is read once from its GIN index
for both the page and the count (pg_gin_page).

The count of a search stops at COUNT_CAP, as desktop search does ("1,000 件以上，请输入更多字"):
counting every hit of a common character read its whole index list, growing with the database;
the rows (any page, any order) are still all the matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Integer,
    Select,
    Text,
    TextClause,
    and_,
    any_,
    bindparam,
    func,
    literal_column,
    select,
    text,
)
from sqlmodel import Session, col
from sqlmodel import select as select_one
from sqlmodel.sql.expression import SelectOfScalar

from app.models import Case, Party
from app.models.case import SEARCH_KEY_ID_MASK, char_token, pair_token

MAX_TERMS = 8
MAX_TERM_LENGTH = 100
COUNT_CAP = 1000  # a search's count stops here: SearchPlan.capped, "1,000 件以上"
PROBE_ROWS = 300  # PostgreSQL: the newest cases whose matches say whether pg_walk may pay
WALK_ROWS = 6000  # PostgreSQL: the newest cases pg_walk reads at most


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


def chars_query(term: str) -> str:
    """A 1-2 character term as its one token on case_search_chars (`search_grams`), quoted
    (the tokens are [0-9a-z]+, but a bare "x"-joined pair must not read as a keyword)."""
    return '"' + (char_token(term) if len(term) == 1 else pair_token(term[0], term[1])) + '"'


def short(term: str) -> bool:
    return len(term) < 3


def _sqlite_index(term: str) -> tuple[str, str]:
    return (("case_search_chars", chars_query(term)) if short(term)
            else ("case_search", fts_phrase(term)))


def _sqlite_keys(term: str, i: int, *, ids: bool = True) -> Select[Any]:
    """The search keys (or, with `ids`, the case ids) of the cases whose search text contains
    the term, from an FTS5 index whose rowid is the search key (migration 0017)."""
    index, phrase = _sqlite_index(term)
    column = f"rowid & {SEARCH_KEY_ID_MASK}" if ids else "rowid"
    return select(literal_column(column)).select_from(text(index)).where(
        text(f"{index} MATCH :q{i}").bindparams(**{f"q{i}": phrase}))


def _sqlite_matches(term: str, i: int) -> Select[Any]:
    """The ids of the cases whose search text contains the term."""
    return _sqlite_keys(term, i)


def sqlite_page(term: str, *, descending: bool, offset: int, limit: int) -> TextClause:
    """The ids of one page of a term's cases in date order (received_on, then id), read off
    the index in key order: FTS5 walks the phrase's matches newest (or oldest) first and stops
    after offset + limit, however many cases match."""
    index, phrase = _sqlite_index(term)
    return text(f"SELECT rowid & {SEARCH_KEY_ID_MASK} FROM {index} WHERE {index} MATCH :q "
                f"ORDER BY rowid {'DESC' if descending else 'ASC'} LIMIT :limit OFFSET :offset"
                ).bindparams(q=phrase, limit=limit, offset=offset)


DIGIT_GRAM = 6  # md_digit_grams (migration 0021): windows of six ASCII digits
DIGIT_RUN = re.compile(f"[0-9]{{{DIGIT_GRAM},}}")


def digit_grams(term: str) -> list[str]:
    """The six-digit windows of the term's runs of six or more ASCII digits: a text holding
    the term holds each of them inside one of its own digit runs, so `md_digit_grams(text)`
    contains them all (empty: the term has no such run)."""
    return sorted({run[i:i + DIGIT_GRAM] for run in DIGIT_RUN.findall(term)
                   for i in range(len(run) - DIGIT_GRAM + 1)})


def _holds(term: str, i: int, column: Any) -> ColumnElement[bool]:
    """`column ILIKE '%term%'` in a form no index serves (a recheck): strpos, on the
    lower-cased text when the term has letters, which is what ILIKE does on UTF-8 (it
    lower-cases text and pattern, then matches)."""
    needle = bindparam(f"h{i}", term)
    if caseless(term):
        return func.strpos(column, needle) > 0
    return func.strpos(func.lower(column), func.lower(needle)) > 0


def _pg_match(term: str, i: int, column: Any = None) -> ColumnElement[bool]:
    """The condition on dispute_case that a PostgreSQL GIN index serves: md_search_grams for
    1-2 characters (migration 0008), md_digit_grams for a term with six digits in a row
    (0021), else pg_trgm with LIKE (ILIKE when the term has letters: LIKE's recheck does not
    lower-case every candidate). `column`: search_text as the statement names it."""
    column = col(Case.search_text) if column is None else column
    if short(term):  # the same expression as the index case_search_grams
        return text(f"md_search_grams(search_text) @> ARRAY[lower(:g{i})]").bindparams(
            **{f"g{i}": term})  # type: ignore[return-value]
    grams = digit_grams(term)
    if grams:  # the same expression as the index case_search_digits
        return and_(func.md_digit_grams(column).op("@>")(
            bindparam(f"d{i}", grams, type_=ARRAY(Text))), _holds(term, i, column))
    return (column.like if caseless(term) else column.ilike)(like_pattern(term), escape="\\")


def fenced(term: str) -> bool:
    """Whether the term's index condition holds a costly function (md_search_grams,
    md_digit_grams) that the planner must not run on rows read another way."""
    return short(term) or bool(digit_grams(term))


def search_condition(query: str, dialect: str) -> ColumnElement[bool] | None:
    """A WHERE condition on dispute_case matching every term (AND), or None for no terms."""
    terms = search_terms(query)
    if not terms:
        return None
    parts: list[ColumnElement[bool]] = []
    for i, term in enumerate(terms):
        if dialect == "sqlite":
            parts.append(col(Case.id).in_(_sqlite_matches(term, i)))
        elif fenced(term):
            # The set of matches read from the index, fenced off by OFFSET 0: as a filter on
            # rows read along the date index, the planner would run the costly function
            # (about 40 µs) on every row instead.
            parts.append(col(Case.id).in_(select(literal_column("id")).select_from(
                text("dispute_case")).where(_pg_match(term, i, literal_column("search_text")))
                .offset(0)))
        else:
            parts.append(_pg_match(term, i))
    return and_(*parts)


def search_count(query: str, dialect: str, limit: int) -> SelectOfScalar[int] | None:
    """The number of matches counted in the index alone, up to `limit`, when the query is one
    term (None otherwise: count the cases with search_condition). SQLite counts the newest
    matches, the ones the first page reads too."""
    terms = search_terms(query)
    if len(terms) != 1:
        return None
    if dialect == "sqlite":
        key = literal_column("rowid")
        return select_one(func.count()).select_from(
            _sqlite_keys(terms[0], 0, ids=False).order_by(key.desc()).limit(limit).subquery())
    return select_one(func.count()).select_from(
        select(literal_column("1")).select_from(Case).where(_pg_match(terms[0], 0))
        .limit(limit).subquery())


@dataclass(frozen=True)
class SearchPlan:
    condition: ColumnElement[bool] | None  # on dispute_case; None: no search terms
    total: int | None  # the number of matches, counted in the index; None: count the cases
    capped: bool = False  # more than `total` (= COUNT_CAP) match
    page: list[int] | None = None  # the page's case ids, read off the index (SQLite)


def plan_search(s: Session, query: str, dialect: str, *, alone: bool, date_order: bool,
                descending: bool = True, offset: int = 0, limit: int = 0) -> SearchPlan:
    """How to search: `alone` when no other filter applies (the index then gives the count),
    `date_order` when the page is sorted by date (`descending`), from `offset`, `limit` rows."""
    condition = search_condition(query, dialect)
    if condition is not None and dialect == "postgresql":
        # The planner prices ILIKE on Chinese text (lower-casing every row) far too cheap and
        # picks a table scan for a common term (about 5× slower at 10,000 cases, growing with
        # the table); every term has an index path, so forbid the scan for this transaction.
        s.connection().exec_driver_sql("SET LOCAL enable_seqscan = off")
    terms = search_terms(query)
    if condition is None or not alone or len(terms) != 1:
        return SearchPlan(condition, None)
    if dialect == "postgresql" and date_order:
        walked = pg_walk(s, terms[0], descending=descending, offset=offset, limit=limit)
        if walked is not None:
            found, page = walked
            return SearchPlan(condition, min(found, COUNT_CAP), found > COUNT_CAP, page)
        return pg_gin_page(s, condition, terms[0], descending=descending, offset=offset,
                           limit=limit)
    counted = search_count(query, dialect, COUNT_CAP + 1)
    assert counted is not None
    found = s.exec(counted).one()
    page = None
    if dialect == "sqlite" and date_order:
        page = [int(r[0]) for r in s.connection().execute(
            sqlite_page(terms[0], descending=descending, offset=offset, limit=limit))]
    return SearchPlan(condition, min(found, COUNT_CAP), found > COUNT_CAP, page)


def pg_gin_page(s: Session, condition: ColumnElement[bool], term: str, *, descending: bool,
                offset: int, limit: int) -> SearchPlan:
    """PostgreSQL, a rarer term in date order: its matches read once off its GIN index, in one
    statement giving the page's ids and the number of matches (`count(*) OVER ()`), where a
    count and then the page each read them all. The matches are materialised first: the
    planner would otherwise walk the date index and test every case (costly functions)."""
    hits = (select(literal_column("id"), literal_column("received_on"))
            .select_from(text("dispute_case"))
            .where(_pg_match(term, 0, literal_column("search_text")))
            .cte("hits").prefix_with("MATERIALIZED"))
    order = [hits.c.received_on.desc(), hits.c.id.desc()] if descending else \
        [hits.c.received_on.asc(), hits.c.id.asc()]
    rows = s.execute(select(hits.c.id, func.count().over()).order_by(*order)
                     .offset(offset).limit(max(limit, 1))).all()
    if rows or not offset:
        found = int(rows[0][1]) if rows else 0
    else:  # past the last match: the count alone
        counted = search_count(term, "postgresql", COUNT_CAP + 1)
        assert counted is not None
        found = s.exec(counted).one()
    page = [int(r[0]) for r in rows][:limit]
    return SearchPlan(condition, min(found, COUNT_CAP), found > COUNT_CAP, page)


def caseless(term: str) -> bool:
    """No character of the term has case (Chinese, digits, punctuation): LIKE then finds what
    ILIKE finds (PostgreSQL lower-cases character by character), at a fraction of the cost."""
    return all(ch.lower() == ch == ch.upper() for ch in term)


def pg_walk(s: Session, term: str, *, descending: bool, offset: int,
            limit: int) -> tuple[int, list[int]] | None:
    """PostgreSQL, a common term: the page read along the date index, newest (or oldest) cases
    first, each tested with LIKE (ILIKE for a term with letters), until the page's matches are
    found — about as many cases at a million as at 100,000 — and the capped count from the
    term's GIN index, which stops after COUNT_CAP + 1 matches read in table order (walking on
    to the 1,001st match read six times as many cases at 100,000, each a table row).
    Only among the WALK_ROWS newest (oldest) cases, and only tried when the PROBE_ROWS newest
    promise enough: a rarer term is cheaper from its GIN index (None: use it).
    Returns (the matches counted, up to COUNT_CAP + 1; the page's ids).

    Three statements at most (four when the walk falls short): the newest cases are bounded
    by LIMIT/OFFSET inside the query, which stops as soon as the outer LIMIT is met, instead
    of first looking up the boundary rows (2.6 ms for the 30,000th at 100,000 cases)."""
    page_end = offset + limit
    day, case_id = col(Case.received_on), col(Case.id)
    order = [day.desc(), case_id.desc()] if descending else [day.asc(), case_id.asc()]

    def newest(skip: int, rows: int) -> Any:
        """The cases from the `skip`-th newest (oldest) on, `rows` of them (case_search_date)."""
        return (select(day, case_id, col(Case.search_text)).order_by(*order).offset(skip)
                .limit(rows).subquery())

    def like(cases: Any) -> ColumnElement[bool]:
        text_column = cases.c.search_text
        return (text_column.like if caseless(term) else text_column.ilike)(
            like_pattern(term), escape="\\")

    def in_order(cases: Any) -> list[ColumnElement[Any]]:
        # The subquery's own order, which the planner keeps without sorting again.
        return [cases.c.received_on.desc(), cases.c.id.desc()] if descending else \
            [cases.c.received_on.asc(), cases.c.id.asc()]

    def gin() -> None:
        s.connection().exec_driver_sql("SET LOCAL enable_bitmapscan = on")

    # Sequential scans are off (plan_search); bitmap scans would read every match first.
    s.connection().exec_driver_sql("SET LOCAL enable_bitmapscan = off")
    # The PROBE_ROWS newest cases (one more: whether there are older ones), each as a match
    # or not.
    probe = newest(0, PROBE_ROWS + 1)
    tested = s.execute(select(probe.c.id, like(probe)).order_by(*in_order(probe))).all()
    ids = [int(i) for i, hit in tested[:PROBE_ROWS] if hit]
    every = len(tested) <= PROBE_ROWS  # every case tested: the count is len(ids)
    # How many cases the walk would read, from the probe's share of matches: for the page,
    # and for the capped count. The walk goes on to the count for a term so common that this
    # is about as cheap as counting in the GIN index (which reads 1,001 table rows too, after
    # the term's whole index list: 张 at 100,000 cases, 8.5 ms either way).
    def walk_for(matches: int) -> float:
        return matches * PROBE_ROWS / len(ids) if ids else float("inf")

    need = page_end
    if walk_for(COUNT_CAP + 1) <= WALK_ROWS * 5 // 6:
        need = max(page_end, COUNT_CAP + 1)
    if not every and len(ids) < need:  # older cases than the probe's
        # A rarer term: the GIN index. Half the window, for the probe's estimate is rough.
        if len(ids) < page_end and walk_for(page_end) > WALK_ROWS // 2:
            gin()
            return None
        older = newest(PROBE_ROWS, WALK_ROWS - PROBE_ROWS)
        ids += [int(i) for i in s.execute(select(older.c.id).where(like(older))
                                          .order_by(*in_order(older))
                                          .limit(need - len(ids))).scalars()]
        if len(ids) < need:
            if not s.execute(select(case_id).order_by(*order).offset(WALK_ROWS).limit(1)).first():
                every = True  # the walk reached the oldest case
            elif len(ids) < page_end:  # too few among the newest: the GIN index
                gin()
                return None
    found = len(ids)
    if not every and found <= COUNT_CAP:  # the walk stopped at the page: count in the index
        gin()
        counted = search_count(term, "postgresql", COUNT_CAP + 1)
        assert counted is not None
        found = s.exec(counted).one()
    return found, ids[offset:offset + limit]


def among(column: Any, ids: list[int], dialect: str) -> ColumnElement[bool]:
    """`column IN (ids)`; on PostgreSQL `column = ANY(array)`: one parameter, where psycopg
    parsed a page's 200 placeholders and SQLAlchemy expanded them (about 2 ms a search)."""
    if dialect != "postgresql":
        return col(column).in_(ids)
    return col(column) == any_(bindparam(None, ids, type_=ARRAY(Integer)))


def capped_count(s: Session, conditions: list[ColumnElement[bool]]) -> tuple[int, bool]:
    """The cases matching `conditions` (a search among other filters), counted up to
    COUNT_CAP: (count, whether more match)."""
    found = s.exec(select_one(func.count()).select_from(
        select(literal_column("1")).select_from(Case).where(*conditions)
        .limit(COUNT_CAP + 1).subquery())).one()
    return min(found, COUNT_CAP), found > COUNT_CAP


def searchable(text: str) -> str:
    """Text as search_text holds it: a NUL as a space. SQLite's LIKE (the scan every index
    path must equal) stops at a NUL while the indexes read on, and PostgreSQL stores none."""
    return text.replace("\x00", " ")


def build_search_text(case: Case, parties: list[Party] | list[Any]) -> str:
    """What a clerk may type to find a case: number, names, ID numbers, phones, summary…"""
    pieces = [case.case_no, case.city, case.district, case.platform, case.occupation,
              case.summary]
    for p in parties:
        pieces += [p.name, p.id_number, p.phone, p.credit_code]
    return searchable(" ".join(x for x in pieces if x))
