"""Replaying the audit log: the rows it describes must be exactly the rows the tables hold.

Memory stays small at 100,000 cases: per audited row only a 64-bit digest is kept (the sum of
a keyed hash of each field's value, so an update adjusts it without the row's other fields),
in an array indexed by id. Only rows whose digests disagree are replayed in full, in a second
pass, to name the field.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Mapper
from sqlmodel.main import default_registry

from app.models.base import Money
from app.services.security.audit import DERIVED
from app.services.security.audit_chain import to_text

MASK = (1 << 64) - 1
ABSENT = "\x00absent"  # a field the create entry did not record
DETAIL_LIMIT = 50  # rows explained field by field; the rest are counted

TABLE_NAMES = {
    "dispute_case": "案件", "party": "当事人", "agent": "代理人", "claim": "请求事项",
    "case_event": "办理事项", "evidence": "证据", "mediation_session": "调解记录",
    "mediation_agreement": "调解协议", "performance_term": "履行条款", "filing": "申请",
    "generated_document": "生成的文书", "case_deadline": "期限", "case_answers": "问卷答案",
    "stored_file": "存储文件", "organisation": "组织", "committee_member": "调解委员会成员",
    "mediator": "调解员", "case_counter": "案号计数", "app_user": "用户账户",
    "holiday": "节假日", "holiday_year": "节假日年度", "minimum_wage": "最低工资",
    "app_setting": "设置", "local_parameter": "本地计算参数", "witness": "证人",
    "service_record": "送达记录", "service_address": "送达地址确认",
    "forum": "受理机关",
}
FIELD_NAMES = {
    "id_number": "证件号码", "role": "角色", "name": "名称", "phone": "电话",
    "password_hash": "密码", "active": "启用", "amount": "金额", "state": "状态",
    "stage": "阶段", "status": "状态", "case_no": "案号", "username": "用户名",
    "value": "值", "sha256": "哈希", "due": "届满日", "version": "版本",
}


def _money(text: str) -> str:
    try:
        return format(Decimal(text).quantize(Decimal("0.01")), "f")
    except (InvalidOperation, ValueError):
        return text


def _moment(text: str) -> str:
    """Aware and naive spellings of one UTC moment are the same value (SQLite drops the zone)."""
    if text.endswith("+00:00"):
        return text[:-6]
    if len(text) in (19, 26):  # naive, with or without microseconds: already canonical
        return text
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return text
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat()


def _flag(text: str) -> str:
    return {"1": "True", "true": "True", "0": "False", "false": "False"}.get(text, text)


@dataclass(frozen=True)
class AuditedTable:
    """One table the audit hook writes entries for, and how its values are compared."""

    name: str
    fields: tuple[str, ...]
    columns: tuple[Any, ...]
    pk: str
    int_pk: bool
    canon: dict[str, Callable[[str], str]]
    tags: tuple[str, ...]  # "table.field", hashed with each value
    canon_at: tuple[tuple[int, Callable[[str], str]], ...]
    pk_at: int
    # Columns a later migration added, with the server default that older rows were given:
    # a create entry written before the column existed holds the field at that value.
    added: dict[str, str | None]

    def key(self, text: str) -> int | str:
        return int(text) if self.int_pk else text

    def value(self, field: str, raw: str | None) -> str | None:
        fix = self.canon.get(field)
        return fix(raw) if fix and raw is not None else raw

    def digest(self, values: list[str | None]) -> int:
        """Sum of hash(tag, value) over the fields, in field order; changes the list."""
        for i, fix in self.canon_at:
            raw = values[i]
            if raw is not None and raw != ABSENT:
                values[i] = fix(raw)
        return sum(map(hash, zip(self.tags, values, strict=True))) & MASK

    def field_hash(self, field: str, raw: str | None) -> int:
        return hash((f"{self.name}.{field}", self.value(field, raw)))


def audited_tables() -> dict[str, AuditedTable]:
    tables: dict[str, AuditedTable] = {}
    for mapper in default_registry.mappers:
        table = mapper.local_table
        if table.name == "audit_entry":
            continue
        tables[table.name] = _describe(mapper)
    return tables


def _describe(mapper: Mapper[Any]) -> AuditedTable:
    fields, columns, canon, added = [], [], {}, {}
    for attr in mapper.column_attrs:
        if attr.key in DERIVED:  # recomputed from an audited column, never logged itself
            continue
        column = attr.columns[0]
        fields.append(attr.key)
        # A create entry lacks a field only when a later migration added the column: the
        # row then holds the column's server default, or NULL for a nullable column.
        default = getattr(column.server_default, "arg", None)
        if isinstance(default, str):
            added[attr.key] = default
        elif column.nullable and not column.primary_key:
            added[attr.key] = None
        columns.append(column.label(attr.key))
        kind = _python_type(column.type)
        if isinstance(column.type, Money):
            canon[attr.key] = _money
        elif kind is datetime:
            canon[attr.key] = _moment
        elif kind is bool:
            canon[attr.key] = _flag
    pk_column = mapper.primary_key[0]
    pk_attr = mapper.get_property_by_column(pk_column)
    name = mapper.local_table.name
    return AuditedTable(name, tuple(fields), tuple(columns), pk_attr.key,
                        _python_type(pk_column.type) is int, canon,
                        tuple(f"{name}.{f}" for f in fields),
                        tuple((fields.index(f), fix) for f, fix in canon.items()),
                        fields.index(pk_attr.key), added)


def _python_type(kind: Any) -> type | None:
    try:
        return kind.python_type  # type: ignore[no-any-return]
    except NotImplementedError:
        return None


class RowDigests:
    """Digest per row: arrays indexed by id for integer keys (9 bytes a row), else a dict.
    A row's mark says whether an entry from before the key created it."""

    KEYED, LEGACY = 1, 2

    def __init__(self) -> None:
        self.dense = array("Q")
        self.mark = bytearray()
        self.sparse: dict[int | str, tuple[int, int]] = {}

    def get(self, key: int | str) -> int | None:
        if isinstance(key, int) and 0 <= key < len(self.dense):
            return self.dense[key] if self.mark[key] else None
        found = self.sparse.get(key)
        return found[0] if found else None

    def is_legacy(self, key: int | str) -> bool:
        if isinstance(key, int) and 0 <= key < len(self.dense):
            return self.mark[key] == self.LEGACY
        found = self.sparse.get(key)
        return bool(found and found[1] == self.LEGACY)

    def put(self, key: int | str, digest: int, legacy: bool) -> None:
        mark = self.LEGACY if legacy else self.KEYED
        if isinstance(key, int) and 0 <= key < len(self.dense) + 1_000_000:
            if key >= len(self.dense):
                grow = key + 1 - len(self.dense) + (1 << 12)
                self.dense.extend([0] * grow)
                self.mark.extend(bytes(grow))
            self.dense[key] = digest
            self.mark[key] = mark
        else:
            self.sparse[key] = (digest, mark)

    def drop(self, key: int | str) -> None:
        if isinstance(key, int) and 0 <= key < len(self.dense):
            self.mark[key] = 0
        else:
            self.sparse.pop(key, None)

    def keys(self) -> Iterator[int | str]:
        yield from (i for i, here in enumerate(self.mark) if here)
        yield from self.sparse


