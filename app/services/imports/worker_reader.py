"""Reading the worker list of a collective dispute (CSV or XLSX) and checking every row.

The list comes from the workers' representatives or the employer, typed in Excel: one row per
worker with name, ID number, phone, address (住址/通讯地址…), the period owed and the amount. Each row is accepted or
refused with its line number and the reason, so the clerk can fix the spreadsheet and try again;
writing the accepted rows into a case is WorkerImportService (app/services/worker_import_service.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.knowledge.table_file import RowProblem, cell_text
from app.models.enums import LABELS, ClaimType
from app.services.cases import field_checks as v
from app.services.imports.tables import (
    TableSpec,
    amount_cell,
    cell,
    date_cell,
    read_headered,
)

WHAT = "劳动者名单文件"
SPEC = TableSpec(
    what=WHAT,
    labels={"name": "姓名", "id_number": "身份证号码", "phone": "电话", "period_start": "起始日期",
            "period_end": "截止日期", "amount": "金额", "claim_type": "请求类型",
            "domicile": "住所", "mailing_address": "通讯地址"},
    # The headers offices usually type; the first one present in the file is used.
    # The field's own name and Chinese label are tried first (tables.resolve_columns);
    # English headers are matched without regard to case, spaces, "_" or "-".
    defaults={
        "name": ("姓名", "劳动者姓名", "员工姓名", "worker_name", "full_name", "employee_name"),
        "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证", "身份证件号码",
                      "证件号码", "居民身份证号码", "id_no", "id_card", "idcard",
                      "identity_number", "id_number"),
        "phone": ("手机号", "联系电话", "手机号码", "电话", "手机", "联系方式", "电话号码",
                  "联系手机", "mobile", "tel", "phone_number", "cellphone"),
        # 住所: the registered or habitual residence; 通讯地址: where mail reaches the worker.
        # A list with only one of them fills both (WorkerRow.addresses).
        "domicile": ("住所", "住址", "户籍地址", "户籍所在地", "家庭住址", "身份证地址",
                     "address", "home_address"),
        "mailing_address": ("通讯地址", "现住址", "现居住地址", "现居住地", "联系地址", "送达地址",
                            "mailing_address", "contact_address", "postal_address"),
        "period_start": ("起始日期", "工作起始日期", "开始日期", "欠薪起始日期", "入职时间",
                         "入职日期", "start_date", "hire_date", "entry_date"),
        "period_end": ("截止日期", "工作截止日期", "结束日期", "欠薪截止日期", "离职时间",
                       "离职日期", "end_date", "leave_date", "exit_date"),
        "amount": ("金额", "欠薪金额", "拖欠工资", "请求金额", "amount_owed", "wage_owed"),
        "claim_type": ("请求类型",),
    },
    required=("name", "id_number"),
    error_code="bad_worker_file",
)
FIELD_LABELS = SPEC.labels
MAX_NAME = 100  # Party.name holds 200; a longer "name" is a shifted column, not a person
MAX_ADDRESS = 300  # Party.domicile and Party.mailing_address hold 300
CLAIM_TYPES = {c.value: c.value for c in ClaimType} | {
    LABELS[(ClaimType, c.value)]: c.value for c in ClaimType}


@dataclass(frozen=True)
class WorkerRow:
    line: int
    name: str
    id_number: str
    phone: str
    period_start: date | None
    period_end: date | None
    amount: Decimal | None
    claim_type: str
    warnings: tuple[str, ...] = ()  # e.g. an old region code: kept, but worth a second look
    # Already an applicant of the case (the wizard's first worker): recognised, not added again.
    existing: bool = False
    domicile: str = ""
    mailing_address: str = ""

    def addresses(self) -> tuple[str, str]:
        """(住所, 通讯地址), each standing in for the other when the list has only one."""
        return (self.domicile or self.mailing_address, self.mailing_address or self.domicile)


@dataclass(frozen=True)
class WorkerFile:
    accepted: tuple[WorkerRow, ...]
    refused: tuple[RowProblem, ...]
    columns: dict[str, str]  # our field → the header text it was read from
    encoding: str | None  # None for XLSX


def read_worker_file(
    path: Path | str,
    mapping: Mapping[str, str] | None = None,
    *,
    remembered: Mapping[str, str] | None = None,
    today: date | None = None,
    known_ids: Mapping[str, str] | None = None,
    known_applicants: Mapping[str, str] | None = None,
) -> WorkerFile:
    """mapping: our field → header text, and every header it names must exist. remembered:
    the organisation's earlier mapping, used where its header is present. Fields left over are
    found by the usual headers. known_ids: ID number → name of the case's parties;
    known_applicants: those of them who are applicant workers — a row with the same ID and
    name is recognised (`existing`), not refused as a duplicate."""
    table = read_headered(SPEC, path, mapping, remembered)
    today = today or date.today()
    accepted: list[WorkerRow] = []
    refused: list[RowProblem] = []
    seen: dict[str, int] = {}
    for line, row in table.rows:
        result = _worker(line, row, table.columns, today, seen, known_ids or {},
                         known_applicants or {})
        (accepted if isinstance(result, WorkerRow) else refused).append(result)
    return WorkerFile(tuple(accepted), tuple(refused), table.used(), table.encoding)


def _worker(line: int, row: list[object], columns: dict[str, int], today: date,
            seen: dict[str, int], known_ids: Mapping[str, str],
            known_applicants: Mapping[str, str]) -> WorkerRow | RowProblem:
    def raw(field: str) -> object:
        return cell(row, columns, field)

    reasons: list[str] = []
    warnings: list[str] = []
    existing = False
    name = cell_text(raw("name"))
    if not name:
        reasons.append("缺少姓名")
    elif len(name) > MAX_NAME:
        reasons.append(f"姓名超过{MAX_NAME}个字，请检查是否错列")
    id_number = cell_text(raw("id_number")).upper()
    if not id_number:
        reasons.append("缺少身份证号码")
    else:
        id_problems = v.check_resident_id(id_number, "id_number", today)
        reasons += [e.message for e in id_problems if not e.warning]
        warnings += [e.message for e in id_problems if e.warning]
        if not any(not e.warning for e in id_problems):  # a valid number: check it is new
            if id_number in seen:
                reasons.append(f"身份证号码与第{seen[id_number]}行重复")
            elif id_number in known_applicants and _same_name(known_applicants[id_number], name):
                existing = True
            elif id_number in known_applicants:
                reasons.append(f"身份证号码与本案申请人“{known_applicants[id_number]}”相同，"
                               f"但姓名为“{name}”，请核对")
            elif id_number in known_ids:
                reasons.append(f"身份证号码与本案已有当事人“{known_ids[id_number]}”重复")
            seen.setdefault(id_number, line)
    phone = cell_text(raw("phone"))
    reasons += [e.message for e in v.check_phone(phone, "phone")]
    start, problem = date_cell(raw("period_start"), "起始日期")
    reasons += problem
    end, problem = date_cell(raw("period_end"), "截止日期")
    reasons += problem
    reasons += [e.message for e in v.check_not_before(end, start, "", "截止日期", "起始日期")]
    amount, amount_problems = v.parse_amount(amount_cell(raw("amount")), "amount")
    reasons += [e.message for e in amount_problems]
    claim_text = cell_text(raw("claim_type"))
    claim_type = CLAIM_TYPES.get(claim_text or ClaimType.WAGES.value)
    if claim_type is None:
        reasons.append(f"请求类型“{claim_text}”无法识别，可填："
                       f"{'、'.join(LABELS[(ClaimType, c.value)] for c in ClaimType)}")
    domicile, mailing = cell_text(raw("domicile")), cell_text(raw("mailing_address"))
    for text, caption in ((domicile, "住所"), (mailing, "通讯地址")):
        if len(text) > MAX_ADDRESS:
            reasons.append(f"{caption}超过{MAX_ADDRESS}个字，请检查是否错列")
    if reasons:
        return RowProblem(line, "；".join(reasons))
    return WorkerRow(line, name, id_number, phone, start, end, amount,
                     claim_type or ClaimType.WAGES.value, tuple(warnings), existing,
                     domicile, mailing)


def _same_name(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())
