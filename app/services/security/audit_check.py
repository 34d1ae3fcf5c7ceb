"""`check` of the audit log: keyed chain, head kept outside the database, append-only triggers,
and a replay of the log against the audited tables (see README, 审计日志能发现什么)."""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Row, select, text

from app.errors import AppError
from app.models import AuditEntry
from app.services.security import archive
from app.services.security.audit_anchor import (
    ENV_AUDIT_KEY,
    KEY_FILE,
    AuditAnchor,
    Head,
    parse_head,
)
from app.services.security.audit_chain import KeyedChain, plain_hash
from app.services.security.audit_replay import Replay, compare, describe, explain
from app.services.security.pg_roles import LoginBinding

APPEND_ONLY = "审计日志的只追加保护"
NO_BINDING_ON_SQLITE = ("单机 SQLite 数据库：审计记录不带数据库账户，无法核对记录的操作人是否就是写入它的人"
                        "（只有共用 PostgreSQL 且每人用自己的数据库账户时才能核对，见 README）")
_COLUMNS = [AuditEntry.__table__.c[n] for n in (  # type: ignore[attr-defined]
    "id", "at", "user", "action", "entity", "entity_id", "case_id", "field", "old_value",
    "new_value", "prev_hash", "entry_hash", "db_login")]


@dataclass
class AuditCheck:
    problems: list[str] = field(default_factory=list)
    entries: int = 0
    last: tuple[int, str] | None = None
    keyed: int = 0
    legacy_until: int | None = None  # from a verified head: later entries must be signed
    legacy_rows: dict[str, int] | None = None  # from a verified head: rows older than the key
    foreign_until: int = 0  # from a verified head: entries signed by another installation
    broken: bool = False  # after the first broken link the rest of the chain is not judged
    seen: dict[int, str] = field(default_factory=dict)  # hashes of the ids a head names
    notes: list[str] = field(default_factory=list)  # what was (not) verified, not a problem


def check_audit(engine: Engine, anchor: AuditAnchor, backups_dir: Path) -> AuditCheck:
    result = AuditCheck()
    result.problems += append_only_problems(engine)
    key = anchor.existing_key()
    heads = _heads(anchor, key, backups_dir, result)
    wanted = {h.last_id for _where, h in heads}
    replay = Replay.start()
    chain = KeyedChain(key) if key else None
    with engine.connect() as conn:
        binding = None if engine.dialect.name == "sqlite" else LoginBinding.start(conn)
        for row in _entries(conn):
            entry_id, entry_hash_ = row[0], row[11]
            legacy = _verify_link(row, chain, result)
            if entry_id in wanted:
                result.seen[entry_id] = entry_hash_
            replay.apply(row[3], row[4], row[5], row[7], row[8], row[9], legacy)
            if binding is not None:
                binding.see(entry_id, row[2], row[3], row[4], row[5], row[7], row[9], row[12])
        if binding is None:
            result.notes.append(NO_BINDING_ON_SQLITE)
        else:
            result.problems += login_trigger_problems(conn) + binding.problems()
            result.notes += binding.notes()
        for where, head in heads:
            result.problems += _head_problems(where, head, result)
        result.problems += _missing_head(anchor, key, result, engine.dialect.name == "sqlite")
        suspects, total = compare(conn, replay, result.legacy_rows)
        if suspects:
            entries = ((r[3], r[4], r[5], r[7], r[8], r[9]) for r in _entries(conn))
            for diff in explain(conn, entries, replay, suspects):
                result.problems += describe(diff, replay.tables)
            if total > len(suspects):
                result.problems.append(f"另有 {total - len(suspects)} 行与审计日志不符（未逐一列出）")
    return result


def _entries(conn: Connection) -> Iterator[Row[Any]]:
    query = select(*_COLUMNS).order_by(AuditEntry.id)  # type: ignore[arg-type]
    yield from conn.execution_options(yield_per=5000).execute(query)


def _texts(row: Row[Any]) -> list[str | None]:
    """HASH_FIELDS of a row as `to_text` spells them (at is a datetime, case_id an int)."""
    case_id = row[6]
    return [row[1].isoformat(), row[2], row[3], row[4], row[5],
            None if case_id is None else str(case_id), row[7], row[8], row[9]]


