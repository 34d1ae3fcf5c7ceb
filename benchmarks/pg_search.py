"""Case search on PostgreSQL: medians of the indexed search against a sequential ILIKE scan of
the same rows, measured in the same run.

    bash scripts/with-postgres.sh .venv/bin/python -m benchmarks.pg_search

Generates BENCH_CASES (default 10,000) demo cases into a fresh database on the server named by
MEDIATION_DESK_TEST_PG_URL (the throw-away cluster of with-postgres.sh), then times each term.
"""

from __future__ import annotations

import os
import time
import uuid
from datetime import date
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from app.bootstrap import open_services
from app.config import AppConfig
from app.services.cases.dto import CaseQuery
from app.services.cases.search import like_pattern
from benchmarks.run import SEARCHES, median_ms, report

CASES = int(os.environ.get("BENCH_CASES", "10000"))


def main() -> None:
    admin_url = os.environ.get("MEDIATION_DESK_TEST_PG_URL")
    if not admin_url:
        raise SystemExit("MEDIATION_DESK_TEST_PG_URL 未设置：请用 scripts/with-postgres.sh 运行")
    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        with TemporaryDirectory() as tmp:
            run(AppConfig(data_dir=Path(tmp), database_url=url))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def run(config: AppConfig) -> None:
    print(f"PostgreSQL search — {CASES:,} demo cases, medians")
    services = open_services(config, today=lambda: date(2026, 11, 23))
    try:
        start = time.perf_counter()
        services.demo.generate(CASES, seed=1)
        print(f"demo --cases {CASES}: {time.perf_counter() - start:.1f} s — once, not a median")
        with services.ctx.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()
            # The baseline: what the search did before the indexes, a sequential ILIKE scan.
            conn.execute(text("SET enable_indexscan = off"))
            conn.execute(text("SET enable_bitmapscan = off"))

            def scan(term: str) -> object:
                p = {"p": like_pattern(term)}
                conn.execute(text("SELECT count(*) FROM dispute_case WHERE search_text "
                                  "ILIKE :p ESCAPE '\\'"), p).one()
                return conn.execute(text("SELECT * FROM dispute_case WHERE search_text ILIKE :p "
                                         "ESCAPE '\\' ORDER BY received_on DESC, id DESC "
                                         "LIMIT 200"), p).all()

            for _, term, _ in SEARCHES:
                ours = median_ms(lambda t=term: services.cases.list_cases(
                    CaseQuery(search=t, limit=200)))
                hits = services.cases.list_cases(CaseQuery(search=term, limit=0)).total
                report(f"cases --search {term} ({hits:,} hits)", ours, "ILIKE sequential scan",
                       median_ms(lambda t=term: scan(t)))
    finally:
        services.close()


if __name__ == "__main__":
    main()
