"""Reading a register of existing cases (案件登记台账) kept in another system or in Excel.

An office that starts using Mediation Desk brings its register along: one row per case with
its number, dates, parties, claims and how it ended. Every row is checked and accepted or
refused with its line and the reason; what a row says about the case's course ("调解成功",
"已撤回") becomes the workflow events that lead there, so the imported case sits in the right
state with the right deadlines. Writing is RegisterImportService (register_import_service.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.knowledge.table_file import RowProblem, cell_text
from app.models.enums import (
    LABELS,
    ClaimType,
    PartyKind,
    PartyRole,
    PartyType,
    RelationshipCategory,
)
from app.services.cases import field_checks as v
from app.services.cases.dto import ClaimInput, PartyInput
from app.services.cases.validation import COLLECTIVE_MINIMUM
from app.services.imports.tables import TableSpec, amount_cell, cell, date_cell, read_headered

WHAT = "案件台账文件"
SPEC = TableSpec(
    what=WHAT,
    labels={"case_no": "案号", "received_on": "收到日期", "accepted_on": "受理日期",
            "applicants": "申请人", "applicant_id": "申请人身份证号码",
            "applicant_phone": "申请人电话", "respondents": "被申请人",
            "respondent_code": "统一社会信用代码", "occupation": "职业", "platform": "平台",
            "city": "城市", "district": "区县", "category": "用工关系类别",
            "claims": "请求事项", "amount": "请求金额", "status": "案件状态",
            "closed_on": "结案日期", "mediator": "调解员", "summary": "案情摘要"},
    # The first header present in the file is used; the register this product writes
    # (reports.py) reads back with these.
    defaults={
        "case_no": ("案号", "案件编号", "调解案号", "编号"),
        "received_on": ("收到日期", "收案日期", "申请日期", "登记日期", "立案日期"),
        "accepted_on": ("受理日期",),
        "applicants": ("申请人", "申请人姓名", "劳动者姓名", "劳动者"),
        "applicant_id": ("申请人身份证号码", "申请人身份证号", "身份证号码", "身份证号"),
        "applicant_phone": ("申请人电话", "联系电话", "手机号码", "手机号", "电话"),
        "respondents": ("被申请人", "被申请人名称", "用人单位", "用工单位", "单位名称"),
        "respondent_code": ("统一社会信用代码", "被申请人统一社会信用代码", "信用代码"),
        "occupation": ("职业", "从业类型"),
        "platform": ("平台", "平台名称", "所属平台"),
        "city": ("城市", "所在城市", "所在市"),
        "district": ("区县", "所在区县"),
        "category": ("用工关系类别", "用工关系"),
        "claims": ("请求事项", "请求类型", "争议事项", "争议类型", "案由"),
        "amount": ("请求金额", "涉案金额", "标的额", "金额"),
        "status": ("案件状态", "办理结果", "结案方式", "状态"),
        "closed_on": ("结案日期", "办结日期"),
        "mediator": ("调解员", "承办调解员", "承办人"),
        "summary": ("案情摘要", "简要案情", "摘要", "备注"),
    },
    required=("received_on", "applicants", "respondents"),
    error_code="bad_register_file",
)
FIELD_LABELS = SPEC.labels

# How a row's status reads, and the course of the case it stands for. The course names the
# workflow events (app/workflow/transitions.py) replayed after receipt.
ACTIVE, SUSPENDED, AGREED, FAILED, CLOSED, WITHDRAWN, REFUSED = (
    "active", "suspended", "agreed", "failed", "closed", "withdrawn", "refused")
STATUS_WORDS: dict[str, str] = {
    **{w: ACTIVE for w in ("办理中", "进行中", "在办", "未结案", "调解中", "待调解")},
    "中止": SUSPENDED,
    **{w: AGREED for w in ("调解成功", "达成协议", "调解结案", "已达成调解协议", "协议履行完毕")},
    **{w: FAILED for w in ("调解不成", "调解失败", "终止调解", "调解未成功")},
    **{w: CLOSED for w in ("已结案", "结案", "办结", "已办结", "已归档")},
    **{w: WITHDRAWN for w in ("已撤回", "撤回", "撤诉", "申请人撤回")},
    **{w: REFUSED for w in ("不予受理",)},
}
STATUS_HELP = "办理中、中止、调解成功、调解不成、已结案、已撤回、不予受理（或 进行中、撤诉、办结 等）"
ENDED = (AGREED, FAILED, CLOSED, WITHDRAWN, REFUSED)
NEEDS_ACCEPTANCE = (AGREED, FAILED)  # mediation happened, so it was accepted (调解仲裁法 art 14)
LIMITS = {"case_no": 80, "occupation": 60, "platform": 100, "city": 40, "district": 60,
          "summary": 500, "mediator": 60}
MAX_NAME = 100  # Party.name holds 200; a longer "name" is a shifted column
_SPLIT = re.compile(r"[、，,；;\n]+")
# An employer is nearly always an organisation; a name without these words is taken for a
# natural person (个人雇主), which the row report then shows.
ORGANISATION_WORDS = ("公司", "有限", "集团", "合作社", "中心", "工作室", "商行", "店", "厂",
                      "站", "部", "所", "平台", "协会", "企业", "事务所")
# Other systems' words for the usual claims; anything else is kept as "其他" with its text.
CLAIM_WORDS = {
    "拖欠工资": ClaimType.WAGES, "欠薪": ClaimType.WAGES, "工资": ClaimType.WAGES,
    "劳动报酬": ClaimType.WAGES, "加班工资": ClaimType.OVERTIME_PAY,
    "经济补偿金": ClaimType.ECONOMIC_COMPENSATION, "赔偿金": ClaimType.TERMINATION_DAMAGES,
    "社保": ClaimType.SOCIAL_INSURANCE, "社会保险": ClaimType.SOCIAL_INSURANCE,
    "工伤": ClaimType.WORK_INJURY_BENEFITS, "押金": ClaimType.DEPOSIT_REFUND,
    "确认劳动关系": ClaimType.CONFIRM_RELATIONSHIP,
}
CLAIM_TYPES = {c.value: c.value for c in ClaimType} | {
    LABELS[(ClaimType, c.value)]: c.value for c in ClaimType} | {
    w: c.value for w, c in CLAIM_WORDS.items()}
JOINED_LABELS = sorted((t for t in CLAIM_TYPES if _SPLIT.search(t)), key=len, reverse=True)
CATEGORIES = {c.value: c.value for c in RelationshipCategory} | {
    LABELS[(RelationshipCategory, c.value)]: c.value for c in RelationshipCategory} | {
    "①": "1", "②": "2", "③": "3", "劳动关系": "1", "": "undetermined"}


@dataclass(frozen=True)
class RegisterRow:
    line: int
    case_no: str  # "" when the register has none: a number is taken at import
    received_on: date
    accepted_on: date | None
    closed_on: date | None
    course: str  # one of ACTIVE … REFUSED
    status_text: str  # as written in the register, kept on the timeline
    applicants: tuple[PartyInput, ...]
    respondents: tuple[PartyInput, ...]
    claims: tuple[ClaimInput, ...]
    occupation: str
    platform: str
    city: str
    district: str
    category: str
    mediator: str
    summary: str
    warnings: tuple[str, ...] = ()

    @property
    def collective(self) -> bool:
        return len(self.applicants) >= COLLECTIVE_MINIMUM  # 调解仲裁法 art 7


@dataclass(frozen=True)
class RegisterFile:
    accepted: tuple[RegisterRow, ...]
    refused: tuple[RowProblem, ...]
    columns: dict[str, str]  # our field → the header text it was read from
    encoding: str | None


def read_register_file(path: Path | str, mapping: Mapping[str, str] | None = None, *,
                       remembered: Mapping[str, str] | None = None, today: date,
                       existing_case_nos: frozenset[str] = frozenset()) -> RegisterFile:
    """existing_case_nos: numbers already in the database (a row repeating one is refused)."""
    table = read_headered(SPEC, path, mapping, remembered)
    accepted: list[RegisterRow] = []
    refused: list[RowProblem] = []
    seen: dict[str, int] = {}
    for line, row in table.rows:
        case_no = cell_text(cell(row, table.columns, "case_no"))
        duplicate = []
        if case_no in seen:
            duplicate.append(f"案号“{case_no}”与第{seen[case_no]}行重复")
        elif case_no in existing_case_nos:
            duplicate.append(f"案号“{case_no}”在本系统中已存在（是否已导入过？）")
        elif case_no:
            seen[case_no] = line
        result = _case_row(line, row, table.columns, today, duplicate)
        (accepted if isinstance(result, RegisterRow) else refused).append(result)
    return RegisterFile(tuple(accepted), tuple(refused), table.used(), table.encoding)


def _case_row(line: int, row: list[object], columns: Mapping[str, int], today: date,
              reasons: list[str]) -> RegisterRow | RowProblem:
    def text(field: str) -> str:
        return cell_text(cell(row, columns, field))

    warnings: list[str] = []
    for field, limit in LIMITS.items():
        if len(text(field)) > limit:
            reasons.append(f"{FIELD_LABELS[field]}超过{limit}个字，请检查是否错列")
    dates: dict[str, date | None] = {}
    for field in ("received_on", "accepted_on", "closed_on"):
        dates[field], problems = date_cell(cell(row, columns, field), FIELD_LABELS[field])
        reasons += problems
        reasons += [e.message for e in v.check_not_future(dates[field], field, FIELD_LABELS[field],
                                                          today)]
    received, accepted, closed = dates["received_on"], dates["accepted_on"], dates["closed_on"]
    if received is None and not any("收到日期" in r for r in reasons):
        reasons.append("缺少收到日期")
    reasons += [e.message for e in v.check_not_before(accepted, received, "", "受理日期", "收到日期")]
    reasons += [e.message for e in v.check_not_before(closed, accepted or received, "",
                                                      "结案日期", "受理日期" if accepted else "收到日期")]
    status_text = text("status")
    course = STATUS_WORDS.get(status_text or "办理中")
    if course is None:
        reasons.append(f"案件状态“{status_text}”无法识别，可填：{STATUS_HELP}")
    elif course in ENDED and closed is None:
        reasons.append(f"案件状态为“{status_text}”，请填写结案日期")
    elif course in NEEDS_ACCEPTANCE and accepted is None:
        reasons.append(f"案件状态为“{status_text}”，说明已受理调解，请填写受理日期")
    elif course == REFUSED and accepted is not None:
        reasons.append("案件状态为“不予受理”，却填写了受理日期，请核对")
    elif course not in ENDED and closed is not None:
        reasons.append(f"填写了结案日期，但案件状态为“{status_text or '办理中'}”，请核对")
    applicants = _applicants(text("applicants"), text("applicant_id").upper(),
                             text("applicant_phone"), today, reasons, warnings)
    respondents = _respondents(text("respondents"), text("respondent_code").upper(),
                               text("platform"), reasons, warnings)
    claims = _claims(text("claims"), cell(row, columns, "amount"), reasons, warnings)
    category = CATEGORIES.get(text("category"))
    if category is None:
        reasons.append(f"用工关系类别“{text('category')}”无法识别，可填："
                       f"{'、'.join(LABELS[(RelationshipCategory, c.value)] for c in RelationshipCategory)}")
    if reasons:
        return RowProblem(line, "；".join(reasons))
    assert received is not None and course is not None and category is not None
    return RegisterRow(
        line=line, case_no=text("case_no"), received_on=received, accepted_on=accepted,
        closed_on=closed, course=course, status_text=status_text or "办理中",
        applicants=applicants, respondents=respondents, claims=claims,
        occupation=text("occupation"), platform=text("platform"), city=text("city"),
        district=text("district"), category=category, mediator=text("mediator"),
        summary=text("summary"), warnings=tuple(warnings))


def _names(value: str) -> list[str]:
    return [n.strip() for n in _SPLIT.split(value) if n.strip()]


def _applicants(names_text: str, ids_text: str, phones_text: str, today: date,
                reasons: list[str], warnings: list[str]) -> tuple[PartyInput, ...]:
    names, ids, phones = _names(names_text), _names(ids_text), _names(phones_text)
    if not names:
        reasons.append("缺少申请人")
        return ()
    if any(len(n) > MAX_NAME for n in names):
        reasons.append(f"申请人姓名超过{MAX_NAME}个字，请检查是否错列")
    # Several workers in one cell pair with several ID numbers (and phones) in order.
    for label, values in (("身份证号码", ids), ("电话", phones)):
        if values and len(values) != len(names):
            reasons.append(f"申请人有{len(names)}人，{label}有{len(values)}个，无法一一对应；"
                           f"请用顿号按申请人顺序填写")
    if len(set(ids)) != len(ids):
        reasons.append("申请人身份证号码有重复")
    parties = []
    for i, name in enumerate(names):
        id_number = ids[i] if i < len(ids) else ""
        phone = phones[i] if i < len(phones) else ""
        for problem in v.check_resident_id(id_number, "id", today) if id_number else []:
            (warnings if problem.warning else reasons).append(f"申请人“{name}”{problem.message}")
        reasons += [f"申请人“{name}”{e.message}" for e in v.check_phone(phone, "phone")]
        parties.append(PartyInput(role=PartyRole.APPLICANT, name=name, kind=PartyKind.WORKER,
                                  id_type="resident_id" if id_number else "",
                                  id_number=id_number, phone=phone))
    return tuple(parties)


def _respondents(names_text: str, code_text: str, platform: str, reasons: list[str],
                 warnings: list[str]) -> tuple[PartyInput, ...]:
    names, codes = _names(names_text), _names(code_text)
    if not names:
        reasons.append("缺少被申请人")
        return ()
    if any(len(n) > MAX_NAME for n in names):
        reasons.append(f"被申请人名称超过{MAX_NAME}个字，请检查是否错列")
    if codes and len(codes) != len(names):
        reasons.append(f"被申请人有{len(names)}个，统一社会信用代码有{len(codes)}个，无法一一对应")
    parties = []
    for i, name in enumerate(names):
        code = codes[i] if i < len(codes) else ""
        reasons += [f"被申请人“{name}”{e.message}" for e in v.check_credit_code(code, "code")]
        organisation = bool(code) or any(w in name for w in ORGANISATION_WORDS)
        if not organisation:
            warnings.append(f"被申请人“{name}”按自然人导入（名称中没有公司、店等字样）")
        kind = PartyKind.PLATFORM if platform and platform in name else PartyKind.OTHER
        parties.append(PartyInput(
            role=PartyRole.RESPONDENT, name=name,
            party_type=PartyType.ORGANISATION if organisation else PartyType.PERSON,
            kind=kind, credit_code=code))
    return tuple(parties)


def _claims(text: str, amount_value: object, reasons: list[str],
            warnings: list[str]) -> tuple[ClaimInput, ...]:
    amount, problems = v.parse_amount(amount_cell(amount_value), "amount")
    reasons += [e.message for e in problems]
    claims = []
    for item in _claim_items(text):
        claim_type = CLAIM_TYPES.get(item)
        if claim_type is None:
            warnings.append(f"请求事项“{item}”不是常用类型，按“其他”导入并保留原文")
            claims.append(ClaimInput(ClaimType.OTHER, description=item[:1000]))
        else:
            claims.append(ClaimInput(claim_type, description=LABELS[(ClaimType, claim_type)]))
    if amount is None:
        return tuple(claims)
    # A register keeps one total per case: it goes with the first claim, said so in its text.
    if not claims:
        return (ClaimInput(ClaimType.OTHER, description="请求金额（原台账未列请求事项）",
                           amount=amount),)
    first = claims[0]
    note = "（原台账登记的请求金额合计）" if len(claims) > 1 else ""
    claims[0] = ClaimInput(first.claim_type, description=first.description + note, amount=amount)
    return tuple(claims)


def _claim_items(text: str) -> list[str]:
    """The claims in a cell, in order. Some labels hold a 、 themselves ("返还押金、保证金"), and
    the register this product writes joins labels with 、: those labels are found whole first."""
    found: list[tuple[int, str]] = []
    for label in JOINED_LABELS:
        at = text.find(label)
        while at >= 0:
            found.append((at, label))
            text = text[:at] + "\x00" * len(label) + text[at + len(label):]
            at = text.find(label)
    pos = 0
    for piece in re.split(r"([、，,；;\n]+)", text):
        if piece.strip("\x00").strip() and not _SPLIT.fullmatch(piece):
            found.append((pos, piece.strip("\x00").strip()))
        pos += len(piece)
    return [item for _, item in sorted(found)]