def _verify_link(row: Row[Any], chain: KeyedChain | None, result: AuditCheck) -> bool:
    """Chain and signature of one entry; only the first broken link is reported. True when
    the entry was written before the log was keyed."""
    result.entries += 1
    prev = result.last[1] if result.last else ""
    entry_id, prev_hash, stored = row[0], row[10], row[11]
    result.last = (entry_id, stored)
    if result.broken:
        return False
    texts = _texts(row)
    if prev_hash == prev and chain and hmac.compare_digest(stored, chain.next(prev, texts)):
        result.keyed += 1
        return False
    if prev_hash == prev and entry_id <= result.foreign_until:
        return True  # restored from another installation: its key is not here
    result.broken = True
    if prev_hash == prev and stored == plain_hash(prev, texts):
        signed_from = result.legacy_until
        if not result.keyed and (signed_from is None or entry_id <= signed_from):
            result.broken = False  # written before the log was keyed
            return True
        result.problems.append(f"审计日志第 {entry_id} 条没有密钥签名，却排在应当签名的记录之中"
                               "（记录可能是伪造的）")
    elif prev_hash == prev and chain is None:
        result.problems.append(f"审计日志第 {entry_id} 条起的签名无法验证：找不到审计密钥（数据目录中的 "
                               f"{KEY_FILE}，或环境变量 {ENV_AUDIT_KEY}）")
    elif prev_hash != prev:
        result.problems.append(f"审计日志第 {entry_id} 条的哈希链断裂（记录可能被修改或删除）")
    else:
        result.problems.append(f"审计日志第 {entry_id} 条的签名不符（记录被修改，或是用别的密钥伪造的）")
    return False


def _heads(anchor: AuditAnchor, key: bytes | None, backups_dir: Path,
           result: AuditCheck) -> list[tuple[str, Head]]:
    """The head file and the head in each backup's manifest taken since the last restore,
    each signed with the audit key."""
    heads: list[tuple[str, Head]] = []
    try:
        head = anchor.read_head()
    except (ValueError, OSError) as exc:
        result.problems.append(f"审计链头文件 {anchor.head_path.name} 无法读取（{exc}）")
        head = None
    if head is not None and key is not None:
        if head.verified(key):
            heads.append((f"链头文件 {anchor.head_path.name} ", head))
            result.legacy_until, result.legacy_rows = head.legacy_until, head.legacy_rows
            result.foreign_until = head.foreign_until
        else:
            result.problems.append(f"审计链头文件 {anchor.head_path.name} 的签名不符（被改写，"
                                   "或是用别的密钥写的）")
    # The scheduled backups are encrypted with the data folder's key; a backup written with a
    # passphrase of its own cannot be read here and is left out (as any unreadable zip).
    backup_key = archive.stored_key(anchor.config.data_dir, create=False)
    for path in sorted(backups_dir.glob("*.zip")) if backups_dir.is_dir() else []:
        manifest = _manifest(path, backup_key)
        found = parse_head(manifest.get("audit_head"))
        if found is None or key is None or (head and str(manifest.get("created_at", ""))
                                             < head.reset_at):
            continue  # an older backup format, or a history a restore has replaced
        if not found.verified(key):
            result.problems.append(f"备份 {path.name} 中的审计链头签名不符（被改写，或是用别的密钥写的）")
            continue
        heads.append((f"备份 {path.name} ", found))
    return heads


def _manifest(path: Path, backup_key: str | None) -> dict[str, object]:
    try:
        zf, _ = archive.reader(path, [backup_key] if backup_key else [], "备份")
        with zf:
            data = json.loads(zf.read("manifest.json"))
    except (OSError, KeyError, ValueError, AppError, *archive.READ_ERRORS):
        return {}
    return data if isinstance(data, dict) else {}


def _head_problems(where: str, head: Head, result: AuditCheck) -> list[str]:
    """A head may be behind the database (a crash between commit and file, or another clerk's
    later entries): the chain from it on was verified. It may not be ahead or differ."""
    if head.last_id == 0:
        return []
    found = result.seen.get(head.last_id)
    if found is None:
        last_id = result.last[0] if result.last else 0
        gone = "末尾的记录被删除" if last_id < head.last_id else "这条记录被删除"
        return [f"{where}记载审计日志至第 {head.last_id} 条，数据库中没有这一条"
                f"（现有 {result.entries} 条，最后一条为第 {last_id} 条）：{gone}"
                "（如刚发生断电，也可能是最后的事务未写入磁盘）"]
    if not hmac.compare_digest(found, head.last_hash):
        return [f"审计日志第 {head.last_id} 条与{where}记载的哈希不同：日志被改写"]
    return []


