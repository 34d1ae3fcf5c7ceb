"""What the audit log is checked against from outside the database: its key and its head.

The key (HMAC-SHA256) comes from `MEDIATION_DESK_AUDIT_KEY` or from `audit.key` in the data
folder, created private on first use. The head (last entry id and hash) is written to a file
beside the database after every commit that appended entries; a SIGKILL between the commit and
the file leaves the file one step behind, which `check` accepts when the entries after it
verify. The file never moves backwards except through `reset_head` (a restore).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from app.config import AppConfig
from app.db import DB_ERRORS, connect_file
from app.errors import StorageError
from app.fileutil import atomic_write_bytes, storage_error
from app.logs import logger

ENV_AUDIT_KEY = "MEDIATION_DESK_AUDIT_KEY"
KEY_FILE = "audit.key"
HEAD_FORMAT = "mediation-desk/audit-head"


@dataclass(frozen=True)
class Head:
    """The log's last entry as last seen by this data folder, signed with the audit key."""

    last_id: int
    last_hash: str
    legacy_until: int = 0  # entries up to this id may predate the key; every later one is signed
    # The largest id of each table when the key was made: rows up to it may be old demo data
    # that older builds wrote without audit entries.
    legacy_rows: dict[str, int] = field(default_factory=dict)
    reset_at: str = ""  # set by a restore: backups made before it belong to another history
    # A restored backup from another installation: its entries up to this id were signed with
    # a key this one does not have; only their links can be checked.
    foreign_until: int = 0
    mac: str = ""

    def _payload(self) -> bytes:
        return json.dumps([HEAD_FORMAT, self.last_id, self.last_hash, self.legacy_until,
                           sorted(self.legacy_rows.items()), self.reset_at,
                           self.foreign_until]).encode("utf-8")

    def signed(self, key: bytes) -> Head:
        return replace(self, mac=hmac.digest(key, self._payload(), "sha256").hex())

    def verified(self, key: bytes) -> bool:
        return hmac.compare_digest(self.mac, hmac.digest(key, self._payload(), "sha256").hex())

    def as_dict(self) -> dict[str, Any]:
        return {"format": HEAD_FORMAT, "last_id": self.last_id, "last_hash": self.last_hash,
                "legacy_until": self.legacy_until, "legacy_rows": self.legacy_rows,
                "reset_at": self.reset_at, "foreign_until": self.foreign_until, "mac": self.mac}


def parse_head(data: object) -> Head | None:
    if not isinstance(data, dict):
        return None
    last_id, last_hash = data.get("last_id"), data.get("last_hash")
    legacy, rows = data.get("legacy_until", 0), data.get("legacy_rows") or {}
    foreign = data.get("foreign_until", 0)
    if not all(isinstance(v, int) for v in (last_id, legacy, foreign)) or \
            not isinstance(last_hash, str):
        return None
    if not isinstance(rows, dict) or not all(isinstance(v, int) for v in rows.values()):
        return None
    return Head(last_id, last_hash, legacy, {str(k): v for k, v in rows.items()},  # type: ignore[arg-type]
                str(data.get("reset_at") or ""), foreign, str(data.get("mac") or ""))  # type: ignore[arg-type]


