"""Field-level audit log written in the same transaction as every change, chained by hash."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlmodel import Session, SQLModel

from app.models import AuditEntry, Case, utcnow

AUDIT_OFF = "audit_off"  # session.info flag for bulk synthetic data (demo), which logs a summary
# Columns computed from other columns on flush (a search index's input): logging them repeats
# the change already logged for their source.
DERIVED = {"search_chars"}


def to_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def entry_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    """Hash of an entry's content and its predecessor's hash (the chain `check` verifies)."""
    fields = ("at", "user", "action", "entity", "entity_id", "case_id", "field",
              "old_value", "new_value")
    payload = json.dumps([prev_hash] + [to_text(entry.get(f)) for f in fields], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _row_snapshot(obj: SQLModel) -> str:
    mapper = inspect(obj).mapper
    data = {c.key: to_text(getattr(obj, c.key)) for c in mapper.column_attrs
            if c.key not in DERIVED}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _case_id(obj: SQLModel) -> int | None:
    if isinstance(obj, Case):
        return obj.id
    value = getattr(obj, "case_id", None)
    return value if isinstance(value, int) else None


def _entity_id(obj: SQLModel) -> str:
    identity = inspect(obj).identity
    return ",".join(str(v) for v in identity) if identity else ""


def _changes(session: Session) -> list[dict[str, Any]]:
    user = str(session.info.get("user", ""))
    now = utcnow()
    rows: list[dict[str, Any]] = []

    def add(obj: SQLModel, action: str, field: str = "", old: Any = None, new: Any = None) -> None:
        rows.append({"at": now, "user": user, "action": action,
                     "entity": type(obj).__tablename__, "entity_id": _entity_id(obj),
                     "case_id": _case_id(obj), "field": field,
                     "old_value": old, "new_value": new})

    for obj in session.new:
        if not isinstance(obj, AuditEntry):
            add(obj, "create", new=_row_snapshot(obj))
    for obj in session.dirty:
        if isinstance(obj, AuditEntry) or not session.is_modified(obj):
            continue
        state = inspect(obj)
        version_col = state.mapper.version_id_col
        changed = False
        for attr in state.mapper.column_attrs:
            if (version_col is not None and attr.columns[0] is version_col) or attr.key in DERIVED:
                continue
            hist = state.attrs[attr.key].history
            if not hist.has_changes():
                continue
            old = to_text(hist.deleted[0]) if hist.deleted else None
            new = to_text(hist.added[0]) if hist.added else None
            if old != new:
                add(obj, "update", attr.key, old, new)
                changed = True
        if changed and version_col is not None:
            # SQLAlchemy bumps the optimistic-lock version inside the UPDATE itself, so its
            # history is empty: record the step so a conflict can say what changed since.
            new_version = getattr(obj, version_col.key)
            add(obj, "update", version_col.key, new_version - 1, new_version)
    for obj in session.deleted:
        if not isinstance(obj, AuditEntry):
            add(obj, "delete", old=_row_snapshot(obj))
    return rows


def _after_flush(session: Session, _context: Any) -> None:
    if session.info.get(AUDIT_OFF):
        return
    rows = _changes(session)
    if rows:
        write_entries(session, rows)


def write_entries(session: Session, rows: list[dict[str, Any]]) -> None:
    """Append entries after the last one, each hashing its predecessor."""
    conn = session.connection()
    last = conn.execute(
        select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1)  # type: ignore[union-attr]
    ).scalar()
    prev = last or ""
    for row in rows:
        row["old_value"] = to_text(row["old_value"])
        row["new_value"] = to_text(row["new_value"])
        row["prev_hash"] = prev
        row["entry_hash"] = prev = entry_hash(prev, row)
    conn.execute(insert(AuditEntry), rows)


def attach_audit(session: Session, user: str) -> Session:
    session.info["user"] = user
    event.listen(session, "after_flush", _after_flush)
    return session
