"""Field-level audit log written in the same transaction as every change, chained by keyed hash.

Each entry's `entry_hash` is HMAC-SHA256, under a key kept outside the database
(`audit_anchor.py`), of its content and its predecessor's hash. Entries written before the log
was keyed carry a plain SHA-256 and are accepted only before the first keyed entry.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import event, func, inspect, select, text
from sqlalchemy.types import Date, TypeDecorator
from sqlmodel import Session, SQLModel
from sqlmodel.main import default_registry

from app.bulk import copy_insert, fast_insert, insert_bound
from app.models import AuditEntry, Case, MediationAgreement, PerformanceTerm, utcnow
from app.services.security.audit_anchor import AuditAnchor
from app.services.security.audit_chain import (
    JSON_TEXT,
    SORTED_JSON_TEXT,
    KeyedChain,
    keyed_hash,
    plain_hash,
    to_text,
)

ANCHOR = "audit_anchor"  # session.info: the key and head file of this data folder
PENDING_HEAD = "audit_pending_head"  # session.info: (last id, last hash) to record after commit
PG_AUDIT_LOCK = 0x6D64_6175  # pg_advisory_xact_lock id: one appender at a time, no forked chain
HASH_FIELDS = ("at", "user", "action", "entity", "entity_id", "case_id", "field",
               "old_value", "new_value")
_AFTER_AT = HASH_FIELDS[1:]  # write_entries: "at" first, its text made once while it repeats
# Columns computed from other columns on flush (a search index's input): logging them repeats
# the change already logged for their source, and the replay skips them.
DERIVED = {"search_chars"}


def entry_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    """Plain hash of an entry's content and its predecessor's hash (entries before keying)."""
    return plain_hash(prev_hash, [to_text(entry.get(f)) for f in HASH_FIELDS])


def entry_mac(key: bytes, prev_hash: str, entry: dict[str, Any]) -> str:
    """HMAC-SHA256 of an entry's content and its predecessor's hash: without the key nobody
    can write an entry, or recompute the chain after changing one, that `check` accepts."""
    # to_text of each field, called only for what is not already text (most fields are).
    return keyed_hash(key, prev_hash, [v if v is None or type(v) is str else to_text(v)
                                       for v in map(entry.get, HASH_FIELDS)])


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
    entity = str(table.name)  # a plain str (see created_entries)
    id_col = table.c.id
    user = str(session.info.get("user", ""))
    now = utcnow()
    entries: list[dict[str, Any]] = []
    wanted = set(ids)
    keys = [attr.key for attr in mapper.column_attrs]
    derived = [key for key in keys if key in DERIVED]  # not logged, as in the flush hook
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        rows, readers = _raw_rows(conn, table, mapper, min(ids), max(ids))
    else:
        columns = [attr.columns[0].label(attr.key) for attr in mapper.column_attrs]
        query = select(*columns).where(id_col.between(min(ids), max(ids))).order_by(id_col)
        rows, readers = conn.execute(query), [None] * len(keys)
    id_at = keys.index("id")
    case_at = id_at if model is Case else keys.index("case_id") if "case_id" in keys else None
    for row in rows:
        if row[id_at] in wanted:
            data = dict(zip(keys, [read(v) if read is not None else
                                   v if v is None or type(v) is str else
                                   str(v) if type(v) is int else to_text(v)
                                   for read, v in zip(readers, row, strict=True)], strict=True))
            for key in derived:
                del data[key]
            entries.append({"at": now, "user": user, "action": "create",
                            "entity": entity, "entity_id": "",
                            "case_id": row[case_at] if case_at is not None else None,
                            "field": "", "old_value": None,
                            "new_value": SORTED_JSON_TEXT(data)})
    if entries:
        write_entries(session, entries)


def created_entries(session: Session, model: type[SQLModel],
                    rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The create entries the flush hook would write for these rows (ids set, every column
    given), for a bulk writer that inserts the rows itself and chains the entries with
    `write_entries`: no ORM objects, and nothing read back."""
    mapper = inspect(model)
    entity = str(mapper.local_table.name)  # quoted_name: sqlite3 tries to adapt a str subclass
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
                        "new_value": SORTED_JSON_TEXT({k: v if (v := row[k]) is None or type(v) is str
                                                   else str(v) if type(v) is int
                                                   else to_text(v) for k in keys})})
    return entries


def created_payloads(model: type[SQLModel], rows: list[dict[str, Any]],
                     dialect: Any) -> list[tuple[int | None, str]] | None:
    """For rows about to be inserted as they stand (SQLite): each one's case id and the
    `new_value` that `log_created_rows` would read back after the insert, computed from the
    values through each column's bind and result processors, as the driver stores and returns
    them. A bulk load builds these beside the rows (a second process: producer.py) instead of
    reading the rows back. None (read them back) unless every row names exactly the model's
    columns and no processed value is text that SQLite's numeric affinity would convert."""
    made = created_rows(model, rows, dialect)
    return made[0] if made is not None else None


