"""The case register (案件登记台账) and the monthly statistics report (月度统计报表).

Both are read with a fixed number of SQL queries whatever the number of cases (columns, not ORM
objects; sums by GROUP BY) and written as XLSX or PDF with the same sections (report_files).
A case belongs to a period when it was received in it, as in the statistics (docs/statistics.md).
"""

from __future__ import annotations

import calendar
import errno
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from sqlalchemy import ARRAY, ColumnElement, Integer, any_, bindparam, func, select

from app.errors import AppError, NotFound, StorageError
from app.fileutil import atomic_write_stream
from app.models import Case, CaseEvent, Claim, Mediator, Organisation, Party
from app.models.enums import CaseStatus, ClaimType, PartyRole, RelationshipCategory, Stage, label
from app.services.admin.preferences import DOCUMENT_FONT
from app.services.context import ServiceContext
from app.services.reports.statistics import Statistics, StatisticsService
from app.services.workflow import deadline_store

if TYPE_CHECKING:  # openpyxl and reportlab load only when a file is written (CLI start-up)
    from app.services.reports.writers import Report, Section

SUFFIXES = (".xlsx", ".pdf")
NOT_FILLED = "（未填写）"


@dataclass(frozen=True)
class RegisterRow:
    """One line of the case register; no ID numbers or phones (the register is circulated)."""

    seq: int
    case_no: str
    received_on: date
    accepted_on: date | None
    applicants: str
    respondents: str
    occupation: str
    platform: str
    city: str
    claims: str
    amount: Decimal
    stage: str
    status: str
    mediator: str
    closed_on: date | None = None  # the last step of a case no longer in hand


REGISTER_CHUNK = 1000  # cases read at a time while a register is written
ENDED_STATUSES = (CaseStatus.CLOSED, CaseStatus.WITHDRAWN, CaseStatus.REFUSED)


def _money(total: Any) -> Decimal:
    # SUM over the Money column keeps the column's type: the database's fen come back as yuan.
    return Decimal(total or 0).quantize(Decimal("0.01"))


def _among(dialect: str) -> Callable[[Any, list[int]], ColumnElement[bool]]:
    """`column IN (ids)`; on PostgreSQL `column = ANY(array)`, one parameter instead of
    thousands (psycopg parsed the 2,000 placeholders of each chunk's queries: 0.2 s a month)."""
    if dialect != "postgresql":
        return lambda column, ids: column.in_(ids)  # type: ignore[no-any-return]
    return lambda column, ids: column == any_(bindparam(None, ids, type_=ARRAY(Integer)))


@lru_cache(maxsize=4096)  # a register asks for the same few labels for every row
def _label(enum_type: type[StrEnum], key: str) -> str:
    """The Chinese label of a stored value; a value outside the vocabulary is shown as is."""
    if key == "":
        return NOT_FILLED
    try:
        return label(enum_type(key))
    except ValueError:
        return key


def _check_suffix(out_path: Path) -> str:
    suffix = out_path.suffix.lower()
    if suffix not in SUFFIXES:
        raise AppError(f"报表文件“{out_path.name}”的扩展名应为 .xlsx（Excel 表格）或 .pdf，"
                       "请改用其中之一")
    return suffix


class ReportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------ case register

    def register_rows(self, period_from: date, period_to: date,
                      organisation_id: int | None = None) -> list[RegisterRow]:
        """Cases received in the period (both days included), by date received then case number."""
        return list(self.iter_register_rows(period_from, period_to, organisation_id))

    def iter_register_rows(self, period_from: date, period_to: date,
                           organisation_id: int | None = None,
                           chunk: int = REGISTER_CHUNK) -> Iterator[RegisterRow]:
        """`register_rows` read and handed out `chunk` cases at a time: a year's register is
        written without holding it (the period and organisation are checked at once)."""
        scope = self._scope(period_from, period_to, organisation_id)
        return self._register_chunks(scope, chunk)

    def _register_chunks(self, scope: list[ColumnElement[bool]],
                         chunk: int) -> Iterator[RegisterRow]:
        # The period's cases alone, in the register's order (ix_dispute_case_register covers
        # them); each chunk's names, claims, totals and closing days by its ids, along the
        # case_id indexes. (Totals and closing days joined as subqueries over the period read
        # the period's cases twice more: 0.55 s of PostgreSQL's time at 100,000 cases.)
        cases = (select(Case.id, Case.case_no, Case.received_on, Case.accepted_on,
                        Case.occupation, Case.platform, Case.city, Case.stage, Case.status,
                        Mediator.name)
                 .outerjoin(Mediator, Mediator.id == Case.mediator_id)  # type: ignore[arg-type]
                 .where(*scope).order_by(Case.received_on, Case.case_no))
        amount = func.sum(Claim.__table__.c.amount)  # type: ignore[attr-defined]
        seq = 0
        with self.ctx.session() as s:
            among = _among(s.connection().dialect.name)
            result = s.execute(cases.execution_options(yield_per=chunk))
            for case_rows in result.partitions():
                ids = [r.id for r in case_rows]
                ended = [r.id for r in case_rows if r.status in ENDED_STATUSES]
                # Names and claim types in one ordered query each per chunk, grouped per case
                # here: SQLite before 3.44 cannot order the items inside group_concat, and the
                # register must list parties in their order on the application.
                names: dict[tuple[int, str], list[str]] = defaultdict(list)
                types: dict[int, list[str]] = defaultdict(list)
                with self.ctx.session() as side:
                    for case_id, role, name in side.execute(
                            select(Party.case_id, Party.role, Party.name)
                            .where(among(Party.case_id, ids),
                                   Party.role.in_([PartyRole.APPLICANT, PartyRole.RESPONDENT]))  # type: ignore[attr-defined]
                            .order_by(Party.case_id, Party.seq, Party.id)):
                        names[(case_id, role)].append(name)
                    # Claim types in their order and their amounts in one pass: a case's total
                    # is the sum of its types' sums (NULL where no claim has an amount).
                    totals: dict[int, Decimal] = {}
                    for case_id, claim_type, part in side.execute(
                            select(Claim.case_id, Claim.claim_type, amount)
                            .where(among(Claim.case_id, ids))
                            .group_by(Claim.case_id, Claim.claim_type)
                            .order_by(Claim.case_id, func.min(Claim.seq))):
                        types[case_id].append(_label(ClaimType, claim_type))
                        if part is not None:
                            totals[case_id] = totals.get(case_id, Decimal(0)) + part
                    # A case no longer in hand ended on its last recorded step (结案日期).
                    closed = {case_id: on for case_id, on in side.execute(
                        select(CaseEvent.case_id, func.max(CaseEvent.occurred_on))
                        .where(among(CaseEvent.case_id, ended))
                        .group_by(CaseEvent.case_id))} if ended else {}
                for r in case_rows:
                    seq += 1
                    yield RegisterRow(
                        seq=seq, case_no=r.case_no, received_on=r.received_on,
                        accepted_on=r.accepted_on,
                        applicants="、".join(names[(r.id, PartyRole.APPLICANT)]),
                        respondents="、".join(names[(r.id, PartyRole.RESPONDENT)]),
                        occupation=r.occupation, platform=r.platform, city=r.city,
                        claims="、".join(types[r.id]), amount=_money(totals.get(r.id)),
                        stage=_label(Stage, r.stage), status=_label(CaseStatus, r.status),
                        mediator=r.name or "", closed_on=closed.get(r.id))

    def write_register(self, period_from: date, period_to: date, out_path: Path,
                       organisation_id: int | None = None, *,
                       rows: Iterable[RegisterRow] | None = None) -> Path:
        """The register as .xlsx or .pdf; `rows`: already read by the caller (saves a query).
        Without them the cases are read in chunks while the file is written."""
        suffix = _check_suffix(out_path)
        if rows is None:
            rows = self.iter_register_rows(period_from, period_to, organisation_id)
        from app.services.reports.writers import Cell, Column, Report, Section

        # Fixed widths that fit A4 landscape at 7.5 pt: dates and case numbers on one line,
        # names wrap; fixed, so the rows are read once, as they are written.
        columns = [Column("序号", "int", width=7), Column("案号", width=24),
                   Column("收到日期", "date", width=12), Column("受理日期", "date", width=12),
                   Column("申请人", width=16), Column("被申请人", width=24),
                   Column("职业", width=10), Column("平台", width=18),
                   Column("城市", width=10), Column("请求事项", width=24),
                   Column("请求金额（元）", "money", width=15), Column("阶段", width=10),
                   Column("案件状态", width=8), Column("结案日期", "date", width=12),
                   Column("调解员", width=8)]
        count, total = 0, Decimal("0.00")

        def body() -> Iterator[list[Any]]:
            nonlocal count, total
            for r in rows:
                count += 1
                total += r.amount
                yield [r.seq, r.case_no, r.received_on, r.accepted_on, r.applicants,
                       r.respondents, r.occupation, r.platform, r.city, r.claims, r.amount,
                       r.stage, r.status, r.closed_on, r.mediator]

        def totals() -> list[Any]:
            return [Cell("合计", "text"), f"共 {count} 件", None, None, "", "", "", "", "", "",
                    total, "", "", None, ""]

        title = "案件登记台账"
        report = Report(title, self._subtitle(period_from, period_to, organisation_id),
                        [Section(title, columns, body(), totals)], landscape=True)
        return self._write(report, out_path, suffix)

    # ------------------------------------------------------------ monthly statistics

    def write_monthly(self, year: int, month: int, out_path: Path,
                      organisation_id: int | None = None, *,
                      statistics: Statistics | None = None) -> Path:
        """The month's statistics as .xlsx or .pdf; `statistics`: already computed for the month."""
        suffix = _check_suffix(out_path)
        first, last = month_bounds(year, month)
        if statistics is None:
            self._organisation_name(organisation_id)  # an unknown organisation is refused
            statistics = StatisticsService(self.ctx).compute(first, last, organisation_id)
        report = self._monthly_report(year, month, statistics, organisation_id)
        return self._write(report, out_path, suffix)

    def _monthly_report(self, year: int, month: int, st: Statistics,
                        organisation_id: int | None) -> Report:
        from app.services.reports.writers import Cell, Column, Report, Section

        def days(duration: Any, attribute: str) -> Cell:
            return Cell(None if duration is None else getattr(duration, attribute), "days")

        overview = [
            ["收案数（件）", Cell(st.received, "int")],
            ["受理数（件）", Cell(st.accepted, "int")],
            ["不予受理（件）", Cell(st.refused, "int")],
            ["撤回（件）", Cell(st.withdrawn, "int")],
            ["调解成功数（达成协议，件）", Cell(st.with_agreement, "int")],
            ["调解成功率（达成协议数÷受理数）", Cell(st.mediation_success_rate, "percent")],
            ["请求金额（元）", Cell(st.amount_claimed, "money")],
            ["协议金额（元）", Cell(st.amount_agreed, "money")],
            ["实际履行金额（元）", Cell(st.amount_paid, "money")],
            ["集体争议件数（件）", Cell(st.collective_cases, "int")],
            ["集体争议涉及劳动者人数（人）", Cell(st.collective_workers, "int")],
            ["收到至受理天数：中位数", days(st.days_to_accept, "median_days")],
            ["收到至受理天数：90分位", days(st.days_to_accept, "p90_days")],
            ["受理至达成协议天数：中位数", days(st.days_to_agreement, "median_days")],
            ["受理至达成协议天数：90分位", days(st.days_to_agreement, "p90_days")],
        ]
        claim_rows = [[_label(ClaimType, k), v["count"], v["amount"]]
                      for k, v in st.by_claim_type.items()]
        workload = [[w["mediator"], w["cases"], w["sessions"], w["agreements"]]
                    for w in st.mediator_workload]
        sections = [
            Section("概况", [Column("指标"), Column("数值")], overview),
            _count_section("按阶段", "办理阶段", st.by_stage, Stage),
            _count_section("按案件状态", "案件状态", st.by_status, CaseStatus),
            Section("按请求类型", [Column("请求类型"), Column("请求项数", "int"),
                                   Column("请求金额（元）", "money")], claim_rows,
                    ["合计", sum(r[1] for r in claim_rows),
                     sum((r[2] for r in claim_rows), Decimal("0.00"))]),
            _count_section("按用工关系类别", "用工关系类别", st.by_category, RelationshipCategory),
            _count_section("按职业", "职业", st.by_occupation),
            _count_section("按平台", "平台", st.by_platform),
            _count_section("按城市", "城市", st.by_city),
            Section("调解员工作量", [Column("调解员"), Column("承办案件数", "int"),
                                     Column("调解次数", "int"), Column("达成协议数", "int")],
                    workload, ["合计", *(sum(r[i] for r in workload) for i in (1, 2, 3))]),
        ]
        subtitle = self._subtitle(st.period_from, st.period_to, organisation_id,
                                  note="（按收到申请日期统计）")
        return Report(f"{year}年{month}月劳动争议调解统计报表", subtitle, sections)

    # ------------------------------------------------------------ shared

    def _scope(self, period_from: date, period_to: date,
               organisation_id: int | None) -> list[ColumnElement[bool]]:
        if period_to < period_from:
            raise AppError(f"截止日期 {period_to} 早于起始日期 {period_from}，请调换或改正")
        scope: list[ColumnElement[bool]] = [Case.received_on >= period_from,  # type: ignore[list-item]
                                            Case.received_on <= period_to]  # type: ignore[list-item]
        if organisation_id is not None:
            self._organisation_name(organisation_id)
            scope.append(Case.organisation_id == organisation_id)  # type: ignore[arg-type]
        return scope

    def _organisation_name(self, organisation_id: int | None) -> str:
        if organisation_id is None:
            return "全部组织"
        with self.ctx.session() as s:
            name = s.execute(select(Organisation.name)
                             .where(Organisation.id == organisation_id)).scalar()
        if name is None:
            raise NotFound(f"找不到编号为 {organisation_id} 的组织，请核对组织名称")
        return str(name)

    def _subtitle(self, period_from: date, period_to: date, organisation_id: int | None,
                  note: str = "") -> str:
        return (f"{self._organisation_name(organisation_id)}　统计期间：{period_from.isoformat()}"
                f" 至 {period_to.isoformat()}{note}　制表日期：{self.ctx.today().isoformat()}")

    def _write(self, report: Report, out_path: Path, suffix: str) -> Path:
        from app.documents.fonts import choose_fonts
        from app.services.reports.writers import write_pdf
        from app.services.reports.xlsx_writer import write_xlsx

        if suffix == ".pdf":
            # The administrator's font (设置 → 文书正文字体); empty: the best installed one.
            with self.ctx.session() as s:
                font = deadline_store.setting(s, DOCUMENT_FONT, "") or None
            fonts = choose_fonts(font)
            write: Callable[[BinaryIO], object] = lambda fh: write_pdf(report, fonts, fh)  # noqa: E731
        else:
            write = lambda fh: write_xlsx(report, fh)  # noqa: E731
        try:
            atomic_write_stream(out_path, write)
        except StorageError as exc:
            raise report_write_error(exc, out_path) from exc
        except OSError as exc:
            raise StorageError(f"无法写入报表文件“{out_path}”：{_why(exc, out_path)}。"
                               "请换一个有写入权限的文件夹或文件名") from exc
        return out_path


