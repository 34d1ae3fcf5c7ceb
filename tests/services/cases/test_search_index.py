"""The search indexes give exactly what a LIKE scan of search_text gives, and are really used."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, event, select, text
from sqlmodel import Session

from app.bootstrap import Services, open_services
from app.config import AppConfig
from app.models import Case, Party
from app.services.cases import search
from app.services.cases.dto import CaseQuery, PartyInput
from app.services.cases.search import like_pattern, search_condition, search_terms
from tests.conftest import TODAY, drop_pg_database, new_pg_database
from tests.factories import case_input, platform, resident_id

# Few characters, so random names share them and short terms hit often (and sometimes not).
HAN = "王伟张三李迅达配即科"
DIGITS = "0123456789"
SMALL_CAP = 4  # COUNT_CAP in the property test


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def index_services(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                   sqlite_template: Path) -> Iterator[Services]:
    """One database per backend that the property tests keep adding cases to."""
    folder = tmp_path_factory.mktemp(f"search-{request.param}")
    if request.param == "sqlite":
        config = AppConfig(data_dir=folder)
        config.db_path.write_bytes(sqlite_template.read_bytes())
        url = None
    else:
        admin_url = request.getfixturevalue("pg_admin_url")
        url = new_pg_database(admin_url)
        config = AppConfig(data_dir=folder, database_url=url)
    services = open_services(config, user="tester", today=lambda: TODAY)
    yield services
    services.close()
    if url is not None:
        drop_pg_database(request.getfixturevalue("pg_admin_url"), url)


def scan(services: Services, query: str, order: str = "DESC") -> list[str]:
    """The plain scan the indexes stand in for: every term a LIKE (ILIKE on PostgreSQL)
    substring of search_text, newest first (or oldest)."""
    engine = services.ctx.engine
    like = "LIKE" if engine.dialect.name == "sqlite" else "ILIKE"
    terms = search_terms(query)
    where = " AND ".join(f"search_text {like} :p{i} ESCAPE '\\'" for i in range(len(terms)))
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET enable_indexscan = off"))
            conn.execute(text("SET enable_bitmapscan = off"))
        rows = conn.execute(text(f"SELECT case_no FROM dispute_case WHERE {where} "
                                 f"ORDER BY received_on {order}, id {order}"),
                            {f"p{i}": like_pattern(t) for i, t in enumerate(terms)})
        return [r[0] for r in rows]


names = st.text(alphabet=HAN, min_size=1, max_size=3)
digits = st.text(alphabet=DIGITS, min_size=3, max_size=3)
terms = st.text(alphabet=HAN + DIGITS, min_size=1, max_size=4)


@st.composite
def new_case(draw: st.DrawFn) -> tuple[str, str, str, int]:
    return (draw(names), draw(digits), draw(st.text(alphabet=DIGITS, min_size=9, max_size=9)),
            draw(st.integers(min_value=0, max_value=40)))


def add_case(services: Services, name: str, serial: str, phone: str, days_ago: int) -> None:
    birth = date(1980, 1, 1) + timedelta(days=int(serial) * 7)
    worker = PartyInput(role="applicant", name=name, phone="13" + phone,
                        id_number=resident_id(f"330602{birth:%Y%m%d}{serial}"))
    # received_on ties on purpose: the order then falls back to the id, as in the list.
    services.cases.create_case(case_input(parties=[worker, platform()],
                                          received_on=TODAY - timedelta(days=days_ago),
                                          summary=f"{name}诉{HAN[days_ago % len(HAN)]}"))


def correct(services: Services, pick: int, days_ago: int, name: str) -> None:
    """Correct a case already there: its received date (moving its place in the date-keyed
    indexes: no service edits it yet, so through the ORM as a correction would) and its
    applicant's name (through the edit service, which rewrites the search text)."""
    with Session(services.ctx.engine) as s:
        found = list(s.scalars(select(Case).order_by(Case.id)))
        case = found[pick % len(found)]
        case.received_on = TODAY - timedelta(days=days_ago)
        s.commit()
        case_no, version = case.case_no, case.version
        worker = s.scalars(select(Party).where(Party.case_id == case.id,
                                               Party.seq == 1)).one()
        data = PartyInput(role=worker.role, name=name, phone=worker.phone,
                          id_number=worker.id_number)
    services.case_edit.update_party(case_no, 1, data, version)