# created_rows: the payloads, the columns in the rows' order, and the rows as the driver binds
# them in that order (app.bulk.insert_bound).
Made = tuple[list[tuple[int | None, str]], list[str], list[tuple[Any, ...]]]


def created_rows(model: type[SQLModel], rows: list[dict[str, Any]], dialect: Any) -> Made | None:
    """`created_payloads`, and beside them each row's values through its columns' bind
    processors as `app.bulk.fast_insert` binds them (each value computed once for both): the
    writer inserts those as they come, with no conversion of its own."""
    attrs = list(inspect(model).column_attrs)
    keys = [attr.key for attr in attrs]
    if not rows or any(row.keys() != rows[0].keys() for row in rows) or set(rows[0]) != set(keys):
        return None
    processors = []
    for attr in attrs:
        impl = attr.columns[0].type.dialect_impl(dialect)
        bind, result = impl.bind_processor(dialect), impl.result_processor(dialect, None)
        processors.append(None if bind is None and result is None else (bind, result))
    # Column by column, in the JSON text's key order (sort_keys' order, so the dict built in
    # it encodes without sorting): a tight loop per column, a processed value converted once
    # while it repeats (a batch's clock instant, a case's dates).
    columns = []
    bound: dict[str, list[Any]] = {}
    for key, procs in sorted(zip(keys, processors, strict=True), key=lambda kp: kp[0]):
        values = [row[key] for row in rows]
        if key in DERIVED:  # inserted, not logged (as in the flush hook)
            bound[key] = values if procs is None or procs[0] is None else list(map(procs[0], values))
            continue
        if procs is None:
            columns.append([v if v is None or type(v) is str else
                            str(v) if type(v) is int else to_text(v) for v in values])
            bound[key] = values
            continue
        bind, result = procs
        texts: list[str | None] = []
        binds: list[Any] = []
        last: Any = _NOTHING
        done: str | None = None
        value: Any = None
        dates: dict[date, tuple[str | None, Any]] = {}  # by value (a few thousand days)
        # An empty JSON value (most events' data, most deadlines' warnings) by its type: a
        # new object each row, the same text (a JSON column's round trip is 8 µs a value).
        empty: dict[type, tuple[str | None, Any]] = {}
        for v in values:
            if v is not last:
                last = v
                if type(v) is date and v in dates:
                    done, value = dates[v]
                elif not v and type(v) in empty:
                    done, value = empty[type(v)]
                else:
                    value = bind(v) if bind is not None else v  # fast_insert binds None too
                    stored = value if v is not None else None
                    if type(stored) is str and _NUMERIC_TEXT.fullmatch(stored):
                        return None
                    done = to_text(result(stored) if result is not None and stored is not None
                                   else stored)
                    if type(v) is date:
                        dates[v] = done, value
                    elif (type(v) is dict or type(v) is list) and not v:
                        empty[type(v)] = done, value
            texts.append(done)
            binds.append(value)
        columns.append(texts)
        bound[key] = binds
    names = sorted(k for k in keys if k not in DERIVED)
    case_key = "id" if model is Case else "case_id" if "case_id" in keys else None
    cases = [row[case_key] for row in rows] if case_key else [None] * len(rows)
    payloads = [(case_id, JSON_TEXT(dict(zip(names, texts, strict=True))))
                for case_id, texts in zip(cases, zip(*columns, strict=True), strict=True)]
    order = list(rows[0])
    return payloads, order, list(zip(*(bound[k] for k in order), strict=True))


def log_created_payloads(session: Session, model: type[SQLModel],
                         payloads: list[tuple[int | None, str]]) -> None:
    """The create entries of `created_payloads`, as `log_created_rows` writes them. On SQLite
    (the demo's load: 21 entries a case) each entry goes to the driver as a tuple, hashed as it
    is made, without the dict `write_entries` takes and converts."""
    user = str(session.info.get("user", ""))
    now = utcnow()
    entity = str(inspect(model).local_table.name)  # a plain str (see created_entries)
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        write_entries(session, [{"at": now, "user": user, "action": "create", "entity": entity,
                                 "entity_id": "", "case_id": case_id, "field": "",
                                 "old_value": None, "new_value": new_value}
                                for case_id, new_value in payloads])
        return
    open_chain(session).insert_created(entity, user, now, payloads)


# Text SQLite stores as a number in a column of numeric affinity (DATE, JSON, BOOLEAN, …).
_NUMERIC_TEXT = re.compile(r"\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*")
_NOTHING = object()


