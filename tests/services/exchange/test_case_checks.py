"""Case files are checked like the form: each hostile document is refused with the field path
and a Chinese reason, every problem at once, and nothing in the database changes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import Services
from app.errors import AppError, ValidationFailed
from app.services.exchange.case_file import ImportOutcome
from tests.services.exchange.conftest import Fingerprint
from tests.services.exchange.test_exchange import full_case

Mutation = Callable[[dict[str, Any]], object]


def nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"a": value}
    return value


def document_row() -> dict[str, Any]:
    return {"kind": "mediation_agreement", "file_format": "pdf", "sha256": "A" * 64}


# name → (mutation, field path, fragment of the message)
ATTACKS: dict[str, tuple[Mutation, str, str]] = {
    "NUL in a name": (lambda d: d["parties"][0].update(name="张\x00三"),
                      "parties[0].name", "控制字符 U+0000"),
    "escape in the organisation": (lambda d: d["organisation"].update(name="调解委员会\x1b[2J"),
                                   "organisation.name", "控制字符 U+001B"),
    "newline in a one-line field": (lambda d: d["parties"][0].update(domicile="人民路\n1号"),
                                    "parties[0].domicile", "不能含换行符"),
    "tab in a claim": (lambda d: d["claims"][0].update(description="工资\t差额"),
                       "claims[0].description", "不能含换行符或制表符"),
    "carriage return in facts": (lambda d: d["case"].update(facts="第一行\r第二行"),
                                 "case.facts", "控制字符 U+000D"),
    "C1 control in a term": (lambda d: d["agreements"][0]["terms"][0].update(payer="公司\x85"),
                             "agreements[0].terms[0].payer", "控制字符 U+0085"),
    "lone surrogate": (lambda d: d["case"].update(summary="摘要\ud800"),
                       "case.summary", "孤立代理项 U+D800"),
    "control character in a key": (lambda d: d["events"][0]["data"].update({"x\x00": 1}),
                                   "events[0].data.x\x00", "字段名含有控制字符"),
    "bell in event data": (lambda d: d["events"][0]["data"].update(note="\x07"),
                           "events[0].data.note", "控制字符 U+0007"),
    "unknown state": (lambda d: d["case"].update(state="mediation.bribed"),
                      "case.state", "不是工作流中的状态"),
    "stage against state": (lambda d: d["case"].update(state="arbitration.applied",
                                                       stage="mediation"),
                            "case.stage", "与办理状态“已申请仲裁”不符"),
    "short hash": (lambda d: d["evidence"][0].update(file_sha256="abc"),
                   "evidence[0].file_sha256", "64 位小写十六进制"),
    "upper-case hash": (lambda d: d["documents"].append(document_row()),
                        "documents[0].sha256", "64 位小写十六进制"),
    "path in a hash": (lambda d: d["evidence"][0].update(file_sha256="../" * 21 + "a"),
                       "evidence[0].file_sha256", "64 位小写十六进制"),
    "timestamp without zone": (lambda d: d["case"].update(created_at="2026-11-02T09:00:00"),
                               "case.created_at", "缺少时区"),
    "session time with zone": (lambda d: d["sessions"][0].update(
        held_at="2026-11-05T09:30:00+08:00"), "sessions[0].held_at", "不应带时区"),
    "year 9999": (lambda d: d["claims"][0].update(period_end="9999-12-31"),
                  "claims[0].period_end", "不在 1900 年至 2100 年之间"),
    "year 1": (lambda d: d["parties"][0].update(birth_date="0001-01-01"),
               "parties[0].birth_date", "不在 1900 年至 2100 年之间"),
    "future receipt": (lambda d: d["case"].update(received_on="2026-11-30", accepted_on=None),
                       "case.received_on", "晚于今天"),
    "period backwards": (lambda d: d["claims"][0].update(period_start="2026-10-01",
                                                         period_end="2026-09-01"),
                         "claims[0].period_end", "不能早于"),
    "session before receipt": (lambda d: d["sessions"][0].update(held_at="2026-10-01T09:00:00"),
                               "sessions[0].held_at", "不能早于"),
    "agreement before receipt": (lambda d: d["agreements"][0].update(signed_on="2026-10-01"),
                                 "agreements[0].signed_on", "不能早于"),
    "agreement in the future": (lambda d: d["agreements"][0].update(signed_on="2026-11-24"),
                                "agreements[0].signed_on", "晚于今天"),
    "due before signing": (lambda d: d["agreements"][0]["terms"][0].update(due_on="2026-11-01"),
                           "agreements[0].terms[0].due_on", "不能早于"),
    "performed in the future": (lambda d: d["agreements"][0]["terms"][0].update(
        performed=True, performed_on="2026-12-01"), "agreements[0].terms[0].performed_on",
        "晚于今天"),
    "event in the future": (lambda d: d["events"][0].update(occurred_on="2027-01-01"),
                            "events[0].occurred_on", "晚于今天"),
    "filing before receipt": (lambda d: d["filings"][0].update(filed_on="2026-10-30"),
                              "filings[0].filed_on", "不能早于"),
    "deep nesting": (lambda d: d["events"][0].update(data=nested(40)),
                     "events[0].data.a.a.a.a.a.a.a.a.a", "嵌套超过 12 层"),
    "boolean party reference": (lambda d: d["claims"][0].update(party_ref=True),
                                "claims[0].party_ref", "应为当事人序号（整数）"),
    "unknown section": (lambda d: d.update(payload={"run": "rm -rf /"}),
                        "payload", "未知字段"),
    "bad version": (lambda d: d["case"].update(version="7"), "case.version", "正整数"),
    "organisation kind as a list": (lambda d: d["organisation"].update(kind=["x"]),
                                    "organisation.kind", "格式不正确"),
    "file size as text": (lambda d: d["evidence"][0]["file"].update(size="28"),
                          "evidence[0].file.size", "格式不正确"),
}


@pytest.fixture
def stored(services: Services, tmp_path: Path) -> tuple[str, dict[str, Any]]:
    case_no = full_case(services, tmp_path)
    return case_no, services.exchange.export_case(case_no)


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_hostile_content_is_refused_and_changes_nothing(
        services: Services, stored: tuple[str, dict[str, Any]], fingerprint: Fingerprint,
        attack: str) -> None:
    mutate, field, fragment = ATTACKS[attack]
    data = json.loads(json.dumps(stored[1]))
    mutate(data)
    before = fingerprint(services)
    with pytest.raises(ValidationFailed) as caught:
        # Even with every yes given: the checks come before any comparison or write.
        services.exchange.import_case(data, replace=True, allow_older=True)
    problems = {e.field: e.message for e in caught.value.errors}
    assert field in problems and fragment in problems[field], caught.value.message
    assert fingerprint(services) == before


def test_every_problem_is_listed_at_once(services: Services,
                                         stored: tuple[str, dict[str, Any]],
                                         fingerprint: Fingerprint) -> None:
    data = json.loads(json.dumps(stored[1]))
    data["case"]["case_no"] = "企调〔2026〕0777号"  # a new case: nothing to compare against
    for name in ("NUL in a name", "unknown state", "short hash", "year 9999", "tab in a claim"):
        ATTACKS[name][0](data)
    before = fingerprint(services)
    with pytest.raises(ValidationFailed) as caught:
        services.exchange.import_case(data)
    assert {"parties[0].name", "case.state", "evidence[0].file_sha256", "claims[0].period_end",
            "claims[0].description"} <= {e.field for e in caught.value.errors}
    assert caught.value.message.startswith("输入有误，未保存任何内容")
    assert fingerprint(services) == before


def test_line_breaks_where_the_form_has_a_box(services: Services,
                                             stored: tuple[str, dict[str, Any]]) -> None:
    case_no, data = stored
    data = json.loads(json.dumps(data))
    data["case"]["facts"] = "第一段。\n\t第二段。"
    data["sessions"][0]["record"] = "问：…\n答：…"
    data["events"][0]["data"] = {"note": "两行\n备注"}
    result = services.exchange.import_case(data, replace=True)
    assert result.outcome is ImportOutcome.REPLACED
    after = services.exchange.export_case(case_no)
    assert after["case"]["facts"] == "第一段。\n\t第二段。"
    assert after["sessions"][0]["record"] == "问：…\n答：…"


@pytest.mark.parametrize("payload, fragment", [
    (b"[" * 100_000 + b"]" * 100_000, "嵌套层数过深"),
    (b'{"format": NaN}', "NaN"),
    (b'{"format": "mediation-desk/case", "format": "x"}', "键“format”出现了不止一次"),
    (b'{"a": 1', "第 1 行第 8 列"),
    (b"9" * 5000, "无法读取的数值"),
])
def test_unreadable_json_is_refused(services: Services, stored: tuple[str, dict[str, Any]],
                                    fingerprint: Fingerprint, tmp_path: Path,
                                    payload: bytes, fragment: str) -> None:
    path = tmp_path / "hostile.json"
    path.write_bytes(payload)
    before = fingerprint(services)
    with pytest.raises(AppError, match=fragment) as caught:
        services.exchange.import_file(path, replace=True)
    assert caught.value.message.endswith("未导入任何内容")
    assert fingerprint(services) == before