def every_page(services: Services, query: str, descending: bool, size: int = 3) -> list[str]:
    """The whole list read page by page, as the window scrolls through it."""
    rows: list[str] = []
    while True:
        page = services.cases.list_cases(CaseQuery(search=query, offset=len(rows), limit=size,
                                                   descending=descending))
        rows += [r.case_no for r in page.rows]
        if len(page.rows) < size:
            return rows


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases=st.lists(new_case(), min_size=1, max_size=3),
       corrections=st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 40), names),
                            max_size=2),
       queries=st.lists(st.lists(terms, min_size=1, max_size=2).map(" ".join),
                        min_size=1, max_size=4),
       walk=st.sampled_from([(2000, 30000), (2, 6), (1, 2)]))
def test_indexed_search_is_the_scan(index_services: Services,
                                    cases: list[tuple[str, str, str, int]],
                                    corrections: list[tuple[int, int, str]],
                                    queries: list[str], walk: tuple[int, int]) -> None:
    """Names, ID-number and phone fragments of 1-4 characters, after corrections of received
    dates and names: the same cases in the same order, and the same count, as the scan — whole
    list, a page deep in it, and every page in both directions."""
    for case in cases:
        add_case(index_services, *case)
    for correction in corrections:
        correct(index_services, *correction)
    # The end of a name and the start of its ID number are words apart in the search text.
    across = [f"{name[-1]}3" for name, *_ in cases]
    # The count stops at COUNT_CAP (patched low, so that random terms pass it often): under it
    # the exact number of the scan, past it the cap and `capped`; the rows are all the scan's.
    # PostgreSQL's walk along the date index (pg_walk) reads at most WALK_ROWS cases: patched
    # low too, so that each of its outcomes (walked, GIN index after the probe, GIN index after
    # the walk) comes up.
    probe_rows, walk_rows = walk
    with mock.patch.object(search, "COUNT_CAP", SMALL_CAP), \
            mock.patch.object(search, "PROBE_ROWS", probe_rows), \
            mock.patch.object(search, "WALK_ROWS", walk_rows):
        for query in queries + across:
            expected = scan(index_services, query)
            counted = (min(len(expected), SMALL_CAP), len(expected) > SMALL_CAP)
            page = index_services.cases.list_cases(CaseQuery(search=query, limit=100_000))
            assert ([r.case_no for r in page.rows], (page.total, page.capped)) == (expected, counted)
            deep = index_services.cases.list_cases(CaseQuery(search=query, offset=2, limit=3))
            assert ([r.case_no for r in deep.rows], (deep.total, deep.capped)) == (expected[2:5],
                                                                                   counted)
            ascending = index_services.cases.list_cases(CaseQuery(search=query, descending=False))
            assert [r.case_no for r in ascending.rows] == scan(index_services, query, "ASC")[:200]
            among = index_services.cases.list_cases(CaseQuery(search=query, status="active"))
            assert (among.total, among.capped) == counted  # all factory cases are active
            assert every_page(index_services, query, True) == expected
            assert every_page(index_services, query, False) == scan(index_services, query,
                                                                    "ASC")


# Six-digit windows read off the digit index (migration 0021) on PostgreSQL: ID numbers of
# three regions, with check digits (X among them), phones, and the case numbers.
REGIONS = ("330602", "370102", "110105")
X_ID = next(n for n in (resident_id(f"33060219850101{i:03d}") for i in range(1000))
            if n.endswith("X"))


