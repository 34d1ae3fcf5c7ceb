"""Nothing replaced silently: a case number that exists is compared, refused with the differences
unless replace is asked for, never moved to another organisation, never rolled back by an older
file without a second yes; races between clerks end in a Chinese message. SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from app.bootstrap import Services, open_services
from app.errors import AppError, ConflictError
from app.services.exchange import case_file
from app.services.exchange.case_file import CaseDiffers, ImportOutcome
from tests import archives
from tests.archives import PASS
from tests.conftest import TODAY
from tests.services.exchange.conftest import Fingerprint
from tests.services.exchange.test_exchange import full_case


def copy(data: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(data))


@pytest.fixture
def stored(services: Services, tmp_path: Path) -> tuple[str, dict[str, Any]]:
    case_no = full_case(services, tmp_path)
    return case_no, services.exchange.export_case(case_no)


def test_an_identical_case_is_a_noop_that_says_so(services: Services, stored: tuple[str, Any],
                                                  fingerprint: Fingerprint,
                                                  tmp_path: Path) -> None:
    case_no, data = stored
    before = fingerprint(services)
    assert services.exchange.import_case(copy(data)).outcome is ImportOutcome.UNCHANGED
    path = tmp_path / "same.json"
    services.exchange.export_to_file(case_no, path)
    assert services.exchange.import_file(path, replace=True).outcome is ImportOutcome.UNCHANGED
    assert fingerprint(services) == before  # not even an audit entry


def test_different_content_is_refused_naming_each_difference(
        services: Services, stored: tuple[str, Any], fingerprint: Fingerprint) -> None:
    case_no, data = stored
    data = copy(data)
    data["parties"][0]["phone"] = "13911112222"
    data["case"]["city"] = "杭州市"
    data["claims"] += [dict(data["claims"][0], seq=3), dict(data["claims"][0], seq=4)]
    data["evidence"].pop()
    data["agreements"][0]["terms"][0]["amount"] = "9000.00"
    before = fingerprint(services)
    with pytest.raises(CaseDiffers) as caught:
        services.exchange.import_case(data)
    assert set(caught.value.differences) == {
        "案件的“城市”不同", "当事人“张三”的电话不同", "文件多出请求事项2项",
        "文件少了证据1项（已存案件有1项）", "第1份调解协议的履行条款第1项的金额不同"}
    assert caught.value.message.startswith(f"案号“{case_no}”的案件已存在，且与文件内容不同")
    assert "未导入任何内容" in caught.value.message
    assert fingerprint(services) == before


def test_replace_writes_the_file_and_conflicts_an_open_form(
        services: Services, stored: tuple[str, Any]) -> None:
    case_no, data = stored
    version = data["case"]["version"]
    data = copy(data)
    data["parties"][0]["phone"] = "13911112222"
    result = services.exchange.import_case(data, replace=True)
    assert (result.case_no, result.outcome, result.updated) == \
        (case_no, ImportOutcome.REPLACED, True)
    after = services.exchange.export_case(case_no)
    assert after["parties"][0]["phone"] == "13911112222"
    assert after["case"]["version"] == version + 1
    assert after == dict(data, case=dict(data["case"], version=version + 1))
    # A clerk who opened the case before the import cannot save over it unseen.
    with pytest.raises(ConflictError):
        services.case_edit.update_case(case_no, {"city": "宁波市"}, version)


@pytest.mark.parametrize("replace", [False, True])
def test_no_import_moves_a_case_to_another_organisation(
        services: Services, stored: tuple[str, Any], fingerprint: Fingerprint,
        replace: bool) -> None:
    case_no, data = stored
    data = copy(data)
    data["organisation"]["name"] = "另一个劳动争议调解委员会"
    before = fingerprint(services)
    with pytest.raises(AppError, match="不会把案件移到另一个组织") as caught:
        services.exchange.import_case(data, replace=replace, allow_older=replace)
    assert caught.value.code == "other_organisation" and case_no in caught.value.message
    assert fingerprint(services) == before  # no organisation created either


def test_an_older_file_needs_allow_older_as_well(services: Services, stored: tuple[str, Any],
                                                fingerprint: Fingerprint) -> None:
    case_no, old = stored
    version = old["case"]["version"]
    services.case_edit.update_case(case_no, {"city": "宁波市"}, version)
    before = fingerprint(services)
    for replace in (False, True):
        with pytest.raises(CaseDiffers) as caught:
            services.exchange.import_case(copy(old), replace=replace)
        assert caught.value.code == "case_older"
        assert f"文件导出自该案件的第 {version} 版，已存案件已是第 {version + 1} 版" \
            in caught.value.message
        assert caught.value.differences == ["案件的“城市”不同"]
    assert fingerprint(services) == before
    result = services.exchange.import_case(copy(old), replace=True, allow_older=True)
    assert result.outcome is ImportOutcome.REPLACED
    after = services.exchange.export_case(case_no)
    assert after["case"]["city"] == old["case"]["city"] and after["case"]["version"] == version + 2


def test_an_older_file_without_a_version_is_seen_by_its_time(
        services: Services, stored: tuple[str, Any], fingerprint: Fingerprint) -> None:
    _, data = stored
    data = copy(data)
    del data["case"]["version"]
    data["case"]["updated_at"] = "2026-01-01T08:00:00+08:00"
    data["case"]["summary"] = "旧的摘要"
    before = fingerprint(services)
    with pytest.raises(CaseDiffers, match="2026年1月1日 00:00:00 \\(UTC\\)") as caught:
        services.exchange.import_case(data, replace=True)
    assert caught.value.code == "case_older"
    assert fingerprint(services) == before


def hold_write_lock(services: Services, case_no: str) -> Any:
    """Another clerk in the middle of writing: SQLite's write lock, or the case row on
    PostgreSQL; our side gives up after a short wait."""
    if services.ctx.is_sqlite:
        event.listen(services.ctx.engine, "connect",
                     lambda conn, _record: conn.execute("PRAGMA busy_timeout=100"))
        services.ctx.engine.dispose()
        other = sqlite3.connect(services.ctx.config.db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        return other
    other = services.ctx.engine.connect()
    other.begin()
    other.execute(text("SELECT id FROM dispute_case WHERE case_no = :no FOR UPDATE"),
                  {"no": case_no})
    return other


def test_a_locked_database_becomes_a_chinese_message(
        services: Services, stored: tuple[str, Any], fingerprint: Fingerprint,
        monkeypatch: pytest.MonkeyPatch) -> None:
    case_no, data = stored
    monkeypatch.setattr(case_file, "LOCK_TIMEOUT_MS", 100)
    data = copy(data)
    data["case"]["summary"] = "另一位工作人员改过的摘要"
    before = fingerprint(services)
    other = hold_write_lock(services, case_no)
    try:
        with pytest.raises(AppError, match="另一位工作人员正在导入或修改案件") as caught:
            services.exchange.import_case(data, replace=True)
        assert caught.value.code == "busy" and "未写入任何内容" in caught.value.message
    finally:
        other.rollback() if not services.ctx.is_sqlite else other.execute("ROLLBACK")
        other.close()
    assert fingerprint(services) == before


def test_two_clerks_importing_one_new_case_store_it_once(
        services: Services, stored: tuple[str, Any], fingerprint: Fingerprint) -> None:
    _, data = stored
    data = copy(data)
    data["case"]["case_no"] = "企调〔2026〕0999号"
    rival = open_services(services.ctx.config, user="rival", today=lambda: TODAY)
    if services.ctx.is_sqlite:
        event.listen(rival.ctx.engine, "connect",
                     lambda conn, _record: conn.execute("PRAGMA busy_timeout=100"))
        rival.ctx.engine.dispose()
    messages: list[str] = []

    def rival_imports_first() -> None:
        try:
            rival.exchange.import_case(copy(data))
        except AppError as exc:  # SQLite: our write lock keeps the rival out
            messages.append(exc.message)

    try:
        if services.ctx.is_sqlite:
            assert services.exchange.import_case(copy(data), before_write=rival_imports_first) \
                .outcome is ImportOutcome.CREATED
        else:  # PostgreSQL: the rival commits first; our insert meets the unique key
            with pytest.raises(AppError, match="另一位工作人员正在导入") as caught:
                services.exchange.import_case(copy(data), before_write=rival_imports_first)
            messages.append(caught.value.message)
    finally:
        rival.close()
    assert len(messages) == 1 and "另一位工作人员正在导入" in messages[0]
    assert services.cases.count() == 2
    before = fingerprint(services)
    assert services.exchange.import_case(copy(data)).outcome is ImportOutcome.UNCHANGED
    assert fingerprint(services) == before


# Bundles: the same rules, and no file of a refused bundle reaches the store.

def make_bundle(services: Services, case_no: str, target: Path) -> Path:
    services.bundles.export_bundle(case_no, target, passphrase=PASS)
    return target


def test_a_bundle_that_differs_is_refused_and_writes_no_file(
        other_sqlite_services: Services, services: Services, tmp_path: Path,
        fingerprint: Fingerprint) -> None:
    source = other_sqlite_services
    case_no = full_case(source, tmp_path)
    first = make_bundle(source, case_no, tmp_path / "first.zip")
    assert services.bundles.import_bundle(first, passphrase=PASS).updated is False
    again = services.bundles.import_bundle(first, passphrase=PASS)
    assert again.unchanged and not again.updated
    scan = tmp_path / "补充证据.png"
    scan.write_bytes(b"\x89PNG later evidence")
    source.records.add_evidence(case_no, "补充证据", file_path=scan)
    source.case_edit.update_case(case_no, {"summary": "补充了证据"},
                                 source.exchange.export_case(case_no)["case"]["version"])
    second = make_bundle(source, case_no, tmp_path / "second.zip")
    before = fingerprint(services)
    with pytest.raises(CaseDiffers) as caught:
        services.bundles.import_bundle(second, passphrase=PASS)
    assert set(caught.value.differences) == {"案件的“案情摘要”不同", "文件多出证据1项"}
    assert fingerprint(services) == before  # the new file is not in the store
    result = services.bundles.import_bundle(second, replace=True, passphrase=PASS)
    assert result.updated and services.check.run().ok
    assert services.exchange.export_case(case_no) == source.exchange.export_case(case_no)
    before = fingerprint(services)
    with pytest.raises(CaseDiffers) as caught:  # the first bundle is older now
        services.bundles.import_bundle(first, replace=True, passphrase=PASS)
    assert caught.value.code == "case_older"
    assert fingerprint(services) == before


def rewrite(source: Path, target: Path, **changes: bytes) -> Path:
    with archives.ZipFile(source) as zf:
        contents = {n: zf.read(n) for n in zf.namelist()}
    contents.update(changes)
    with archives.ZipFile(target, "w") as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
    return target


def manifest_of(path: Path) -> dict[str, Any]:
    with archives.ZipFile(path) as zf:
        return json.loads(zf.read("manifest.json"))


def test_a_bundle_manifest_must_name_its_case(other_sqlite_services: Services, services: Services,
                                             tmp_path: Path, fingerprint: Fingerprint) -> None:
    case_no = full_case(other_sqlite_services, tmp_path)
    bundle = make_bundle(other_sqlite_services, case_no, tmp_path / "case.zip")
    manifest = manifest_of(bundle)
    manifest["case_no"] = "企调〔2026〕0002号"
    bad = rewrite(bundle, tmp_path / "bad.zip", **{"manifest.json": json.dumps(manifest).encode()})
    before = fingerprint(services)
    with pytest.raises(AppError, match="清单中的案号“企调〔2026〕0002号”与 case.json 中的案号"):
        services.bundles.import_bundle(bad, passphrase=PASS)
    assert fingerprint(services) == before


def test_duplicate_keys_are_refused_in_case_files_and_bundles(
        other_sqlite_services: Services, services: Services, tmp_path: Path,
        fingerprint: Fingerprint) -> None:
    case_no = full_case(other_sqlite_services, tmp_path)
    document = other_sqlite_services.exchange.export_case(case_no)
    dumped = json.dumps(document, ensure_ascii=False)
    twice = dumped.replace('"phone": ', '"phone": "13900000000", "phone": ', 1)
    path = tmp_path / "twice.json"
    path.write_text(twice, encoding="utf-8")
    bundle = make_bundle(other_sqlite_services, case_no, tmp_path / "case.zip")
    manifest = json.dumps(manifest_of(bundle), ensure_ascii=False)
    manifest_twice = manifest.replace('"version": 1', '"version": 1, "version": 1', 1)
    bad_manifest = rewrite(bundle, tmp_path / "m.zip", **{"manifest.json": manifest_twice.encode()})
    fixed = manifest_of(bundle)
    fixed["entries"]["case.json"] = hashlib.sha256(twice.encode()).hexdigest()
    bad_case = rewrite(bundle, tmp_path / "c.zip", **{"case.json": twice.encode(),
                                                      "manifest.json": json.dumps(fixed).encode()})
    before = fingerprint(services)
    with pytest.raises(AppError, match="键“phone”出现了不止一次"):
        services.exchange.import_file(path)
    with pytest.raises(AppError, match="键“version”出现了不止一次"):
        services.bundles.import_bundle(bad_manifest, passphrase=PASS)
    with pytest.raises(AppError, match="case.json 同一对象中键“phone”出现了不止一次"):
        services.bundles.import_bundle(bad_case, passphrase=PASS)
    assert fingerprint(services) == before


def test_a_failing_disk_becomes_a_chinese_message(services: Services, stored: tuple[str, Any],
                                                  fingerprint: Fingerprint,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import OperationalError

    def broken_disk(*_args: object) -> None:
        raise OperationalError("INSERT …", {}, Exception("disk I/O error"))

    _, data = stored
    data = copy(data)
    data["case"]["summary"] = "新的摘要"
    monkeypatch.setattr(case_file, "write_document", broken_disk)
    before = fingerprint(services)
    with pytest.raises(AppError, match="未能写入数据库（disk I/O error）") as caught:
        services.exchange.import_case(data, replace=True)
    assert caught.value.code == "storage"
    assert fingerprint(services) == before


def test_a_row_field_left_out_counts_as_its_default(services: Services,
                                                   stored: tuple[str, Any],
                                                   fingerprint: Fingerprint) -> None:
    case_no, _ = stored
    services.records.add_event(case_no, "hearing.noted", TODAY, data={"room": "一号调解室"})
    data = copy(services.exchange.export_case(case_no))
    del data["events"][-1]["data"]  # a replace would store {}
    del data["claims"][0]["description"]
    before = fingerprint(services)
    with pytest.raises(CaseDiffers) as caught:
        services.exchange.import_case(data)
    assert any(line.endswith("项时间线事件的内容不同") for line in caught.value.differences)
    assert any(line.startswith("请求事项第1项的内容") for line in caught.value.differences)
    assert fingerprint(services) == before


def test_a_bundle_carries_exactly_its_evidence_files(
        other_sqlite_services: Services, services: Services, tmp_path: Path,
        fingerprint: Fingerprint) -> None:
    case_no = full_case(other_sqlite_services, tmp_path)
    bundle = make_bundle(other_sqlite_services, case_no, tmp_path / "case.zip")
    manifest = manifest_of(bundle)
    smuggled = b"MZ not evidence"
    sha = hashlib.sha256(smuggled).hexdigest()
    extra = dict(manifest, entries=dict(manifest["entries"], **{f"files/{sha}": sha}))
    stuffed = rewrite(bundle, tmp_path / "stuffed.zip", **{f"files/{sha}": smuggled,
                                                           "manifest.json": json.dumps(extra).encode()})
    with archives.ZipFile(bundle) as zf:
        contents = {n: zf.read(n) for n in zf.namelist() if not n.startswith("files/")}
    bare = dict(manifest, entries={n: h for n, h in manifest["entries"].items()
                                   if not n.startswith("files/")})
    contents["manifest.json"] = json.dumps(bare).encode()
    emptied = tmp_path / "emptied.zip"
    with archives.ZipFile(emptied, "w") as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
    before = fingerprint(services)
    with pytest.raises(AppError, match=f"包内文件“files/{sha}”不属于案件中的任何证据"):
        services.bundles.import_bundle(stuffed, passphrase=PASS)
    with pytest.raises(AppError, match="证据“工资转账记录”的文件不在包内"):
        services.bundles.import_bundle(emptied, passphrase=PASS)
    assert fingerprint(services) == before
