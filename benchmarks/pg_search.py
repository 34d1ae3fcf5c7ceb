"""Case search on PostgreSQL: medians of the indexed search against a sequential ILIKE scan of
the same rows, measured in the same run.

    bash scripts/with-postgres.sh .venv/bin/python -m benchmarks.pg_search

Generates BENCH_CASES (default 10,000) demo cases into a fresh database on the server named by
MEDIATION_DESK_TEST_PG_URL (the throw-away cluster of with-postgres.sh), then times each term.

At 100,000 cases, generating on PostgreSQL takes too long: copy a SQLite demo there once
(`python -m benchmarks.pg_copy SQLITE_DIR URL PG_DIR`), then

    BENCH_PG_DATABASE_URL=URL BENCH_PG_DATA_DIR=PG_DIR python -m benchmarks.pg_search

times the searches on it, then the first page, opening a case, the due deadlines, a year's
and a month's statistics and the reports (`run.growth_figures`) against their budgets, and
runs the app's `check` over the copy.
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

from app.bootstrap import Services, open_services
from app.config import AppConfig
from app.services.cases.dto import CaseQuery
from app.services.cases.search import like_pattern
from benchmarks.run import SEARCHES, median_ms, report

CASES = int(os.environ.get("BENCH_CASES", "10000"))


# Budgets at 100,000 cases (ms), the same as SQLite's (issue 21); the rest are printed only.
BUDGETS = {"search 1-character term 张": 60.0, "search 2-character term 王伟": 60.0,
           "search 4-character term 迅达即配": 20.0, "statistics year 2026": 1000.0,
           "monthly report .xlsx": 1000.0, "monthly report .pdf": 1000.0,
           "register 2026-10 .xlsx": 2000.0}


def main() -> None:
    existing = os.environ.get("BENCH_PG_DATABASE_URL")
    if existing:
        config = AppConfig(data_dir=Path(os.environ["BENCH_PG_DATA_DIR"]), database_url=existing)
        run(config, generate=False)
        return
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


def run(config: AppConfig, *, generate: bool = True) -> None:
    services = open_services(config, today=lambda: date(2026, 11, 23))
    cases = services.cases.list_cases(CaseQuery(limit=0)).total
    print(f"PostgreSQL search — {cases:,} demo cases, medians")
    try:
        if generate:
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
        if not generate:
            figures(services)
    finally:
        services.close()


def figures(services: Services) -> None:
    """The figures `make bench` takes on SQLite, on this PostgreSQL database, and `check`."""
    from benchmarks.run import growth_figures

    for label, (ms, _) in growth_figures(services).items():
        budget = BUDGETS.get(label)
        verdict = "" if budget is None else \
            f"   budget {budget:g} ms: {'within' if ms <= budget else 'OVER'}"
        print(f"{label:<42} {ms:9.2f} ms{verdict}")
    start = time.perf_counter()
    found = services.check.run()
    print(f"check: {'ok' if found.ok else found.problems[:5]} "
          f"({time.perf_counter() - start:.1f} s, once)")


if __name__ == "__main__":
    main()
