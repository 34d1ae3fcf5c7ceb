"""Property-based bad input: nothing crashes, everything invalid is refused and changes nothing."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.bootstrap import Services
from app.errors import AppError, FieldError
from app.services import validation as v
from app.services.dto import CaseQuery

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
        with zipfile.ZipFile(buffer, "w") as zf:
            for name, content in payload:
                if name and "\x00" not in name:
                    zf.writestr(name, content)
        path.write_bytes(buffer.getvalue())
    count = searchable_services.cases.count()
    try:
        searchable_services.bundles.import_bundle(path)
    except AppError:
        pass
    assert searchable_services.cases.count() == count


SEARCHABLE_CASE = "企调〔2026〕0001号"