def head_of_sqlite_file(path: Path, db_key: str | None = None) -> Head | None:
    """The last entry of a SQLite database file (a backup's copy), for its manifest."""
    conn = connect_file(path, db_key)
    try:
        row = conn.execute("SELECT id, entry_hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    except DB_ERRORS:
        return None
    finally:
        conn.close()
    return Head(int(row[0]), str(row[1])) if row else None


def max_ids_of_sqlite_file(path: Path, db_key: str | None = None) -> dict[str, int]:
    conn = connect_file(path, db_key)
    found: dict[str, int] = {}
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for name in names:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
            if "id" in columns and name != "audit_entry":
                found[name] = int(conn.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{name}"')
                                  .fetchone()[0])
    finally:
        conn.close()
    return found


class AuditAnchor:
    """The key and the head file of one data folder and database."""

    def __init__(self, config: AppConfig) -> None:
        self.config = config
        self._key: bytes | None = None

    # --- key ---------------------------------------------------------------------------------
    @property
    def key_path(self) -> Path:
        return self.config.data_dir / KEY_FILE

    def existing_key(self) -> bytes | None:
        """The key if there is one (never creates it: `check` must not invent a key)."""
        if self._key is None:
            env = os.environ.get(ENV_AUDIT_KEY, "").strip()
            if env:
                self._key = env.encode("utf-8")
            elif self.key_path.is_file():
                text = self.key_path.read_text(encoding="ascii").strip()
                self._key = bytes.fromhex(text) if text else None
        return self._key

    def share_key(self, other: AuditAnchor) -> None:
        """Sign with another data folder's key (a restore prepares its copy in a scratch
        folder, and the entries it adds there must verify in the live one)."""
        self._key = other.key()

    def key(self) -> bytes:
        """The key, created on first use as 32 random bytes readable by the owner only."""
        found = self.existing_key()
        if found:
            return found
        self.config.data_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.key_path.with_name(f".tmp-{KEY_FILE}-{secrets.token_hex(4)}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, secrets.token_hex(32).encode("ascii"))
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:  # a full disk: no key, nothing saved, the path named
            tmp.unlink(missing_ok=True)
            raise storage_error(exc, self.key_path) from exc
        try:
            os.link(tmp, self.key_path)  # atomic and exclusive: a racing process's key wins
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
        self._key = None
        key = self.existing_key()
        assert key
        return key

    # --- head --------------------------------------------------------------------------------
    @property
    def head_path(self) -> Path:
        if self.config.is_sqlite:
            return self.config.data_dir / "audit-head.json"
        # One data folder may be used with several PostgreSQL databases: one head per database.
        where = self.config.url.split("@")[-1]
        return self.config.data_dir / f"audit-head-{hashlib.sha256(where.encode()).hexdigest()[:12]}.json"

    def read_head(self) -> Head | None:
        """The stored head; None when there is no file. Raises ValueError when unreadable."""
        try:
            raw = self.head_path.read_bytes()
        except FileNotFoundError:
            return None
        head = parse_head(json.loads(raw.decode("utf-8")))
        if head is None:
            raise ValueError("格式不正确")
        return head

    @property
    def key_from_environment(self) -> bool:
        return bool(os.environ.get(ENV_AUDIT_KEY, "").strip())

    def start_head(self, last: tuple[int, str] | None, legacy_rows: dict[str, int]) -> None:
        """The first head, written before the first signed entry commits: entries up to the
        present last one, and rows up to each table's present largest id, are older than
        the key."""
        last_id, last_hash = last or (0, "")
        self._write(Head(last_id, last_hash, last_id, legacy_rows))

    def advance_head(self, last_id: int, last_hash: str) -> None:
        """Record a newer head after a commit; an older one (another process was faster) is
        left alone. A head file that has gone missing comes back strict (nothing legacy)."""
        current = self._current()
        if current is not None and current.last_id >= last_id:
            return
        base = current or Head(0, "")
        try:
            self._write(replace(base, last_id=last_id, last_hash=last_hash, mac=""))
        except StorageError as exc:  # the data is committed; the head stays one step behind,
            logger.warning("审计链头未更新：%s", exc.message)  # which check accepts

    def manifest_head(self, db_file: Path) -> dict[str, Any] | None:
        """The head of a backup's database copy, signed, for the backup's manifest."""
        last, key = head_of_sqlite_file(db_file, self.config.db_key), self.existing_key()
        if last is None or key is None:
            return None
        base = self._current() or Head(0, "")
        return replace(base, last_id=last.last_id, last_hash=last.last_hash, reset_at="",
                       mac="").signed(key).as_dict()

    def reset_head(self, manifest_head: object, db_file: Path) -> None:
        """After a restore: the restored database's head, and the time backups start again.
        A backup without a head predates the key: all of it is older than the key. One whose
        head this key cannot verify was made elsewhere: its entries are taken on their links."""
        found, key = parse_head(manifest_head), self.existing_key()
        last = head_of_sqlite_file(db_file, self.config.db_key) or Head(0, "")
        if found is not None and key is not None and found.verified(key):
            base = found
        elif found is None:
            base = Head(0, "", last.last_id, max_ids_of_sqlite_file(db_file, self.config.db_key))
        else:  # signed elsewhere (another office, or a machine whose key was lost with it)
            until = min(found.last_id, last.last_id)  # never over entries written here later
            base = Head(0, "", until, max_ids_of_sqlite_file(db_file, self.config.db_key), foreign_until=until)
        stamp = datetime.now().isoformat(timespec="microseconds")
        self._write(replace(base, last_id=last.last_id, last_hash=last.last_hash,
                            reset_at=stamp, mac=""))

    def _current(self) -> Head | None:
        try:
            return self.read_head()
        except (ValueError, OSError):
            return None

    def _write(self, head: Head) -> None:
        data = json.dumps(head.signed(self.key()).as_dict(), ensure_ascii=False)
        atomic_write_bytes(self.head_path, data.encode("utf-8"))