@st.composite
def id_case(draw: st.DrawFn) -> tuple[str, str, str, int]:
    birth = date(1970, 1, 1) + timedelta(days=draw(st.integers(0, 12000)))
    serial = draw(st.text(alphabet=DIGITS, min_size=3, max_size=3))
    id_number = resident_id(f"{draw(st.sampled_from(REGIONS))}{birth:%Y%m%d}{serial}")
    phone = draw(st.sampled_from(["13", "15", "18"])) + draw(st.text(alphabet=DIGITS,
                                                                      min_size=9, max_size=9))
    return draw(names), id_number, phone, draw(st.integers(min_value=0, max_value=40))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases=st.lists(id_case(), min_size=1, max_size=3),
       picks=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 17), st.integers(3, 18),
                                st.sampled_from(["", "lower", "with a name", "and 张"])),
                      min_size=1, max_size=4),
       walk=st.sampled_from([(2000, 6000), (2, 6), (1, 4), (1, 2)]))
def test_id_like_terms_are_the_scan(index_services: Services,
                                    cases: list[tuple[str, str, str, int]],
                                    picks: list[tuple[int, int, int, str]],
                                    walk: tuple[int, int]) -> None:
    """Fragments of 3-18 characters of real ID numbers (an X check digit lower-cased too),
    phones and case numbers, alone and beside Chinese terms: the same cases in the same order
    and the same count as the scan, whole list, a page deep in it, oldest first."""
    values = [X_ID]
    for name, id_number, phone, days_ago in [("王伟", X_ID, "13800000000", 3)] + cases:
        worker = PartyInput(role="applicant", name=name, phone=phone, id_number=id_number)
        created = index_services.cases.create_case(case_input(
            parties=[worker, platform()], received_on=TODAY - timedelta(days=days_ago),
            summary=f"{name}诉迅达"))
        values += [id_number, phone, created.case_no]
    probe_rows, walk_rows = walk
    with mock.patch.object(search, "COUNT_CAP", SMALL_CAP), \
            mock.patch.object(search, "PROBE_ROWS", probe_rows), \
            mock.patch.object(search, "WALK_ROWS", walk_rows):
        for pick, start, length, how in picks:
            value = values[pick % len(values)]
            term = value[min(start, max(len(value) - 3, 0)):][:length]
            query = {"": term, "lower": term.lower(), "with a name": f"{cases[0][0]} {term}",
                     "and 张": f"{term} 张"}[how]
            expected = scan(index_services, query)
            counted = (min(len(expected), SMALL_CAP), len(expected) > SMALL_CAP)
            page = index_services.cases.list_cases(CaseQuery(search=query, limit=100_000))
            assert ([r.case_no for r in page.rows], (page.total, page.capped)) == (
                expected, counted), query
            deep = index_services.cases.list_cases(CaseQuery(search=query, offset=1, limit=2))
            assert ([r.case_no for r in deep.rows], (deep.total, deep.capped)) == (
                expected[1:3], counted), query
            assert every_page(index_services, query, False) == scan(index_services, query,
                                                                    "ASC"), query
            among = index_services.cases.list_cases(CaseQuery(search=query, status="active"))
            assert (among.total, among.capped) == counted, query


