"""PostgreSQL: an index on the six-digit runs of the search text, for ID-number and phone terms.

Every case holds ID numbers, phones and credit codes, so digit trigrams (1,000 of them) are in
most rows and an ID fragment such as 330602198 read thousands of candidates off the pg_trgm
index (5,926 for 1,737 matches at 100,000 cases), each rechecked in the table. Six digits in a
row are far more selective: `md_digit_grams` lists every window of six ASCII digits of every
run of six or more, and a term holding such a run is a containment query on them
(app/services/cases/search.py, `digit_grams`), rechecked with the term itself. Named
case_search_* like the other search indexes, which are not models (migrations/env.py).
SQLite: nothing (its trigram FTS5 index serves digits well).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02 05:00:00

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0021'
down_revision: Union[str, None] = '0020'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# The six-digit windows of the text's runs of six or more ASCII digits (other digits, such as
# full-width ones, are not [0-9] here nor in search.digit_grams); GIN drops the duplicates.
# About 50 µs a row, as md_search_grams. IMMUTABLE so an index can be built on it; evaluated
# only through the index (search.py fences it off).
DIGIT_GRAMS_SQL = """
CREATE FUNCTION md_digit_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT ARRAY(SELECT substr(w, i, 6)
               FROM unnest(string_to_array(regexp_replace(t, '[^0-9]+', ' ', 'g'), ' ')) AS w,
                    generate_series(1, length(w) - 5) AS i)
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute(DIGIT_GRAMS_SQL)
    # fastupdate off, as for the other GIN search indexes (0008): no pending list to read.
    op.execute("CREATE INDEX case_search_digits ON dispute_case "
               "USING gin (md_digit_grams(search_text)) WITH (fastupdate = off)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.execute("DROP INDEX IF EXISTS case_search_digits")
    op.execute("DROP FUNCTION IF EXISTS md_digit_grams(text)")
