"""SQLite: a 1-2 character term is one token of `case_search_chars`, not a phrase.

Before (0008-0019), dispute_case.search_chars held one token per character in order, and a
2-character term was a phrase on it (王伟 → "738b 4f1f"). A phrase reads both characters'
whole index lists, however rare the pair: at a million cases 王伟 has 275 hits, 王 and 伟
hundreds of thousands each, and its capped count took 5.2 ms against 0.37 ms at 100,000.

Now search_chars is the case's distinct tokens: every character's (as before) and every
adjacent pair's inside a word, the two tokens joined by "x" (app.models.case.search_grams,
pair_token; 王伟 → "738bx4f1f"). A 1-2 character term is then one token, whose index list is
as long as its hits. No phrase is ever asked of the index, so it keeps rowids only
(detail=none: no positions, a smaller index, cheaper to write); a single token's matches are
still read in rowid order and stop at the LIMIT (ORDER BY rowid DESC), the search key of 0017.
The triggers are 0017's, unchanged (app/bulk.py recognises them).

The upgrade recomputes search_chars in chunks with the triggers and the index dropped, then
builds the index in key order. PostgreSQL never reads search_chars (its short terms are
md_search_grams(search_text), 0008), so nothing changes there; its rows take the new form when
the ORM next writes them.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 05:00:00

"""
from collections.abc import Callable
from typing import Sequence, Union

from alembic import op

from app.models.case import phrase_chars, search_grams

# revision identifiers, used by Alembic.
revision: str = '0020'
down_revision: Union[str, None] = '0019'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# As 0017 writes them (frozen there): the search key and the triggers' bodies. NOTE for later
# revisions: a batch ("move and copy") migration of dispute_case on SQLite drops the triggers;
# such a revision must run 0017's trigram statements and _index_sql(...)[1:] here again.
KEY = "CAST(replace({r}received_on, '-', '') AS INTEGER) * 4294967296 + {r}id"
TOKENIZE = "tokenize='unicode61 remove_diacritics 0'"
CHUNK = 20000  # cases read and rewritten at a time


def _index_sql(options: str) -> list[str]:
    new, old = KEY.format(r="new."), KEY.format(r="old.")
    insert = f"INSERT INTO case_search_chars(rowid, search_chars) VALUES ({new}, new.search_chars); "
    delete = ("INSERT INTO case_search_chars(case_search_chars, rowid, search_chars) "
              f"VALUES ('delete', {old}, old.search_chars); ")
    return [
        f"CREATE VIRTUAL TABLE case_search_chars USING fts5(search_chars, content='', {options})",
        f"CREATE TRIGGER dispute_case_chars_ai AFTER INSERT ON dispute_case BEGIN {insert}END",
        f"CREATE TRIGGER dispute_case_chars_ad AFTER DELETE ON dispute_case BEGIN {delete}END",
        "CREATE TRIGGER dispute_case_chars_au AFTER UPDATE OF search_chars, received_on, id "
        f"ON dispute_case BEGIN {delete}{insert}END",
    ]


def _rebuild(tokens: Callable[[str], str], options: str) -> None:
    """search_chars recomputed with `tokens` for every case, and the index made again."""
    conn = op.get_bind()
    for trigger in ("ai", "ad", "au"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS dispute_case_chars_{trigger}")
    conn.exec_driver_sql("DROP TABLE IF EXISTS case_search_chars")
    last = 0
    while True:
        rows = conn.exec_driver_sql(
            "SELECT id, search_text FROM dispute_case WHERE id > ? ORDER BY id LIMIT ?",
            (last, CHUNK)).all()
        if not rows:
            break
        conn.exec_driver_sql("UPDATE dispute_case SET search_chars = ? WHERE id = ?",
                             [(tokens(text or ""), case_id) for case_id, text in rows])
        last = rows[-1][0]
    statements = _index_sql(options)
    conn.exec_driver_sql(statements[0])
    # In key order: FTS5 appends rowids in order to its segments, the cheapest build.
    conn.exec_driver_sql(f"INSERT INTO case_search_chars(rowid, search_chars) "
                         f"SELECT {KEY.format(r='')}, search_chars FROM dispute_case ORDER BY 1")
    for statement in statements[1:]:
        conn.exec_driver_sql(statement)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(search_grams, f"detail=none, {TOKENIZE}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(phrase_chars, TOKENIZE)
