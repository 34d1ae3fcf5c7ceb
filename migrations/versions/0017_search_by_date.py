"""SQLite's two full-text indexes keyed by date: a search's page in date order stops early.

Before, `case_search` and `case_search_chars` were external-content FTS5 tables with the case id
as rowid. The first page of a search in date order (the list's default) then had to collect
every match of the term and sort them, or walk the date index testing each case against all
matches: either way the cost grew with the number of matches, i.e. with the database.

Now both are contentless FTS5 tables (nothing but the index is stored) whose rowid is the
case's search key, yyyymmdd · 2³² + id (app.models.case.search_key). FTS5 reads a phrase's
matches in rowid order, newest first with ORDER BY rowid DESC, and stops at the LIMIT: the
page and the capped count read about as many index entries at a million cases as at 100,000.
The triggers keep the key right when search_text, search_chars or received_on changes (a
correction); a contentless table's 'delete' takes the old row's values, which the triggers
have.

PostgreSQL: an index on (received_on, id), along which a common term's page is read
(app/services/cases/search.py, pg_walk).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 23:20:00

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0017'
down_revision: Union[str, None] = '0016'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# NOTE for later revisions: a batch ("move and copy") migration of dispute_case on SQLite drops
# these triggers; such a revision must run the CREATE TRIGGER statements of key_sql() again.
# The key, as app.models.case.search_key_sql writes it (app/bulk.py recognises the insert
# triggers by it): frozen here.
KEY = "CAST(replace({r}received_on, '-', '') AS INTEGER) * 4294967296 + {r}id"
INDEXES = (("case_search", "search_text", "tokenize='trigram'", "search"),
           ("case_search_chars", "search_chars", "tokenize='unicode61 remove_diacritics 0'",
            "chars"))


def key_sql() -> list[str]:
    statements = []
    for fts, column, tokenize, tag in INDEXES:
        new, old = KEY.format(r="new."), KEY.format(r="old.")
        insert = f"INSERT INTO {fts}(rowid, {column}) VALUES ({new}, new.{column}); "
        delete = (f"INSERT INTO {fts}({fts}, rowid, {column}) "
                  f"VALUES ('delete', {old}, old.{column}); ")
        statements += [
            f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='', {tokenize})",
            f"CREATE TRIGGER dispute_case_{tag}_ai AFTER INSERT ON dispute_case BEGIN "
            f"{insert}END",
            f"CREATE TRIGGER dispute_case_{tag}_ad AFTER DELETE ON dispute_case BEGIN "
            f"{delete}END",
            f"CREATE TRIGGER dispute_case_{tag}_au AFTER UPDATE OF {column}, received_on, id "
            f"ON dispute_case BEGIN {delete}{insert}END",
        ]
    return statements


def id_sql() -> list[str]:
    """The indexes as revisions 0001 and 0008 made them (external content, rowid = id)."""
    statements = []
    for fts, column, tokenize, tag in INDEXES:
        insert = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); "
        delete = (f"INSERT INTO {fts}({fts}, rowid, {column}) "
                  f"VALUES ('delete', old.id, old.{column}); ")
        statements += [
            f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='dispute_case', "
            f"content_rowid='id', {tokenize})",
            f"CREATE TRIGGER dispute_case_{tag}_ai AFTER INSERT ON dispute_case BEGIN "
            f"{insert}END",
            f"CREATE TRIGGER dispute_case_{tag}_ad AFTER DELETE ON dispute_case BEGIN "
            f"{delete}END",
            f"CREATE TRIGGER dispute_case_{tag}_au AFTER UPDATE OF {column} ON dispute_case "
            f"BEGIN {delete}{insert}END",
        ]
    return statements


def _drop() -> None:
    for fts, _, _, tag in INDEXES:
        for trigger in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS dispute_case_{tag}_{trigger}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        # PostgreSQL's GIN indexes stay. A common term's page walks the cases in date order
        # (search.pg_walk) from a (received_on, id) bound: this index serves both exactly. Named
        # case_search_* like the other search indexes, which are not models (migrations/env.py).
        op.execute("CREATE INDEX case_search_date ON dispute_case (received_on, id)")
        return
    _drop()
    for statement in key_sql():
        op.execute(statement)
    for fts, column, _, _ in INDEXES:
        # In key order: FTS5 appends rowids in order to its segments, the cheapest build.
        op.execute(f"INSERT INTO {fts}(rowid, {column}) SELECT {KEY.format(r='')}, {column} "
                   "FROM dispute_case ORDER BY 1")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP INDEX IF EXISTS case_search_date")
        return
    _drop()
    for statement in id_sql():
        op.execute(statement)
    for fts, _, _, _ in INDEXES:
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