def test_terms_with_letters_ignore_ascii_case_on_every_path(
        index_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """Letters: the date-ordered walk tests them with ILIKE (LIKE would miss "AB" for "ab"),
    the indexes ignore ASCII case as LIKE does; every page both ways is the scan's."""
    for days_ago, summary in enumerate(("工号Ab7", "工号aB8", "工号AB9", "工号xy", "工号ab")):
        index_services.cases.create_case(case_input(received_on=TODAY - timedelta(days=days_ago),
                                                    summary=summary))
    monkeypatch.setattr(search, "COUNT_CAP", 2)
    for probe_rows, walk_rows in ((2000, 30000), (1, 3), (2, 4)):
        monkeypatch.setattr(search, "PROBE_ROWS", probe_rows)
        monkeypatch.setattr(search, "WALK_ROWS", walk_rows)
        for term in ("ab", "B", "aB8", "号A"):
            assert every_page(index_services, term, True, 2) == scan(index_services, term), term
            assert every_page(index_services, term, False, 2) == scan(index_services, term,
                                                                      "ASC"), term


def test_edits_and_deletes_keep_the_index_right(sqlite_services: Services) -> None:
    """Insert, update and delete through the ORM: the triggers keep case_search_chars in step
    (FTS5's integrity check compares it with the rows) and a short term follows the change."""
    created = sqlite_services.cases.create_case(case_input()).case_no
    with Session(sqlite_services.ctx.engine) as s:
        extra = Case(case_no="临时1", organisation_id=1, received_on=TODAY, search_text="钱七 甲")
        s.add(extra)
        s.commit()
        assert [r.case_no for r in sqlite_services.cases.list_cases(
            CaseQuery(search="钱七")).rows] == ["临时1"]
        extra.search_text = "孙八"
        s.commit()
        assert sqlite_services.cases.list_cases(CaseQuery(search="钱七")).total == 0
        assert sqlite_services.cases.list_cases(CaseQuery(search="孙八")).total == 1
        s.delete(extra)
        s.commit()
    assert sqlite_services.cases.list_cases(CaseQuery(search="孙八")).total == 0
    assert [r.case_no for r in sqlite_services.cases.list_cases(
        CaseQuery(search="三")).rows] == [created]
    with sqlite_services.ctx.engine.begin() as conn:
        for index in ("case_search", "case_search_chars"):
            conn.exec_driver_sql(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")


def test_short_terms_do_not_match_across_words(sqlite_services: Services) -> None:
    """Words stay apart (三迅 is not in "张三 迅达"), characters beyond the BMP are single
    characters, ASCII case is ignored as LIKE ignores it, % and _ are plain characters."""
    sqlite_services.cases.create_case(case_input(summary="张三 迅达 𠮷王 Ab 5%"))
    for term, found in (("三迅", 0), ("𠮷王", 1), ("aB", 1), ("B", 1), ("%", 1), ("5%", 1),
                        ("_", 0), ("b5", 0)):
        assert sqlite_services.cases.list_cases(CaseQuery(search=term)).total == found, term


def sqlite_plan(services: Services, query: str) -> str:
    condition = search_condition(query, "sqlite")
    assert condition is not None
    statement = select(Case.id).where(condition).compile(
        services.ctx.engine, compile_kwargs={"literal_binds": True})
    with services.ctx.engine.connect() as conn:
        return " | ".join(r[3] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}"))


@pytest.mark.parametrize("term, index", [("张", "case_search_chars"),
                                         ("王伟", "case_search_chars"),
                                         ("迅达即配", "case_search")])
def test_sqlite_reads_the_index(sqlite_services: Services, term: str, index: str) -> None:
    plan = sqlite_plan(sqlite_services, term)
    assert f"SCAN {index} VIRTUAL TABLE" in plan
    assert "SCAN dispute_case" not in plan


@pytest.mark.parametrize("term, index", [("张", "case_search_chars"),
                                         ("迅达即配", "case_search")])
@pytest.mark.parametrize("descending", [True, False])
def test_sqlite_reads_a_date_ordered_page_off_the_index(sqlite_services: Services, term: str,
                                                        index: str, descending: bool) -> None:
    """The index's rowid is the search key (date, then id): a page in date order is the
    index read in rowid order, with no sort of all the matches, and its ids are the cases'."""
    created = [sqlite_services.cases.create_case(case_input(
        received_on=TODAY - timedelta(days=d))).case_no for d in (3, 9, 1, 9)]
    page = search.sqlite_page(term, descending=descending, offset=0, limit=10)
    with sqlite_services.ctx.engine.connect() as conn:
        compiled = page.compile(sqlite_services.ctx.engine,
                                compile_kwargs={"literal_binds": True})
        plan = " | ".join(r[3] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
        ids = [r[0] for r in conn.execute(page)]
        numbers = dict(conn.exec_driver_sql("SELECT id, case_no FROM dispute_case").all())
    assert f"SCAN {index} VIRTUAL TABLE" in plan and "TEMP B-TREE" not in plan, plan
    newest = [created[i] for i in (2, 0, 3, 1)]  # received 1, 3, 9, 9 days ago; ties by id
    assert [numbers[i] for i in ids] == (newest if descending else newest[::-1])


@pytest.mark.postgres
@pytest.mark.parametrize("term, index", [("张", "case_search_grams"),
                                         ("王伟", "case_search_grams"),
                                         ("迅达即配", "case_search_trgm"),
                                         ("33060", "case_search_trgm"),
                                         ("3306021990", "case_search_digits")])
def test_postgres_reads_the_index(pg_services: Services, term: str, index: str) -> None:
    """With sequential scans priced out, the planner serves each term from its GIN index (a
    term the index could not serve would still be a Seq Scan), with the right row."""
    pg_services.cases.create_case(case_input(summary="王伟与迅达即配纠纷"))
    condition = search_condition(term, "postgresql")
    assert condition is not None
    statement = select(Case.id).where(condition).compile(
        pg_services.ctx.engine, compile_kwargs={"literal_binds": True})
    with pg_services.ctx.engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(r[0] for r in conn.execute(text(f"EXPLAIN {statement}")))
        found = conn.execute(text(str(statement))).all()
    assert index in plan and "Seq Scan" not in plan, plan
    assert len(found) == 1


@contextmanager
def sent(engine: Engine) -> Iterator[list[tuple[str, object]]]:
    """The statements (and their parameters) the engine sends inside the block."""
    statements: list[tuple[str, object]] = []

    def seen(_conn: object, _cursor: object, statement: str, parameters: object,
             *_: object) -> None:
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def explained(engine: Engine, statement: str, parameters: object, *, bitmap: bool) -> str:
    """The plan of a statement sent, under the search's settings: no sequential scans, bitmap
    scans on or off as the search set them for it."""
    with engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))
        conn.execute(text(f"SET enable_bitmapscan = {'on' if bitmap else 'off'}"))
        return "\n".join(r[0] for r in conn.exec_driver_sql(
            f"EXPLAIN {statement}", parameters))  # type: ignore[arg-type]


def walkable(services: Services, monkeypatch: pytest.MonkeyPatch, *, probe_rows: int,
             walk_rows: int, **fields: object) -> Engine:
    """Eight cases received over the last week (two on one day), and a walk scaled down to
    them: a capped count of 3, the probe's and the walk's windows as given."""
    for days_ago in (3, 1, 7, 1, 5, 2, 6, 4):
        services.cases.create_case(case_input(received_on=TODAY - timedelta(days=days_ago),
                                              **fields))
    monkeypatch.setattr(search, "COUNT_CAP", 3)
    monkeypatch.setattr(search, "PROBE_ROWS", probe_rows)
    monkeypatch.setattr(search, "WALK_ROWS", walk_rows)
    return services.ctx.engine


@pytest.mark.postgres
def test_postgres_walks_a_common_term_along_the_date_index(
        pg_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """A term most recent cases hold: its page is read along case_search_date, newest first,
    in the index's order (no sort, no bitmap of every match), from the probe's cases and then
    the older ones, until the page is full; the rows are the scan's. A page as long as the
    capped count (here 5 > COUNT_CAP) gives the count too: no counting statement."""
    engine = walkable(pg_services, monkeypatch, probe_rows=2, walk_rows=12)
    with sent(engine) as statements:
        page = pg_services.cases.list_cases(CaseQuery(search="张", limit=5))
    assert ([r.case_no for r in page.rows], page.total, page.capped) == (
        scan(pg_services, "张")[:5], 3, True)
    walks = [(st, p) for st, p in statements if " LIKE " in st and "ORDER BY" in st]
    assert len(walks) == 2  # the probe's cases, then the older ones
    assert not [st for st, _ in statements if "count(" in st]
    for statement, parameters in walks:
        plan = explained(engine, statement, parameters, bitmap=False)
        assert "case_search_date" in plan and "Sort" not in plan, plan


@pytest.mark.postgres
@pytest.mark.parametrize("term, index", [("张", "case_search_grams"),
                                         ("迅达即配", "case_search_trgm")])
def test_postgres_counts_a_walked_term_in_its_gin_index(
        pg_services: Services, monkeypatch: pytest.MonkeyPatch, term: str, index: str) -> None:
    """A page shorter than the capped count of a term not common enough to walk on to the
    count: the walk stops at the page's end and the count is one statement on its GIN index,
    stopping after COUNT_CAP + 1 matches; a caseless term is tested with LIKE (ILIKE
    lower-cases every text it tests)."""
    # WALK_ROWS 4: counting on means reading past 5/6 of the window, so the count is not walked.
    engine = walkable(pg_services, monkeypatch, probe_rows=1, walk_rows=4,
                      summary="张某与迅达即配纠纷")
    with sent(engine) as statements:
        page = pg_services.cases.list_cases(CaseQuery(search=term, limit=2))
    assert ([r.case_no for r in page.rows], page.total, page.capped) == (
        scan(pg_services, term)[:2], 3, True)
    walks = [st for st, _ in statements if " LIKE " in st and "ORDER BY" in st]
    assert len(walks) == 2 and not [st for st in walks if "ILIKE" in st], walks
    counts = [(st, p) for st, p in statements if "count(" in st]
    assert len(counts) == 1, statements
    plan = explained(engine, *counts[0], bitmap=True)
    assert f"Bitmap Index Scan on {index}" in plan and "Limit" in plan, plan
    assert "case_search_date" not in plan, plan


@pytest.mark.postgres
def test_postgres_walk_and_page_take_few_statements(
        pg_services: Services, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk bounds the newest cases inside its two statements (no look-up of the probe's
    or the walk's boundary row first), and the page's cases and their names are fetched by
    one array of ids each (`= ANY`), not one placeholder per case; the rows are the scan's."""
    engine = walkable(pg_services, monkeypatch, probe_rows=2, walk_rows=20)
    with sent(engine) as statements:
        page = pg_services.cases.list_cases(CaseQuery(search="张", limit=5))
    assert [r.case_no for r in page.rows] == scan(pg_services, "张")[:5]
    assert (page.total, page.capped) == (3, True)
    reads = [st for st, _ in statements if not st.startswith("SET")]
    assert len(reads) == 4, reads  # the probe, the walk, the page's cases, their names
    for statement, parameters in statements[-2:]:
        assert "= ANY" in statement, statement
        lists = [v for v in dict(parameters).values() if isinstance(v, list)]  # type: ignore[call-overload]
        assert [len(v) for v in lists] == [5], parameters


@pytest.mark.postgres
@pytest.mark.parametrize("term", [X_ID[4:13], X_ID[-8:].lower()])
def test_postgres_reads_a_rare_digit_term_once(pg_services: Services,
                                               monkeypatch: pytest.MonkeyPatch,
                                               term: str) -> None:
    """A term with six digits in a row that few cases hold: its matches are read once off
    case_search_digits (not the digit trigrams, which every case holds), in one statement
    giving the page and the count; then the page's cases and their names."""
    holder = PartyInput(role="applicant", name="王伟", phone="13800000000", id_number=X_ID)
    pg_services.cases.create_case(case_input(parties=[holder, platform()],
                                             received_on=TODAY - timedelta(days=9)))
    for days_ago in (1, 2, 3):
        pg_services.cases.create_case(case_input(received_on=TODAY - timedelta(days=days_ago)))
    monkeypatch.setattr(search, "PROBE_ROWS", 2)
    engine = pg_services.ctx.engine
    with sent(engine) as statements:
        page = pg_services.cases.list_cases(CaseQuery(search=term))
    assert ([r.case_no for r in page.rows], page.total, page.capped) == (
        scan(pg_services, term), 1, False)
    reads = [(st, p) for st, p in statements if not st.startswith("SET")]
    assert len(reads) == 4, reads  # the probe, the matches, the page's cases, their names
    statement, parameters = reads[1]
    assert "count(*) OVER ()" in statement, statement
    plan = explained(engine, statement, parameters, bitmap=True)
    assert "Bitmap Index Scan on case_search_digits" in plan, plan
    assert "case_search_trgm" not in plan and "case_search_date" not in plan, plan