def _why(exc: OSError, out_path: Path) -> str:
    """The operating system's reason in Chinese (its own text is English or localised)."""
    if isinstance(exc, IsADirectoryError) or out_path.is_dir():
        return "已有同名的文件夹"
    if isinstance(exc, FileExistsError | NotADirectoryError):
        return "路径中有一级不是文件夹而是文件"
    if isinstance(exc, PermissionError):
        return "没有写入权限，或文件正被其他程序（如 Excel）打开"
    if isinstance(exc, FileNotFoundError):
        return "文件夹不存在且无法创建"
    return f"系统提示“{exc.strerror or exc}”"


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month; a month outside 1–12 is refused in Chinese."""
    if not 1 <= month <= 12 or not 1900 <= year <= 9999:
        raise AppError(f"月份“{year}-{month}”无效：应写作 2026-11 这样的年-月（1 至 12 月）")
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _count_section(name: str, heading: str, counts: dict[str, int],
                   enum_type: type[StrEnum] | None = None) -> Section:
    """Case counts by one attribute with each value's share; labels in Chinese where known."""
    from app.services.reports.writers import Cell, Column, Section

    total = sum(counts.values())
    rows = [[_label(enum_type, key) if enum_type else (key or NOT_FILLED), n,
             Cell(n / total if total else None, "percent")] for key, n in counts.items()]
    return Section(name, [Column(heading), Column("件数", "int"), Column("占比", "percent")],
                   rows, ["合计", total, 1.0 if total else None])


def check_suffix(out_path: Path) -> str:
    """.xlsx or .pdf, or a Chinese message (shared with the MA1 table, reports/ma1.py)."""
    return _check_suffix(out_path)


def report_write_error(exc: StorageError, out_path: Path) -> StorageError:
    """atomic_write_bytes' error in the reports' words; a full disk or an unusable file name
    keeps its own message (磁盘空间不足 / 保留名, naming the path)."""
    cause = exc.__cause__
    if isinstance(cause, OSError) and cause.errno != errno.ENOSPC:
        return write_error(cause, out_path)
    return exc


def write_error(exc: OSError, out_path: Path) -> StorageError:
    """A report file that could not be written, said in Chinese with what to do."""
    return StorageError(f"无法写入报表文件“{out_path}”：{_why(exc, out_path)}。"
                        "请换一个有写入权限的文件夹或文件名")
