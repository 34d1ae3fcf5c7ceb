"""The case list as shown (same search, filters and order) written to a CSV file for Excel.

UTF-8 with a byte-order mark, so Excel on a Chinese Windows opens the names correctly; read
page by page, so 100,000 cases never sit in memory at once; written to a temporary name and
renamed, so a half-written file never replaces a good one. The list carries no ID or phone
numbers, so nothing needs masking.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from app.errors import AppError
from app.fileutil import atomic_write_bytes
from app.models.enums import CaseStatus, RelationshipCategory, Stage, label
from app.services.cases.case_service import CaseService
from app.services.cases.dto import CaseQuery, CaseRow

PAGE = 2000
HEADERS = ["案号", "收到日期", "申请人", "被申请人", "城市", "职业", "平台", "用工关系", "阶段",
           "状态", "集体争议", "案情摘要"]


def _label(enum: type, value: str) -> str:
    try:
        return label(enum(value))
    except ValueError:
        return value


# Excel and WPS run a CSV cell starting with one of these as a formula (=HYPERLINK(…), a DDE
# payload like =cmd|' /C calc'!A0); a tab or CR in front hides it from a glance.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """User text as a CSV cell Excel shows as text: a leading apostrophe, as OWASP advises.
    Only text users type goes through here; the list holds no amounts, so no number is hurt."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _cells(r: CaseRow) -> list[str]:
    return [csv_text(r.case_no), r.received_on.isoformat(), csv_text(r.applicants),
            csv_text(r.respondents), csv_text(r.city), csv_text(r.occupation), csv_text(r.platform),
            _label(RelationshipCategory, r.category), _label(Stage, r.stage),
            _label(CaseStatus, r.status), "是" if r.collective else "否", csv_text(r.summary)]


def write_case_list_csv(cases: CaseService, query: CaseQuery, out_path: Path) -> int:
    """Every case the query matches, in its order; returns how many were written."""
    if out_path.suffix.lower() != ".csv":
        raise AppError(f"文件名“{out_path.name}”应以 .csv 结尾", code="validation")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    written, offset = 0, 0
    while True:
        page = cases.list_cases(replace(query, offset=offset, limit=PAGE))
        writer.writerows(_cells(r) for r in page.rows)
        written += len(page.rows)
        offset += PAGE
        if len(page.rows) < PAGE:
            break
    try:
        atomic_write_bytes(out_path, buffer.getvalue().encode("utf-8-sig"))
    except OSError as exc:
        raise AppError(f"无法写入“{out_path}”：{exc.strerror or exc}，请换一个文件夹") from exc
    return written
