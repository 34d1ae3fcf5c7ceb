"""Case search: FTS5 trigram on SQLite for terms of 3+ characters, LIKE for shorter ones.

Trigram MATCH cannot find 1-2 character terms, and two-character Chinese words (names, 法院)
are common, so those go to LIKE on the base table (TECH_NOTES). User text never reaches MATCH
unquoted: it is wrapped as an FTS5 string with its double quotes doubled.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, literal_column, select, text

from app.models import Case, Party

MAX_TERMS = 8
MAX_TERM_LENGTH = 100


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


def search_condition(query: str, dialect: str) -> ColumnElement[bool] | None:
    """A WHERE condition on dispute_case matching every term (AND), or None for no terms."""
    terms = search_terms(query)
    if not terms:
        return None
    parts: list[ColumnElement[bool]] = []
    for term in terms:
        if dialect == "sqlite" and len(term) >= 3:
            matches = select(literal_column("rowid")).select_from(text("case_search")).where(
                text("case_search MATCH :q").bindparams(q=fts_phrase(term))
            )
            parts.append(Case.id.in_(matches))  # type: ignore[union-attr]
        elif dialect == "sqlite":
            # A plain table scan in a subquery: left to itself SQLite walks the sort index and
            # visits rows in date order, about three times slower for a rare short term.
            scan = select(literal_column("id")).select_from(
                text("dispute_case NOT INDEXED")).where(
                text("search_text LIKE :p ESCAPE '\\'").bindparams(p=like_pattern(term)))
            parts.append(Case.id.in_(scan))  # type: ignore[union-attr]
        else:
            parts.append(Case.search_text.ilike(like_pattern(term), escape="\\"))  # type: ignore[attr-defined]
    return and_(*parts)


def build_search_text(case: Case, parties: list[Party] | list[Any]) -> str:
    """What a clerk may type to find a case: number, names, ID numbers, phones, summary…"""
    pieces = [case.case_no, case.city, case.district, case.platform, case.occupation,
              case.summary]
    for p in parties:
        pieces += [p.name, p.id_number, p.phone, p.credit_code]
    return " ".join(x for x in pieces if x)
