"""`check`: database integrity, schema revision, stored files against their hashes, audit chain,
and on a PostgreSQL set up with pg-setup, that no database role holds more than its GRANTs
and that each user's own login is in the group of the user's role."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlmodel import select

from app import winacl
from app.db import current_revision, head_revision
from app.models import StoredFile
from app.services.context import ServiceContext
from app.services.security.audit_check import check_audit
from app.services.security.file_store import FileStore
from app.services.security.pg_roles import login_group_problems, privilege_problems


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be verified here
    files_checked: int = 0
    audit_entries_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


class CheckService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.files = FileStore(ctx.config.files_dir)

    def run(self) -> CheckReport:
        report = CheckReport()
        self._database(report)
        self._schema(report)
        self._files(report)
        self._audit_chain(report)
        report.problems += privilege_problems(self.ctx)  # PostgreSQL: the GRANTs of pg-setup
        report.problems += login_group_problems(self.ctx)  # and each own login's group
        folder = winacl.folder_problem(self.ctx.config.data_dir)  # Windows: its DACL
        if folder:
            report.problems.append(folder)
        return report

    def _database(self, report: CheckReport) -> None:
        if not self.ctx.is_sqlite:
            return  # PostgreSQL checks its own pages; nothing comparable to run from a client
        with self.ctx.engine.connect() as conn:
            rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
            if rows != ["ok"]:
                report.problems += [f"数据库完整性检查失败：{r}" for r in rows[:20]]
            broken = list(conn.execute(text("PRAGMA foreign_key_check")))
            if broken:
                report.problems.append(f"有 {len(broken)} 条记录引用了不存在的记录（外键错误）")

    def _schema(self, report: CheckReport) -> None:
        current, head = current_revision(self.ctx.engine), head_revision()
        if current != head:
            report.problems.append(f"数据库结构版本为 {current}，应为 {head}：请运行 init 升级")

    def _files(self, report: CheckReport) -> None:
        with self.ctx.session() as s:
            hashes = list(s.exec(select(StoredFile.sha256)))
        for sha in hashes:
            problem = self.files.verify(sha)
            report.files_checked += 1
            if problem:
                report.problems.append(f"证据文件 {sha[:12]}…：{problem}")
        for path in self.files.scan().foreign:
            report.problems.append(f"文件库中有不属于它的文件：{path}（不是本程序存入的，备份时不含它，"
                                   "请移出 files 文件夹）")

    def _audit_chain(self, report: CheckReport) -> None:
        """Keyed chain, head outside the database, append-only triggers, replay against the
        tables (app/services/security/audit_check.py)."""
        found = check_audit(self.ctx.engine, self.ctx.audit_anchor, self.ctx.config.backups_dir)
        report.audit_entries_checked = found.entries
        report.problems += found.problems
        report.notes += found.notes
