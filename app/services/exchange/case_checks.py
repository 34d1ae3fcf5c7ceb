"""Checks of a case document beyond its types: text no form could have produced, nesting, the
workflow's states, file hashes, and dates in the order the form insists on."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from app.errors import FieldError
from app.services.cases.field_checks import check_not_before, check_not_future
from app.services.exchange.case_format import ParsedDocument
from app.workflow.states import STATE_LABELS, stage_of

MAX_DEPTH = 12  # the format needs 5 (agreements[0].terms[0].payer); events' data a few more
# Fields typed in a multi-line box in the form; anywhere else a line break or a tab is refused.
MULTILINE = frozenset({"case.facts", "case.category_reason", "sessions.record",
                       "agreements.facts", "agreements.responsibility", "agreements.content"})
MULTILINE_PREFIXES = ("events.data.",)  # free-form notes a workflow step may carry
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # \t and \n pass
_INDEX = re.compile(r"\[\d+\]")
SHA256 = re.compile(r"[0-9a-f]{64}")


def check_raw(data: Any) -> list[FieldError]:
    """Every string (and key) of the raw document: no control characters, no lone surrogates;
    and no object or array nested deeper than the format needs. Iterative, so a hostile
    document cannot exhaust the stack."""
    problems: list[FieldError] = []
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            problem = _text_problem(value, path)
            if problem:
                problems.append(FieldError(path or "$", problem))
            continue
        if not isinstance(value, dict | list):
            continue
        if depth >= MAX_DEPTH:
            problems.append(FieldError(path or "$", f"嵌套超过 {MAX_DEPTH} 层，不是本程序导出的文件"))
            continue
        if isinstance(value, list):
            stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
            continue
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and (problem := _text_problem(key, "")):
                problems.append(FieldError(child, f"字段名{problem}"))
                continue
            stack.append((item, child, depth + 1))
    problems.sort(key=lambda p: p.field)
    return problems


def _text_problem(text: str, path: str) -> str | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return (f"含有无效的 Unicode 字符（孤立代理项 U+{ord(text[exc.start]):04X}），"
                "请检查文件是否损坏或编码有误")
    generic = _INDEX.sub("", path)
    multiline = generic in MULTILINE or generic.startswith(MULTILINE_PREFIXES)
    found = (_CONTROL_BUT_LINES if multiline else _CONTROL).search(text)
    if found is None:
        return None
    if found.group() in "\n\t":
        return "不能含换行符或制表符（此栏只填一行），请删去"
    return f"含有控制字符 U+{ord(found.group()):04X}，请删去"


def check_rules(parsed: ParsedDocument, today: date) -> list[FieldError]:
    """The workflow state table, hash formats and the date rules of the forms."""
    case = parsed.case
    problems: list[FieldError] = []
    state = case.get("state")
    if isinstance(state, str):
        if state not in STATE_LABELS:
            problems.append(FieldError("case.state", f"办理状态“{state[:60]}”不是工作流中的状态"))
        elif "stage" in case and case["stage"] != stage_of(state).value:
            problems.append(FieldError("case.stage", f"办理阶段“{case['stage']}”与办理状态"
                                                     f"“{STATE_LABELS[state]}”不符"))
    for key, column in (("evidence", "file_sha256"), ("documents", "sha256")):
        for i, (values, _) in enumerate(parsed.children.get(key, [])):
            sha = values.get(column)
            if isinstance(sha, str) and not SHA256.fullmatch(sha):
                problems.append(FieldError(f"{key}[{i}].{column}",
                                           "文件哈希应为 64 位小写十六进制字符（SHA-256）"))
    return problems + _dates(parsed, today)


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _dates(parsed: ParsedDocument, today: date) -> list[FieldError]:
    received = _day(parsed.case.get("received_on"))
    problems = check_not_future(received, "case.received_on", "收到申请日期", today)
    problems += check_not_future(_day(parsed.case.get("accepted_on")), "case.accepted_on",
                                 "受理日期", today)
    rows = parsed.children
    for i, (c, _) in enumerate(rows.get("claims", [])):
        problems += check_not_before(_day(c.get("period_end")), _day(c.get("period_start")),
                                     f"claims[{i}].period_end", "请求期间结束日", "请求期间开始日")
    for i, (m, _) in enumerate(rows.get("sessions", [])):
        problems += check_not_before(_day(m.get("held_at")), received, f"sessions[{i}].held_at",
                                     "调解时间", "收到申请日期")
    for i, (f, _) in enumerate(rows.get("filings", [])):
        problems += check_not_before(_day(f.get("filed_on")), received, f"filings[{i}].filed_on",
                                     "提交日期", "收到申请日期")
    for i, (r, _) in enumerate(rows.get("services", [])):
        served = _day(r.get("served_on"))
        problems += check_not_before(served, received, f"services[{i}].served_on", "送达日期",
                                     "收到申请日期")
        problems += check_not_future(served, f"services[{i}].served_on", "送达日期", today)
    for i, (e, _) in enumerate(rows.get("events", [])):
        problems += check_not_future(_day(e.get("occurred_on")), f"events[{i}].occurred_on",
                                     "事件日期", today)
    for i, (a, terms) in enumerate(parsed.agreements):
        where, signed = f"agreements[{i}]", _day(a.get("signed_on"))
        problems += check_not_before(signed, received, f"{where}.signed_on", "调解协议签订日期",
                                     "收到申请日期")
        problems += check_not_future(signed, f"{where}.signed_on", "调解协议签订日期", today)
        problems += check_not_before(_day(a.get("effective_on")), signed,
                                     f"{where}.effective_on", "协议生效日期", "签订日期")
        for j, t in enumerate(terms):
            at = f"{where}.terms[{j}]"
            problems += check_not_before(_day(t.get("due_on")), signed, f"{at}.due_on",
                                         "履行期限", "协议签订日期")
            performed = _day(t.get("performed_on"))
            problems += check_not_before(performed, signed, f"{at}.performed_on", "履行日期",
                                         "协议签订日期")
            problems += check_not_future(performed, f"{at}.performed_on", "履行日期", today)
    return problems
