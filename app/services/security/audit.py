"""Field-level audit log written in the same transaction as every change, chained by keyed hash.

Each entry's `entry_hash` is HMAC-SHA256, under a key kept outside the database
(`audit_anchor.py`), of its content and its predecessor's hash. Entries written before the log
was keyed carry a plain SHA-256 and are accepted only before the first keyed entry.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, func, inspect, select, text
from sqlmodel import Session, SQLModel
from sqlmodel.main import default_registry

from app.bulk import copy_insert, fast_insert
from app.models import AuditEntry, Case, MediationAgreement, PerformanceTerm, utcnow
from app.services.security.audit_anchor import AuditAnchor

ANCHOR = "audit_anchor"  # session.info: the key and head file of this data folder
PENDING_HEAD = "audit_pending_head"  # session.info: (last id, last hash) to record after commit
KEYED = "hmac-sha256/1"  # first element of a keyed entry's payload: never equal to a plain hash
PG_AUDIT_LOCK = 0x6D64_6175  # pg_advisory_xact_lock id: one appender at a time, no forked chain
HASH_FIELDS = ("at", "user", "action", "entity", "entity_id", "case_id", "field",
               "old_value", "new_value")
# Columns computed from other columns on flush (a search index's input): logging them repeats
# the change already logged for their source, and the replay skips them.
DERIVED = {"search_chars"}


# One encoder each, built once: json.dumps with options builds a new JSONEncoder per call,
# which was a tenth of a bulk load's time; the text is the same.
_JSON = json.JSONEncoder(ensure_ascii=False).encode
_JSON_SORTED = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def to_text(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dict, list)):
        # An empty one (an event's data, a deadline's warnings) without the encoder.
        return _JSON_SORTED(value) if value else "{}" if type(value) is dict else "[]"
    return str(value)


def entry_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    """Plain hash of an entry's content and its predecessor's hash (entries before keying)."""
    return plain_hash(prev_hash, [to_text(entry.get(f)) for f in HASH_FIELDS])


def entry_mac(key: bytes, prev_hash: str, entry: dict[str, Any]) -> str:
    """HMAC-SHA256 of an entry's content and its predecessor's hash: without the key nobody
    can write an entry, or recompute the chain after changing one, that `check` accepts."""
    return keyed_hash(key, prev_hash, [to_text(entry.get(f)) for f in HASH_FIELDS])


def plain_hash(prev_hash: str, texts: list[str | None]) -> str:
    """`entry_hash` of the HASH_FIELDS already as text (the fast path of `check`)."""
    payload = json.dumps([prev_hash, *texts], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def keyed_hash(key: bytes, prev_hash: str, texts: list[str | None]) -> str:
    """`entry_mac` of the HASH_FIELDS already as text."""
    payload = _JSON([KEYED, prev_hash, *texts])
    return hmac.digest(key, payload.encode("utf-8"), "sha256").hex()


def _row_snapshot(obj: SQLModel) -> str:
    mapper = inspect(obj).mapper
    data = {c.key: to_text(getattr(obj, c.key)) for c in mapper.column_attrs
            if c.key not in DERIVED}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def _case_id(obj: SQLModel, session: Session | None = None) -> int | None:
    if isinstance(obj, Case):
        return obj.id
    value = getattr(obj, "case_id", None)
    if value is None and session is not None and isinstance(obj, PerformanceTerm):
        # A term belongs to the case through its agreement: the case's log shows it too.
        with session.no_autoflush:
            agreement = session.get(MediationAgreement, obj.agreement_id)
        value = agreement.case_id if agreement is not None else None
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
                     "case_id": _case_id(obj, session), "field": field,
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
    rows = _changes(session)
    if rows:
        write_entries(session, rows)


def log_created_rows(session: Session, model: type[SQLModel], ids: list[int]) -> None:
    """Create entries for rows a Core bulk insert wrote (the flush hook never sees them), from
    the rows as the database now holds them."""
    mapper = inspect(model)
    table = mapper.local_table
    id_col = table.c.id
    columns = [attr.columns[0].label(attr.key) for attr in mapper.column_attrs]
    user = str(session.info.get("user", ""))
    now = utcnow()
    entries: list[dict[str, Any]] = []
    wanted = set(ids)
    query = select(*columns).where(id_col.between(min(ids), max(ids))).order_by(id_col)
    keys = [attr.key for attr in mapper.column_attrs]
    for row in session.connection().execute(query):
        data = dict(zip(keys, row, strict=True))
        if data["id"] in wanted:
            case_id = data["id"] if model is Case else data.get("case_id")
            data = {k: v if v is None or type(v) is str else to_text(v) for k, v in data.items()}
            entries.append({"at": now, "user": user, "action": "create",
                            "entity": table.name, "entity_id": "", "case_id": case_id,
                            "field": "", "old_value": None,
                            "new_value": _JSON_SORTED(data)})
    if entries:
        write_entries(session, entries)


def created_entries(session: Session, model: type[SQLModel],
                    rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The create entries the flush hook would write for these rows (ids set, every column
    given), for a bulk writer that inserts the rows itself and chains the entries with
    `write_entries`: no ORM objects, and nothing read back."""
    mapper = inspect(model)
    entity = mapper.local_table.name
    keys = [attr.key for attr in mapper.column_attrs if attr.key not in DERIVED]
    user = str(session.info.get("user", ""))
    now = utcnow()
    is_case = model is Case
    entries = []
    for row in rows:
        case_id = row["id"] if is_case else row.get("case_id")
        entries.append({"at": now, "user": user, "action": "create", "entity": entity,
                        "entity_id": "",  # as the flush hook's: the row is not yet in the identity map
                        "case_id": case_id if isinstance(case_id, int) else None,
                        "field": "", "old_value": None,
                        "new_value": _JSON_SORTED({k: v if (v := row[k]) is None or type(v) is str
                                                   else str(v) if type(v) is int
                                                   else to_text(v) for k in keys})})
    return entries


