"""The demo's writing half: each batch of rows (made by `generator.DemoGenerator.batches`, in
this process or the second one) inserted, logged and committed as one transaction.

On SQLite the rows go through the driver's executemany (`app.bulk.insert_bound`/`fast_insert`)
with the two full-text indexes fed once per batch (`bulk.batch_fts`), a large page cache and a
memory map for the batch (BULK_PRAGMAS), and, into a new database, no journal on disk
(`bulk.unjournalled`). Elsewhere SQLAlchemy Core inserts; the Core path is kept on SQLite too
(`driver_inserts = False`) so that a test can compare the two.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, insert, text
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlmodel import Session, SQLModel, select

from app.bulk import batch_fts, fast_insert, insert_bound, unjournalled
from app.db import SQLITE_CACHE_KIB
from app.models import (
    Case,
    CaseCounter,
    CaseDeadlineRow,
    CaseEvent,
    Claim,
    Evidence,
    Filing,
    MediationAgreement,
    MediationSession,
    Party,
    PerformanceTerm,
    ServiceRecord,
    Witness,
)
from app.services.context import ServiceContext
from app.services.security.audit import (
    Made,
    created_rows,
    log_created_payloads,
    log_created_rows,
    write_entries,
)

# Tables whose rows the writing process may bind and log itself (created_rows) in a batch the
# maker leaves them in (generator.batches): the first `share` of them, a number the two
# processes move batch by batch so that neither waits for the other (producer.py). Which of
# them the maker was the busier of depends on the size: at 100,000 cases the maker (86 s of
# CPU against 63 s), past half a million the writer (the file's pages read back).
SHARED_ROWS = ("evidence", "event", "deadline", "party", "service", "claim", "session",
               "witness", "filing", "agreement", "term")
BULK_PRAGMAS = ("PRAGMA cache_size=-262144", "PRAGMA mmap_size=4294967296")  # 256 MB, 4 GB
NORMAL_PRAGMAS = (f"PRAGMA cache_size={SQLITE_CACHE_KIB}", "PRAGMA mmap_size=0")
# Tables in the order a batch writes them: row key, model.
TABLES = [("case", Case), ("party", Party), ("claim", Claim), ("event", CaseEvent),
          ("evidence", Evidence), ("session", MediationSession),
          ("agreement", MediationAgreement), ("term", PerformanceTerm), ("filing", Filing),
          ("deadline", CaseDeadlineRow), ("witness", Witness), ("service", ServiceRecord)]


class BatchWriter:
    """Writes the demo's batches for one generate() call."""

    def __init__(self, ctx: ServiceContext, *, driver_inserts: bool, payloads: bool,
                 into_new_database: bool) -> None:
        self.ctx = ctx
        self.driver_inserts = driver_inserts  # app.bulk.fast_insert; False: Core's executemany
        self.payloads = payloads  # the audit payloads come with the rows (audit.created_rows)
        self.unjournalled = into_new_database  # each batch without a journal on disk
        self.made_here: list[int] = []  # per batch: tables bound here, not by the maker

    def write(self, rows: dict[str, list[dict[str, Any]]], counters: dict[tuple[int, int], int],
               n: int, payloads: dict[str, Made | None]) -> None:
        bulk = self.ctx.is_sqlite and BULK_PRAGMAS
        with self.ctx.engine.connect() as conn:
            if bulk:
                # Indexes with random keys (names, ID numbers) and the two FTS5 indexes touch
                # pages all over a file of gigabytes: a large cache for this batch and reads
                # through a memory map, not a read() per page (half the time was the kernel's).
                for pragma in BULK_PRAGMAS:
                    conn.exec_driver_sql(pragma)
                conn.commit()
            with (unjournalled(conn, self.ctx.config.data_dir) if self.unjournalled
                  else nullcontext()), self.ctx.session(bind=conn) as s:
                self._batch(s, rows, counters, n, payloads, bulk)
            if bulk:  # the connection goes back to the pool with the engine's settings
                for pragma in NORMAL_PRAGMAS:
                    conn.exec_driver_sql(pragma)
                conn.commit()

    def _batch(self, s: Session, rows: dict[str, list[dict[str, Any]]],
               counters: dict[tuple[int, int], int], n: int,
               payloads: dict[str, Made | None], bulk: Any) -> None:
        first = (rows.get("first_case") or rows["case"] or [{}])[0].get("id")
        feeding = (batch_fts(s.connection(), "dispute_case", first)
                   if bulk and self.driver_inserts and first is not None else nullcontext())
        here = 0
        with feeding:
            for key, model in TABLES:
                made = payloads.get(key)
                if made is None and self.payloads and rows[key]:  # left to this process
                    made = created_rows(model, rows[key], SQLiteDialect_pysqlite())
                    here += made is not None
                if made is not None:  # bound and logged beside the rows (created_rows)
                    insert_bound(s.connection(), _table(model), made[1], made[2])
                    log_created_payloads(s, model, made[0])
                elif rows[key]:
                    if self.driver_inserts:
                        fast_insert(s.connection(), _table(model), rows[key])
                    else:  # the Core path, row by row through the triggers (tests compare)
                        s.execute(insert(_table(model)), rows[key])
                    # Core inserts bypass the flush hook: log each row as the hook would.
                    log_created_rows(s, model, [r["id"] for r in rows[key]])
        for (org_id, year), last in counters.items():
            found = s.exec(select(CaseCounter).where(CaseCounter.organisation_id == org_id,
                                                     CaseCounter.year == year)).first()
            if found is None:
                s.add(CaseCounter(organisation_id=org_id, year=year, last_seq=last))
            else:
                found.last_seq = max(found.last_seq, last)
        s.flush()
        write_entries(s, [dict(at=datetime.now(UTC), user=self.ctx.user, action="create",
                               entity="demo", entity_id="", case_id=None, field="",
                               old_value=None, new_value=f"生成演示案件 {n} 件")])
        s.commit()
        self.made_here.append(here)

    def fix_sequences(self) -> None:
        """Explicit ids leave PostgreSQL's serial sequences behind; move them past the max."""
        if self.ctx.is_sqlite:
            return
        with self.ctx.engine.begin() as conn:
            for table in ("dispute_case", "party", "claim", "case_event", "evidence",
                          "mediation_session", "mediation_agreement", "performance_term",
                          "filing", "case_deadline", "witness", "service_record",
                          "organisation", "case_counter",
                          "audit_entry"):
                conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"))


def _table(model: type[SQLModel]) -> Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]