def _raw_rows(conn: Any, table: Any, mapper: Any, first: int, last: int) -> tuple[Any, list[Any]]:
    """The rows with ids first…last as SQLite's driver returns them, and per column the function
    (None: `to_text` itself) from that raw value to `to_text` of what SQLAlchemy's result processing makes of it: the same
    text as reading through Core, without its per-row work (half of a bulk load's audit time).
    A date SQLite stores as YYYY-MM-DD is its own isoformat; other processed types go through
    their processor."""
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    readers = []
    for attr in mapper.column_attrs:
        impl = attr.columns[0].type.dialect_impl(dialect)
        proc = impl.result_processor(dialect, None)
        if proc is None:
            readers.append(None)  # to_text of the raw value
        elif isinstance(impl, Date) and not isinstance(impl, TypeDecorator):
            readers.append(partial(_sqlite_date_text, proc))
        else:
            readers.append(partial(_processed_text, proc))
    names = ", ".join(quote(attr.columns[0].name) for attr in mapper.column_attrs)
    sql = (f"SELECT {names} FROM {quote(table.name)} WHERE {quote('id')} BETWEEN ? AND ? "
           f"ORDER BY {quote('id')}")
    return conn.exec_driver_sql(sql, (first, last)), readers


def _processed_text(proc: Any, raw: Any) -> str | None:
    return to_text(proc(raw))


def _sqlite_date_text(proc: Any, raw: Any) -> str | None:
    if type(raw) is str and len(raw) == 10 and raw[4] == raw[7] == "-" and raw[0] != "0":
        return raw  # what date.isoformat() gives back for the date parsed from it
    return to_text(proc(raw))


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
    chain = open_chain(session)
    chain.sign(rows)
    chain.insert(rows, bulk=bulk)


class Chain:
    """The log's end, held for one writer (`open_chain`): `sign` chains entries in memory and
    needs no connection, so a bulk writer signs while its connection copies other rows;
    `insert` writes them, after any other entry of the transaction."""

    def __init__(self, session: Session, key: bytes, prev: str) -> None:
        self.session, self.key, self.prev = session, key, prev
        self.hashes = KeyedChain(key)

    def sign(self, rows: list[dict[str, Any]]) -> None:
        prev, hashes = self.prev, self.hashes
        # entry_mac, with the clock instant's text made once while it repeats (a bulk load's
        # hundreds of thousands of entries share one).
        at_obj: Any = _NOTHING
        at_text: str | None = None
        for row in rows:
            for name in ("old_value", "new_value"):
                v = row[name]
                if v is not None and type(v) is not str:
                    row[name] = to_text(v)
            row["prev_hash"] = prev
            at = row.get("at")
            if at is not at_obj:
                at_obj, at_text = at, at if at is None or type(at) is str else to_text(at)
            row["entry_hash"] = prev = hashes.next(prev, [at_text, *[
                v if v is None or type(v) is str else to_text(v) for v in map(row.get, _AFTER_AT)]])
        self.prev = prev

    def insert(self, rows: list[dict[str, Any]], *, bulk: bool = False) -> None:
        session = self.session
        (copy_insert if bulk else fast_insert)(session.connection(), AuditEntry.__table__,  # type: ignore[attr-defined]
                                               rows)
        session.info[PENDING_HEAD] = _last_entry(session)


    def insert_created(self, entity: str, user: str, at: datetime,
                       payloads: list[tuple[int | None, str]]) -> None:
        """SQLite: create entries of one table at one instant (`log_created_payloads`), signed
        and bound as tuples for the driver as they are made, without the dicts `sign` and
        `insert` take (a million-case demo writes 21 million of them)."""
        conn = self.session.connection()
        table = AuditEntry.__table__  # type: ignore[attr-defined]
        bind = table.c.at.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        at_bound, at_text = bind(at), to_text(at)
        prev, params = self.prev, []
        for case_id, new_value in payloads:
            case_text = None if case_id is None else str(case_id)
            entry = self.hashes.next(prev, [at_text, user, "create", entity, "", case_text, "",
                                            None, new_value])
            params.append((at_bound, user, "create", entity, "", case_id, "", None, new_value,
                           prev, entry))
            prev = entry
        self.prev = prev
        insert_bound(conn, table, list(_CREATED_COLUMNS), params)
        self.session.info[PENDING_HEAD] = _last_entry(self.session)


# The columns of a create entry as Chain.insert_created binds them.
_CREATED_COLUMNS = ("at", "user", "action", "entity", "entity_id", "case_id", "field",
                    "old_value", "new_value", "prev_hash", "entry_hash")


def open_chain(session: Session) -> Chain:
    """The last entry, read once the log is ours to append to (PostgreSQL: an advisory lock
    until commit); the head file started first for a new key."""
    anchor: AuditAnchor = session.info[ANCHOR]
    new_key = anchor.existing_key() is None
    key = anchor.key()
    if session.connection().dialect.name == "postgresql":
        # Two clerks' transactions must not both chain from the same last entry; the lock is
        # held until commit or rollback. SQLite already has one writer at a time.
        session.connection().execute(text("SELECT pg_advisory_xact_lock(:k)"),
                                     {"k": PG_AUDIT_LOCK})
    last = _last_entry(session)
    if new_key or (anchor.key_from_environment and not anchor.head_path.exists()):
        # Before anything signed commits, so that a crash leaves a valid head.
        anchor.start_head(last, _largest_ids(session))
    return Chain(session, key, last[1] if last else "")


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