def _largest_ids(session: Session) -> dict[str, int]:
    conn = session.connection()
    found: dict[str, int] = {}
    for mapper in default_registry.mappers:
        table = mapper.local_table
        if table.name != "audit_entry" and "id" in table.c:
            found[table.name] = int(conn.execute(select(func.coalesce(func.max(table.c.id), 0)))
                                    .scalar_one())
    return found


def _last_entry(session: Session) -> tuple[int, str] | None:
    row = session.connection().execute(
        select(AuditEntry.id, AuditEntry.entry_hash)
        .order_by(AuditEntry.id.desc()).limit(1)  # type: ignore[union-attr]
    ).first()
    return (int(row[0]), str(row[1])) if row else None


def write_entries(session: Session, rows: list[dict[str, Any]], *, bulk: bool = False) -> None:
    """Append entries after the last one, each signing its predecessor's hash (`bulk`: many
    of them, through PostgreSQL's COPY)."""
    anchor: AuditAnchor = session.info[ANCHOR]
    new_key = anchor.existing_key() is None
    key = anchor.key()
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        # Two clerks' transactions must not both chain from the same last entry; the lock is
        # held until commit or rollback. SQLite already has one writer at a time.
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_AUDIT_LOCK})
    last = _last_entry(session)
    if new_key or (anchor.key_from_environment and not anchor.head_path.exists()):
        # Before anything signed commits, so that a crash leaves a valid head.
        anchor.start_head(last, _largest_ids(session))
    prev = last[1] if last else ""
    for row in rows:
        row["old_value"] = to_text(row["old_value"])
        row["new_value"] = to_text(row["new_value"])
        row["prev_hash"] = prev
        row["entry_hash"] = prev = entry_mac(key, prev, row)
    (copy_insert if bulk else fast_insert)(conn, AuditEntry.__table__, rows)  # type: ignore[attr-defined]
    session.info[PENDING_HEAD] = _last_entry(session)


def _after_commit(session: Session) -> None:
    pending = session.info.pop(PENDING_HEAD, None)
    if pending is None:
        return
    try:
        session.info[ANCHOR].advance_head(*pending)
    except OSError:
        pass  # the commit stands; a head file left behind is what a crash leaves too


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING_HEAD, None)


def attach_audit(session: Session, user: str, anchor: AuditAnchor) -> Session:
    session.info["user"] = user
    session.info[ANCHOR] = anchor
    event.listen(session, "after_flush", _after_flush)
    event.listen(session, "after_commit", _after_commit)
    event.listen(session, "after_rollback", _after_rollback)
    return session
