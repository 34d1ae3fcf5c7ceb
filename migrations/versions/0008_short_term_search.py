"""Search indexes for every term length: short terms and PostgreSQL no longer scan the table.

SQLite: a second FTS5 index, `case_search_chars`, over dispute_case.search_chars (search_text
with one token per character), kept in step by triggers; 1-2 character terms are phrase queries
on it. PostgreSQL: a pg_trgm GIN index on search_text for 3+ characters, and a GIN index on the
text's distinct one- and two-character substrings (`md_search_grams`) for shorter terms.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 12:30:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.models.case import phrase_chars

# revision identifiers, used by Alembic.
revision: str = '0008'
down_revision: Union[str, None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# NOTE for later revisions: like 0001's trigram index, a batch ("move and copy") migration of
# dispute_case on SQLite drops these triggers; such a revision must run CHARS_SQL[1:] again.
CHARS_SQL = [
    "CREATE VIRTUAL TABLE case_search_chars USING fts5(search_chars, content='dispute_case', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER dispute_case_chars_ai AFTER INSERT ON dispute_case BEGIN "
    "INSERT INTO case_search_chars(rowid, search_chars) VALUES (new.id, new.search_chars); END",
    "CREATE TRIGGER dispute_case_chars_ad AFTER DELETE ON dispute_case BEGIN "
    "INSERT INTO case_search_chars(case_search_chars, rowid, search_chars) "
    "VALUES ('delete', old.id, old.search_chars); END",
    "CREATE TRIGGER dispute_case_chars_au AFTER UPDATE OF search_chars ON dispute_case BEGIN "
    "INSERT INTO case_search_chars(case_search_chars, rowid, search_chars) "
    "VALUES ('delete', old.id, old.search_chars); "
    "INSERT INTO case_search_chars(rowid, search_chars) VALUES (new.id, new.search_chars); END",
]

# The 1- and 2-character substrings of the lower-cased text: `grams @> ARRAY[lower(term)]` is
# exactly `text ILIKE '%term%'` for a term of one or two characters (ILIKE compares lower-cased
# text too). Characters, then pairs from even and from odd offsets (chr(1) marks where each pair
# ends: a term never holds a control character, so pieces split at one in the text do no harm);
# GIN drops the duplicates. IMMUTABLE so an index can be built on it. About 40 µs a row: the
# search only ever evaluates it through the index (search.py).
GRAMS_SQL = """
CREATE FUNCTION md_search_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT string_to_array(lower(t), NULL)
      || string_to_array(regexp_replace(lower(t), '(..)', '\\1' || chr(1), 'g'), chr(1))
      || string_to_array(regexp_replace(substr(lower(t), 2), '(..)', '\\1' || chr(1), 'g'),
                         chr(1))
$$
"""
BATCH = 2000


def _fill_search_chars() -> None:
    bind = op.get_bind()
    case = sa.table("dispute_case", sa.column("id", sa.Integer),
                    sa.column("search_text", sa.Text), sa.column("search_chars", sa.Text))
    last = 0
    while True:
        rows = bind.execute(sa.select(case.c.id, case.c.search_text).where(case.c.id > last)
                            .order_by(case.c.id).limit(BATCH)).all()
        if not rows:
            return
        bind.execute(case.update().where(case.c.id == sa.bindparam("row_id"))
                     .values(search_chars=sa.bindparam("chars")),
                     [{"row_id": r.id, "chars": phrase_chars(r.search_text or "")} for r in rows])
        last = rows[-1].id


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy), so the triggers of 0001 stay in place.
    op.add_column('dispute_case', sa.Column('search_chars', sqlmodel.sql.sqltypes.AutoString(),
                                            nullable=False,
                                            server_default=''))
    _fill_search_chars()
    if op.get_bind().dialect.name == "sqlite":
        for statement in CHARS_SQL:
            op.execute(statement)
        op.execute("INSERT INTO case_search_chars(case_search_chars) VALUES ('rebuild')")
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        # fastupdate off: a GIN pending list (rows inserted since the last vacuum) is read in
        # full by every search and priced so high that the planner falls back to a table scan.
        op.execute("CREATE INDEX case_search_trgm ON dispute_case "
                   "USING gin (search_text gin_trgm_ops) WITH (fastupdate = off)")
        op.execute(GRAMS_SQL)
        op.execute("CREATE INDEX case_search_grams ON dispute_case "
                   "USING gin (md_search_grams(search_text)) WITH (fastupdate = off)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS dispute_case_chars_{trigger}")
        op.execute("DROP TABLE IF EXISTS case_search_chars")
        # Native DROP COLUMN (SQLite 3.35+) instead of a batch copy, which would drop 0001's
        # triggers.
        op.execute("ALTER TABLE dispute_case DROP COLUMN search_chars")
    else:
        op.execute("DROP INDEX IF EXISTS case_search_grams")
        op.execute("DROP FUNCTION IF EXISTS md_search_grams(text)")
        op.execute("DROP INDEX IF EXISTS case_search_trgm")
        op.drop_column('dispute_case', 'search_chars')
