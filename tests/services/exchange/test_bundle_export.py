"""Bundle export: personal data masked for roles that may not see it; streamed, atomic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.errors import AppError
from tests import archives
from tests.archives import PASS
from tests.factories import WORKER_ID, case_input


def exported_case(path: Path) -> tuple[dict[str, object], dict[str, object]]:
    with archives.ZipFile(path) as zf:
        return json.loads(zf.read("case.json")), json.loads(zf.read("manifest.json"))


@pytest.mark.parametrize("role, masked", [
    ("read_only", True), ("mediator", False), ("administrator", False), (None, False),
])
def test_personal_data_masked_unless_the_role_may_see_it(services: Services, tmp_path: Path,
                                                         role: str | None, masked: bool) -> None:
    case_no = services.cases.create_case(case_input()).case_no
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(b"scan of the contract")
    services.records.add_evidence(case_no, "合同", file_path=scan)
    services.ctx.role = role
    out = tmp_path / "out"
    result = services.bundles.export_bundle(case_no, out / "case.zip", passphrase=PASS)
    document, manifest = exported_case(out / "case.zip")
    text = json.dumps(document, ensure_ascii=False)
    assert result.masked is masked and manifest["masked"] is masked
    assert (WORKER_ID in text) is not masked and ("13800138000" in text) is not masked
    if masked:
        assert WORKER_ID[:6] + "********" + WORKER_ID[-4:] in text
    assert result.files == 1  # the evidence travels either way
    assert [p.name for p in out.iterdir()] == ["case.zip"]  # no temporary file left


def test_a_failed_export_leaves_nothing_next_to_the_target(sqlite_services: Services,
                                                           tmp_path: Path) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(b"scan")
    sqlite_services.records.add_evidence(case_no, "照片", file_path=scan)
    stored = next(p for p in sqlite_services.ctx.config.files_dir.rglob("*") if p.is_file())
    stored.write_bytes(b"forged")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(AppError, match="篡改"):
        sqlite_services.bundles.export_bundle(case_no, out / "case.zip", passphrase=PASS)
    assert list(out.iterdir()) == []