@dataclass
class Replay:
    """The first pass: the digest of every row the log says exists."""

    tables: dict[str, AuditedTable]
    rows: dict[str, RowDigests]
    broken: set[tuple[str, int | str]]  # entries that do not fit (update of a row never made)
    legacy_demo: bool = False  # an older build wrote demo rows with one summary entry

    @classmethod
    def start(cls) -> Replay:
        tables = audited_tables()
        return cls(tables, {name: RowDigests() for name in tables}, set())

    def apply(self, action: str, entity: str, entity_id: str, field: str,
              old: str | None, new: str | None, legacy: bool) -> None:
        table = self.tables.get(entity)
        if table is None:
            self.legacy_demo |= legacy and entity == "demo"
            return  # not a table (a demo batch's summary line) or one this build no longer has
        rows = self.rows[entity]
        if action == "create":
            data = _snapshot(new)
            if data is None or data.get(table.pk) is None:
                self.broken.add((entity, entity_id or "?"))
                return
            values = [data.get(f, table.added.get(f, ABSENT)) for f in table.fields]
            rows.put(table.key(str(data[table.pk])), table.digest(values), legacy)
            return
        key = _key(table, entity_id)
        if key is None:
            self.broken.add((entity, entity_id))
            return
        current = rows.get(key)
        if current is None:
            self.broken.add((entity, key))
        elif action == "delete":
            rows.drop(key)
        elif action == "update" and field in table.fields:
            moved = current + table.field_hash(field, new) - table.field_hash(field, old)
            rows.put(key, moved & MASK, rows.is_legacy(key))


def _key(table: AuditedTable, entity_id: str) -> int | str | None:
    try:
        return table.key(entity_id)
    except ValueError:
        return None


def _snapshot(text: str | None) -> dict[str, str | None] | None:
    try:
        data = json.loads(text or "")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def current_rows(conn: Connection, table: AuditedTable) -> Iterator[list[str | None]]:
    """Each row's values as the audit log spells them (`to_text`), in field order."""
    result = conn.execution_options(yield_per=5000).execute(select(*table.columns))
    for row in result:
        yield [v if v is None or type(v) is str else
               str(v) if type(v) in (int, bool) else to_text(v) for v in row]


@dataclass(frozen=True)
class Difference:
    table: str
    key: int | str
    logged: dict[str, str | None] | None  # None: the log has no such row
    stored: dict[str, str | None] | None  # None: the table has no such row


