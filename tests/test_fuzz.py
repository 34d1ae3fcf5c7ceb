"""Property-based bad input: nothing crashes, everything invalid is refused and changes nothing."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.bootstrap import Services
from app.errors import AppError, FieldError, ValidationFailed
from app.knowledge.errors import OrderFileError
from app.knowledge.order_import import read_order_file
from app.services.cases import field_checks as v
from app.services.cases.dto import CaseQuery
from tests import archives
from tests.archives import PASS

TODAY = date(2026, 11, 23)
BUDGET = settings(max_examples=150, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])
NASTY = st.text(alphabet=st.characters(codec="utf-8"), max_size=300) | st.sampled_from([
    '"', '""', "*", "OR", "NEAR(", "^", ":", "(", ")", "-", "%", "_", "\\", "\x00", "'; DROP",
    "张", "王伟", "a" * 5000, "ＡＢＣ１２３", "١٢٣", "🙂🙂🙂", "\u202e", "\r\n\t",
])


@BUDGET
@given(NASTY)
def test_validators_never_crash(text: str) -> None:
    for problems in (v.check_resident_id(text, "f", TODAY), v.check_credit_code(text, "f"),
                     v.check_phone(text, "f"), v.parse_amount(text, "f")[1]):
        assert all(isinstance(p, FieldError) and p.message for p in problems)


@BUDGET
@given(NASTY)
def test_search_box_never_crashes(searchable_services: Services, text: str) -> None:
    page = searchable_services.cases.list_cases(CaseQuery(search=text, limit=5))
    assert page.total >= len(page.rows)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | NASTY,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(NASTY, children, max_size=4),
    max_leaves=20)


@BUDGET
@given(data=st.data())
def test_case_importer_refuses_junk_cleanly(searchable_services: Services,
                                            data: st.DataObject) -> None:
    base = searchable_services.exchange.export_case(SEARCHABLE_CASE)
    document = json.loads(json.dumps(base))
    section = data.draw(st.sampled_from(["case", "parties", "claims", "agreements", "root"]))
    junk = data.draw(JSONISH)
    if section == "root":
        document = junk
    elif section == "case":
        key = data.draw(st.sampled_from(sorted(document["case"])))
        document["case"][key] = junk
    else:
        document[section] = junk if not isinstance(junk, list) else junk + document[section]
    before = searchable_services.exchange.export_case(SEARCHABLE_CASE)
    try:
        searchable_services.exchange.import_case(document)
    except AppError:
        assert searchable_services.exchange.export_case(SEARCHABLE_CASE) == before


# Text fields of the stored case a hostile file may fill: (section, row or None, column).
TEXT_FIELDS = [("case", None, "summary"), ("case", None, "facts"), ("case", None, "platform"),
               ("parties", 0, "domicile"), ("parties", 0, "workplace"),
               ("claims", 0, "description")]


@BUDGET
@given(text=NASTY, where=st.sampled_from(TEXT_FIELDS))
def test_case_importer_takes_text_exactly_or_refuses_it(searchable_services: Services, text: str,
                                                        where: tuple[str, int | None, str]) -> None:
    """Replacing a case with hostile text: stored exactly as written, or refused unchanged."""
    section, row, column = where
    before = searchable_services.exchange.export_case(SEARCHABLE_CASE)
    document = json.loads(json.dumps(before))
    target = document[section] if row is None else document[section][row]
    target[column] = text
    try:
        searchable_services.exchange.import_case(document, replace=True, allow_older=True)
    except ValidationFailed:
        assert searchable_services.exchange.export_case(SEARCHABLE_CASE) == before
        return
    after = searchable_services.exchange.export_case(SEARCHABLE_CASE)
    stored = after[section] if row is None else after[section][row]
    assert stored[column] == text
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in text.replace("\n", "")
                   .replace("\t", "")) and ("\n" not in text or column == "facts")


@BUDGET
@given(st.binary(max_size=3000) | NASTY.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_case_file_reader_refuses_junk_bytes(searchable_services: Services, tmp_path_factory,  # type: ignore[no-untyped-def]
                                            payload: bytes) -> None:
    path = Path(tmp_path_factory.mktemp("junk")) / "case.json"
    path.write_bytes(payload)
    count = searchable_services.cases.count()
    try:
        searchable_services.exchange.import_file(path, replace=True)
    except AppError as exc:
        assert exc.message and "Traceback" not in exc.message
    assert searchable_services.cases.count() == count


@BUDGET
@given(st.binary(max_size=2000) | st.lists(st.tuples(NASTY, st.binary(max_size=200)),
                                           max_size=4))
def test_bundle_importer_refuses_junk_cleanly(searchable_services: Services, tmp_path_factory,  # type: ignore[no-untyped-def]
                                              payload: bytes | list[tuple[str, bytes]]) -> None:
    path = Path(tmp_path_factory.mktemp("fuzz")) / "x.zip"
    if isinstance(payload, bytes):
        path.write_bytes(payload)
    else:
        buffer = io.BytesIO()
        with archives.ZipFile(buffer, "w") as zf:
            for name, content in payload:
                if name and "\x00" not in name:
                    zf.writestr(name, content)
        path.write_bytes(buffer.getvalue())
    count = searchable_services.cases.count()
    try:
        searchable_services.bundles.import_bundle(path, passphrase=PASS)
    except AppError:
        pass
    assert searchable_services.cases.count() == count


SEARCHABLE_CASE = "企调〔2026〕0001号"


ORDER_MAPPING = {"order_id": "订单号", "accepted_at": "接单时间", "delivered_at": "送达时间",
                 "platform": "平台"}
MOMENT = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2027, 12, 31))
ORDER_CELL = (NASTY | MOMENT.map(lambda d: d.strftime("%Y-%m-%d %H:%M:%S"))
              | MOMENT.map(lambda d: d.strftime("%Y年%m月%d日 %H:%M")) | st.just(""))


@BUDGET
@given(rows=st.lists(st.lists(ORDER_CELL, min_size=0, max_size=6), max_size=12),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk"]))
def test_order_export_importer_reports_every_row(tmp_path_factory, rows: list[list[str]],  # type: ignore[no-untyped-def]
                                                 encoding: str) -> None:
    """Every data row becomes an order or a problem with its line; no other outcome, no crash."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["订单号", "接单时间", "送达时间", "平台"])
    writer.writerows(rows)
    path = Path(tmp_path_factory.mktemp("orders")) / "orders.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, errors="replace"))
    try:
        result = read_order_file(path, ORDER_MAPPING)
    except OrderFileError as exc:  # the whole file refused, with the reason
        assert exc.message and "订单文件" in exc.message
        return
    for order in result.orders:
        assert order.order_id and order.accepted_at <= order.delivered_at
        assert order.delivered_at - order.accepted_at <= timedelta(hours=24)
    for problem in result.problems:
        assert problem.line >= 2 and problem.reason and str(problem).startswith("第")
    lines = [o.line for o in result.orders] + [p.line for p in result.problems]
    assert len(lines) == len(set(lines))
    assert len(lines) <= len(rows)


@BUDGET
@given(payload=st.binary(max_size=3000), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_order_export_importer_refuses_junk_files(tmp_path_factory, payload: bytes,  # type: ignore[no-untyped-def]
                                                  suffix: str) -> None:
    path = Path(tmp_path_factory.mktemp("orders")) / f"export{suffix}"
    path.write_bytes(payload)
    try:
        result = read_order_file(path, ORDER_MAPPING)
    except OrderFileError as exc:
        assert exc.message
    else:  # junk that happens to decode as text with our header cannot produce orders
        assert result.orders == ()
