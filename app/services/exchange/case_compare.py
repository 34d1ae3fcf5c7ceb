"""What differs between a stored case and a case document about to replace it, in Chinese
(当事人“张三”的电话不同, 文件多出请求事项2项), so nothing is replaced without the user knowing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel, col, select

from app.models import Case, MediationAgreement, Party, PerformanceTerm
from app.services.cases.history import ENTITY_LABELS, FIELD_LABELS
from app.services.exchange.case_format import ALWAYS_SKIP, CASE_SKIP, CHILDREN, ParsedDocument

# Bookkeeping that says when, not what: the file's updated_at is compared separately (older).
NOT_CONTENT = {"updated_at"}
MAX_LINES = 30
SECTION_LABELS = {"parties": "当事人", "agents": "代理人", "claims": "请求事项", "evidence": "证据",
                  "sessions": "调解记录", "filings": "申请", "events": "时间线事件",
                  "documents": "文书", "agreements": "调解协议", "terms": "履行条款",
                  "witnesses": "证人", "services": "送达记录", "service_addresses": "送达地址确认"}
LABELS = {**FIELD_LABELS, "received_on": "收到申请日期", "case_no": "案号",
          "created_at": "创建时间", "seq": "序号", "party_ref": "所属当事人",
          "submitted_by_ref": "提交人", "file_sha256": "文件", "claim_type": "请求类型",
          "period_start": "请求期间开始日", "period_end": "请求期间结束日", "held_at": "调解时间",
          "mediators": "调解员", "attendees": "参加人", "signed_on": "签订日期",
          "effective_on": "生效日期", "facts": "事实", "responsibility": "责任",
          "content": "协议内容", "copies": "份数", "payer": "付款方", "payee": "收款方",
          "due_on": "履行期限", "method": "履行方式", "performed": "是否履行",
          "performed_on": "履行日期", "kind": "类型", "data": "内容",
          "created_by": "记录人", "file_name": "文件名", "sha256": "文件哈希",
          "agent_type": "代理人类型", "authority": "代理权限", "authority_detail": "权限说明",
          "external_no": "案号/文号", "accepted_on": "受理日期", "decided_on": "决定日期"}
Rows = list[dict[str, Any]]


def _has_seq(model: type[SQLModel]) -> bool:
    return "seq" in model.__table__.columns  # type: ignore[attr-defined]


def stored_view(s: Session, case: Case) -> dict[str, Any]:
    """The stored case as plain values, rows in export order, party references as seq."""
    table = Case.__table__  # type: ignore[attr-defined]
    view: dict[str, Any] = {"case": {c.name: getattr(case, c.name) for c in table.columns
                                     if c.name not in CASE_SKIP}}
    seqs = {p.id: p.seq for p in s.scalars(select(Party).where(Party.case_id == case.id))}
    for key, model, skip, refs in CHILDREN:
        order = [col(model.seq)] if _has_seq(model) else []  # type: ignore[attr-defined]
        rows = s.scalars(select(model).where(model.case_id == case.id)  # type: ignore[attr-defined]
                         .order_by(*order, col(model.id)))  # type: ignore[attr-defined]
        view[key] = [_columns(row, skip | set(refs))
                     | {ref: seqs.get(getattr(row, column)) for column, ref in refs.items()}
                     for row in rows]
    view["agreements"] = []
    for agreement in s.scalars(select(MediationAgreement)
                               .where(MediationAgreement.case_id == case.id)
                               .order_by(col(MediationAgreement.id))):
        item = _columns(agreement, ALWAYS_SKIP)
        item["terms"] = [_columns(t, ALWAYS_SKIP | {"agreement_id"}) for t in s.scalars(
            select(PerformanceTerm).where(PerformanceTerm.agreement_id == agreement.id)
            .order_by(col(PerformanceTerm.seq), col(PerformanceTerm.id)))]
        view["agreements"].append(item)
    return view


def _columns(row: SQLModel, skip: set[str]) -> dict[str, Any]:
    table = row.__table__  # type: ignore[attr-defined]
    return {c.name: getattr(row, c.name) for c in table.columns if c.name not in skip}


def incoming_view(parsed: ParsedDocument) -> dict[str, Any]:
    """The document as the rows a replace would write: a child row's missing column takes its
    default; a missing timestamp (made at write time) is not compared."""
    view: dict[str, Any] = {"case": dict(parsed.case)}
    for key, model, skip, refs in CHILDREN:
        rows = [_with_defaults(model, values, skip | set(refs))
                | {ref: ref_values.get(ref) for ref in refs.values()}
                for values, ref_values in parsed.children.get(key, [])]
        view[key] = _by_seq(rows) if _has_seq(model) else rows
    view["agreements"] = []
    for values, terms in parsed.agreements:
        item = _with_defaults(MediationAgreement, values, ALWAYS_SKIP)
        item["terms"] = _by_seq([_with_defaults(PerformanceTerm, t, ALWAYS_SKIP | {"agreement_id"})
                                 for t in terms])
        view["agreements"].append(item)
    return view


def _by_seq(rows: Rows) -> Rows:
    return sorted(rows, key=lambda r: r["seq"] if isinstance(r.get("seq"), int) else 0)


def _with_defaults(model: type[SQLModel], values: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    out = {}
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        name = column.name
        if name in skip:
            continue
        if name in values:
            out[name] = values[name]
            continue
        info = model.model_fields.get(name)
        if info is None:
            continue
        if info.default_factory is None:
            out[name] = None if info.is_required() else info.default
        elif not isinstance(column.type.impl if isinstance(column.type, TypeDecorator)
                            else column.type, DateTime):
            out[name] = info.default_factory()  # type: ignore[call-arg]  (e.g. events' data: {})
    return out


def differences(stored: dict[str, Any], incoming: dict[str, Any]) -> list[str]:
    """Every difference as a sentence; empty when the document says what is stored."""
    lines = [f"案件的“{LABELS.get(k, k)}”不同" for k, v in incoming["case"].items()
             if k not in NOT_CONTENT and stored["case"].get(k) != v]
    for key, _model, _skip, _refs in CHILDREN:
        lines += _rows(key, stored[key], incoming[key], "")
    for i, (old, new) in enumerate(zip(stored["agreements"], incoming["agreements"],
                                       strict=False)):
        owner = f"第{i + 1}份调解协议"
        lines += [f"{owner}的“{LABELS.get(k, k)}”不同" for k, v in new.items()
                  if k != "terms" and old.get(k) != v]
        lines += _rows("terms", old["terms"], new["terms"], owner)
    lines += _count("agreements", stored["agreements"], incoming["agreements"], "")
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES] + [f"……另有 {len(lines) - MAX_LINES} 处不同"]
    return lines


def _rows(key: str, old_rows: Rows, new_rows: Rows, owner: str) -> list[str]:
    lines = []
    for i, (old, new) in enumerate(zip(old_rows, new_rows, strict=False)):
        fields = [LABELS.get(k, k) for k, v in new.items() if old.get(k) != v]
        if fields:
            name = f"{owner}的{_name(key, i, old)}" if owner else _name(key, i, old)
            lines.append(f"{name}的{'、'.join(fields)}不同")
    return lines + _count(key, old_rows, new_rows, owner)


def _count(key: str, old_rows: Rows, new_rows: Rows, owner: str) -> list[str]:
    label = SECTION_LABELS.get(key) or ENTITY_LABELS.get(key, key)
    where = f"{owner}在文件中" if owner else "文件"
    if len(new_rows) > len(old_rows):
        return [f"{where}多出{label}{len(new_rows) - len(old_rows)}项"]
    if len(new_rows) < len(old_rows):
        return [f"{where}少了{label}{len(old_rows) - len(new_rows)}项（已存案件有{len(old_rows)}项）"]
    return []


def _name(key: str, index: int, row: dict[str, Any]) -> str:
    label = SECTION_LABELS.get(key, key)
    if key in ("parties", "agents", "evidence", "witnesses") and row.get("name"):
        return f"{label}“{row['name']}”"
    if key == "documents" and row.get("file_name"):
        return f"{label}“{row['file_name']}”"
    if key in ("claims", "terms") and isinstance(row.get("seq"), int):
        return f"{label}第{row['seq']}项"
    return f"第{index + 1}项{label}"