def _missing_head(anchor: AuditAnchor, key: bytes | None, result: AuditCheck,
                  is_sqlite: bool) -> list[str]:
    """A keyed log without its head file: the file may have been removed with the entries.
    (On PostgreSQL a clerk's computer that never wrote has none: nothing to say there.)"""
    if not is_sqlite or not (result.keyed or key) or not result.entries:
        return []
    if anchor.head_path.exists():
        return []
    return [f"审计链头文件 {anchor.head_path.name} 缺失：无法确认审计日志末尾没有被删除"]


GUARD_MESSAGE = "审计日志只能追加，不能修改或删除"
SQLITE_GUARD = ("CREATE TRIGGER audit_entry_no_{a} BEFORE {A} ON audit_entry BEGIN SELECT "
                f"RAISE(ABORT, '{GUARD_MESSAGE}'); END")
PG_GUARD_SOURCE = f" BEGIN RAISE EXCEPTION '{GUARD_MESSAGE}'; END "


def append_only_problems(engine: Engine) -> list[str]:
    """The database must itself refuse UPDATE, DELETE (and TRUNCATE) of audit entries, with
    the triggers exactly as the migrations wrote them (a `WHEN 0` or a function that no
    longer raises guards nothing)."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            rows = conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                     "AND tbl_name = 'audit_entry'")).scalars()
            found = {_spaced(str(sql).replace("IF NOT EXISTS ", "")) for sql in rows}
            missing = [a for a in ("UPDATE", "DELETE")
                       if _spaced(SQLITE_GUARD.format(a=a.lower(), A=a)) not in found]
        else:
            missing = _pg_missing(conn)
    return [f"{APPEND_ONLY}缺失：数据库不再拒绝对审计记录的 {action}（触发器被删除或停用）"
            for action in missing]


def _spaced(sql: str) -> str:
    return " ".join(sql.split())


def _pg_missing(conn: Connection) -> list[str]:
    rows = conn.execute(text(
        "SELECT t.tgtype, t.tgenabled, t.tgqual IS NULL, p.prosrc FROM pg_trigger t "
        "JOIN pg_proc p ON p.oid = t.tgfoid "
        "WHERE t.tgrelid = 'audit_entry'::regclass AND NOT t.tgisinternal")).all()
    bits = {"UPDATE": 16, "DELETE": 8, "TRUNCATE": 32}
    guarded = set()
    for tgtype, enabled, unconditional, source in rows:
        # BEFORE (2), enabled in normal sessions, no WHEN clause, the function as migrated.
        if enabled in ("O", "A") and tgtype & 2 and unconditional \
                and _spaced(source) == _spaced(PG_GUARD_SOURCE):
            guarded |= {a for a, bit in bits.items() if tgtype & bit}
    return [a for a in bits if a not in guarded]


# migrations/versions/0015_audit_db_login.py: the server writes the login into each entry.
LOGIN_TRIGGER_SOURCE = " BEGIN NEW.db_login := session_user; RETURN NEW; END "


def login_trigger_problems(conn: Connection) -> list[str]:
    """PostgreSQL: the BEFORE INSERT row trigger that sets `db_login` must exist, be enabled,
    be unconditional and run the function as migrated (else a client chooses the login)."""
    rows = conn.execute(text(
        "SELECT t.tgtype, t.tgenabled, t.tgqual IS NULL, p.prosrc FROM pg_trigger t "
        "JOIN pg_proc p ON p.oid = t.tgfoid "
        "WHERE t.tgrelid = 'audit_entry'::regclass AND NOT t.tgisinternal")).all()
    for tgtype, enabled, unconditional, source in rows:
        if enabled in ("O", "A") and tgtype & 1 and tgtype & 2 and tgtype & 4 and unconditional \
                and _spaced(source) == _spaced(LOGIN_TRIGGER_SOURCE):
            return []
    return ["审计记录的数据库账户不再由数据库填写（触发器 audit_entry_db_login 被删除、停用或改写）："
            "记录的写入账户不可信。请用所有者账户运行 init 修复"]
