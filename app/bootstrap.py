"""Open the database (upgrading it first) and build the services every front end shares.

Each service is made on first use (`services.documents` imports the document stack only when a
document is made), so a command or the window starts with what it needs.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import DatabaseError

from app.bulk import UNJOURNALLED_FILE, interrupted_load, restore_deferred
from app.config import AppConfig
from app.db import (
    UpgradeReport,
    check_database_key,
    is_read_only,
    make_engine,
    refresh_planner_statistics,
    upgrade_database,
)
from app.errors import AppError
from app.fileutil import make_private_file, make_tree_private
from app.services.context import ServiceContext
from app.services.security.file_store import sweep_data_folder

if TYPE_CHECKING:
    from app.services.admin.first_run import FirstRunService
    from app.services.admin.organisations import OrganisationService
    from app.services.admin.preferences import PreferenceService
    from app.services.admin.roster import RosterService
    from app.services.cases.acts import ActService
    from app.services.cases.case_service import CaseService
    from app.services.cases.corrections import CorrectionService
    from app.services.cases.detail import CaseDetailService
    from app.services.cases.edit import CaseEditService
    from app.services.cases.history import CaseHistoryService
    from app.services.cases.parties import PartyService
    from app.services.cases.records import RecordService
    from app.services.cases.service_records import ServiceRecordService
    from app.services.cases.witnesses import WitnessService
    from app.services.demo.generator import DemoGenerator
    from app.services.documents.document_service import DocumentService
    from app.services.documents.voiding import DocumentVoidService
    from app.services.exchange.bundle import BundleService
    from app.services.exchange.case_file import ExchangeService
    from app.services.imports.register_service import RegisterImportService
    from app.services.imports.worker_service import WorkerImportService
    from app.services.knowledge.calculator_service import CalculatorService
    from app.services.knowledge.knowledge_service import KnowledgeService
    from app.services.knowledge.rights_service import RightsService
    from app.services.knowledge.worktime_service import WorkTimeService
    from app.services.reports.ma1 import Ma1Service
    from app.services.reports.statistics import StatisticsService
    from app.services.security.accounts import AccountService
    from app.services.security.backup import BackupService
    from app.services.security.check import CheckService
    from app.services.security.pg_roles import PgRoleService
    from app.services.workflow.holidays import HolidayService
    from app.services.workflow.limitation_service import LimitationService
    from app.services.workflow.undo import UndoService
    from app.services.workflow.wages import WageService
    from app.services.workflow.workflow_service import WorkflowService

# name → (module, class): what `services.<name>` is, built from the shared context.
SERVICES: dict[str, tuple[str, str]] = {
    "cases": ("app.services.cases.case_service", "CaseService"),
    "records": ("app.services.cases.records", "RecordService"),
    "corrections": ("app.services.cases.corrections", "CorrectionService"),
    "acts": ("app.services.cases.acts", "ActService"),
    "undo": ("app.services.workflow.undo", "UndoService"),
    "witnesses": ("app.services.cases.witnesses", "WitnessService"),
    "service_records": ("app.services.cases.service_records", "ServiceRecordService"),
    "organisations": ("app.services.admin.organisations", "OrganisationService"),
    "first_run": ("app.services.admin.first_run", "FirstRunService"),
    "exchange": ("app.services.exchange.case_file", "ExchangeService"),
    "check": ("app.services.security.check", "CheckService"),
    "demo": ("app.services.demo.generator", "DemoGenerator"),
    "roster": ("app.services.admin.roster", "RosterService"),
    "backups": ("app.services.security.backup", "BackupService"),
    "bundles": ("app.services.exchange.bundle", "BundleService"),
    "case_edit": ("app.services.cases.edit", "CaseEditService"),
    "accounts": ("app.services.security.accounts", "AccountService"),
    "pg_roles": ("app.services.security.pg_roles", "PgRoleService"),
    "workflow": ("app.services.workflow.workflow_service", "WorkflowService"),
    "documents": ("app.services.documents.document_service", "DocumentService"),
    "document_void": ("app.services.documents.voiding", "DocumentVoidService"),
    "case_detail": ("app.services.cases.detail", "CaseDetailService"),
    "case_history": ("app.services.cases.history", "CaseHistoryService"),
    "parties": ("app.services.cases.parties", "PartyService"),
    "preferences": ("app.services.admin.preferences", "PreferenceService"),
    "holidays": ("app.services.workflow.holidays", "HolidayService"),
    "limitation": ("app.services.workflow.limitation_service", "LimitationService"),
    "wages": ("app.services.workflow.wages", "WageService"),
    "statistics": ("app.services.reports.statistics", "StatisticsService"),
    "worker_import": ("app.services.imports.worker_service", "WorkerImportService"),
    "register_import": ("app.services.imports.register_service", "RegisterImportService"),
    "rights": ("app.services.knowledge.rights_service", "RightsService"),
    "knowledge": ("app.services.knowledge.knowledge_service", "KnowledgeService"),
    "worktime": ("app.services.knowledge.worktime_service", "WorkTimeService"),
    "ma1": ("app.services.reports.ma1", "Ma1Service"),
    "calculator": ("app.services.knowledge.calculator_service", "CalculatorService"),
}

# The data folder's own sub-folders (evidence store, backups, logs, templates, policies,
# documents when they live in the data folder) and the names of its own files.
PRIVATE_FOLDERS = ("files", "backups", "logs", "templates", "policies", "文书")
OWNED_SUFFIXES = (".sqlite3", ".sqlite3-wal", ".sqlite3-shm", ".sqlite3-journal", ".json",
                  ".key", ".ini", ".index")


PRIVATE_MARK = ".private"  # the whole tree was tightened once: later starts look at the top


def _owned(name: str) -> bool:
    return name.endswith(OWNED_SUFFIXES) or name.startswith(".tmp-")


def _tighten(config: AppConfig) -> None:
    """What an older build or a copy left world-readable (ours only: see make_tree_private).
    The evidence store may hold 100,000 files (about 5 s to walk), so the whole tree is walked
    once; everything this build writes later is created private."""
    mark = config.data_dir / PRIVATE_MARK
    whole = not mark.exists()
    make_tree_private(config.data_dir, PRIVATE_FOLDERS, _owned, recurse=whole)
    if whole and config.data_dir.is_dir():
        try:
            make_private_file(mark)
        except OSError:  # next start tries again
            pass


class Services:
    """The services of one signed-in user; `services.cases` etc. are built on first use."""

    ctx: ServiceContext
    upgrade: UpgradeReport
    cases: CaseService
    records: RecordService
    corrections: CorrectionService
    acts: ActService
    undo: UndoService
    document_void: DocumentVoidService
    witnesses: WitnessService
    service_records: ServiceRecordService
    organisations: OrganisationService
    first_run: FirstRunService
    exchange: ExchangeService
    check: CheckService
    demo: DemoGenerator
    roster: RosterService
    backups: BackupService
    bundles: BundleService
    case_edit: CaseEditService
    accounts: AccountService
    pg_roles: PgRoleService
    workflow: WorkflowService
    documents: DocumentService
    case_detail: CaseDetailService
    case_history: CaseHistoryService
    parties: PartyService
    preferences: PreferenceService
    holidays: HolidayService
    limitation: LimitationService
    wages: WageService
    statistics: StatisticsService
    worker_import: WorkerImportService
    register_import: RegisterImportService
    rights: RightsService
    knowledge: KnowledgeService
    worktime: WorkTimeService
    ma1: Ma1Service
    calculator: CalculatorService

    def __init__(self, ctx: ServiceContext, upgrade: UpgradeReport) -> None:
        self.ctx, self.upgrade = ctx, upgrade
        self._lock = threading.Lock()  # background tasks may ask for a service first

    def __getattr__(self, name: str) -> Any:
        # Only called for names not set yet: a service made once stays on the instance.
        spec = SERVICES.get(name)
        if spec is None:
            raise AttributeError(name)
        with self._lock:
            if name not in self.__dict__:
                module, cls = spec
                self.__dict__[name] = getattr(importlib.import_module(module), cls)(self.ctx)
        return self.__dict__[name]

    def __repr__(self) -> str:
        return f"Services(user={self.ctx.user!r}, built={sorted(set(self.__dict__) & set(SERVICES))})"

    def close(self) -> None:
        self.ctx.engine.dispose()


def open_services(config: AppConfig, *, user: str = "system", role: str | None = None,
                  today: Callable[[], date] = date.today) -> Services:
    if config.is_sqlite and interrupted_load(config.data_dir):
        raise AppError(f"上次生成演示数据时程序在写入中途被中断，数据库文件可能已经损坏：{config.db_path}。"
                       f"该数据库在生成前没有案件：请删除该文件和同一文件夹中的 {UNJOURNALLED_FILE}，"
                       "再重新生成演示数据（或选择其他数据文件夹）。", code="interrupted_load")
    check_database_key(config)
    engine = make_engine(config)
    try:
        report = upgrade_database(engine, config)
    except DatabaseError as exc:
        engine.dispose()
        raise AppError(f"无法打开数据库（{config.url.split('@')[-1]}）：{exc.orig}。"
                       "请检查数据目录或数据库地址是否正确、文件是否损坏。", code="database") from exc
    except Exception:
        engine.dispose()
        raise
    read_only = is_read_only(config)
    if config.is_sqlite and not read_only and restore_deferred(engine, config.data_dir):
        refresh_planner_statistics(engine)  # a bulk load was killed before its indexes were built
    ctx = ServiceContext(config=config, engine=engine, today=today, user=user, role=role,
                         read_only=read_only)
    if not read_only:
        # What a killed backup, restore or file write left behind.
        sweep_data_folder(config.data_dir, config.backups_dir, config.files_dir)
        _tighten(config)
    return Services(ctx, report)