def compare(conn: Connection, replay: Replay,
            legacy_rows: dict[str, int] | None) -> tuple[list[tuple[str, int | str]], int]:
    """Rows whose digests disagree (up to DETAIL_LIMIT) and how many disagree in all.

    Two gaps of older builds are not reported: demo rows they wrote with one summary entry
    (rows up to the largest id each table had when the key was made, `legacy_rows`; any
    row when the log was never keyed) and deadlines they replaced with a bulk DELETE."""
    suspects: list[tuple[str, int | str]] = []
    total = 0

    def old_demo_row(name: str, key: int | str) -> bool:
        if not replay.legacy_demo:
            return False
        if legacy_rows is None:
            return True
        return isinstance(key, int) and key <= legacy_rows.get(name, 0)

    def note(name: str, key: int | str) -> None:
        nonlocal total
        total += 1
        if len(suspects) < DETAIL_LIMIT:
            suspects.append((name, key))

    for name, table in replay.tables.items():
        rows = replay.rows[name]
        for values in current_rows(conn, table):
            key = table.key(str(values[table.pk_at]))
            logged = rows.get(key)
            if logged is None and old_demo_row(name, key):
                pass
            elif logged is None or logged != table.digest(values):
                note(name, key)
            rows.drop(key)
        for key in rows.keys():  # in the log, not in the table
            if not (name == "case_deadline" and rows.is_legacy(key)):
                note(name, key)
    for name, key in sorted(replay.broken, key=str):
        if (name, key) not in suspects:
            note(name, key)
    return suspects, total


def explain(conn: Connection, entries: Iterable[tuple[str, str, str, str, str | None, str | None]],
            replay: Replay, suspects: list[tuple[str, int | str]]) -> list[Difference]:
    """The second pass: replay the suspect rows in full and read them from their tables."""
    wanted = set(suspects)
    logged: dict[tuple[str, int | str], dict[str, str | None] | None] = {}
    for action, entity, entity_id, field, _old, new in entries:
        table = replay.tables.get(entity)
        if table is None:
            continue
        if action == "create":
            data = _snapshot(new)
            if data is None or data.get(table.pk) is None:
                continue
            key = table.key(str(data[table.pk]))
            if (entity, key) in wanted:
                logged[(entity, key)] = dict(data)
            continue
        key_or_none = _key(table, entity_id)
        if key_or_none is None or (entity, key_or_none) not in wanted:
            continue
        state = logged.get((entity, key_or_none))
        if action == "delete":
            logged[(entity, key_or_none)] = None
        elif state is not None and action == "update":
            state[field] = new
    out = []
    for name, key in suspects:
        out.append(Difference(name, key, logged.get((name, key)), _stored(conn, replay.tables[name], key)))
    return out


def _stored(conn: Connection, table: AuditedTable, key: int | str) -> dict[str, str | None] | None:
    if table.int_pk:
        if not isinstance(key, int):
            return None  # a create entry too damaged to name its row
        pk = table.columns[table.pk_at].element
        row = conn.execute(select(*table.columns).where(pk == key)).mappings().first()
        return {k: to_text(v) for k, v in row.items()} if row else None
    # Text, date and hash keys: small tables (settings, holidays, stored files); scan them.
    found = (v for v in current_rows(conn, table) if v[table.pk_at] == key)
    values = next(found, None)
    return dict(zip(table.fields, values, strict=True)) if values is not None else None


def describe(diff: Difference, tables: dict[str, AuditedTable]) -> list[str]:
    """Chinese lines naming the table, the row and each field that differs."""
    where = f"{TABLE_NAMES.get(diff.table, diff.table)}（{diff.table}）第 {diff.key} 行"
    if diff.logged is None and diff.stored is None:
        return [f"{where}：审计日志中对此行的记录前后不一致（如修改了从未创建的行）"]
    if diff.logged is None:
        return [f"{where}在数据库中存在，但审计日志中没有（在程序之外写入或恢复）"]
    if diff.stored is None:
        return [f"{where}按审计日志应当存在，但数据库中没有（在程序之外被删除）"]
    table = tables[diff.table]
    lines = []
    for f in table.fields:
        logged = diff.logged.get(f, ABSENT)
        stored = diff.stored.get(f)
        if logged != ABSENT and table.value(f, logged) == table.value(f, stored):
            continue
        label = f"“{FIELD_NAMES[f]}”（{f}）" if f in FIELD_NAMES else f"字段 {f} "
        shown = "（无记录）" if logged == ABSENT else _short(logged)
        lines.append(f"{where}的{label}与审计日志不符：日志为 {shown}，数据库中为 "
                     f"{_short(stored)}（在程序之外被修改）")
    return lines or [f"{where}：审计日志中对此行的记录前后不一致"]


def _short(value: str | None) -> str:
    if value is None:
        return "空"
    return f"“{value[:40]}{'…' if len(value) > 40 else ''}”"

