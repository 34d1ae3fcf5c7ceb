"""A case's audit log in plain Chinese (时间线): who changed what, when, from what to what."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import col, select

from app.models import AuditEntry, Case
from app.models.enums import (
    AgentAuthority,
    AgentType,
    CaseStatus,
    ClaimType,
    EvidenceForm,
    FilingKind,
    FilingStatus,
    IdType,
    IntakeChannel,
    PartyKind,
    PartyRole,
    PartyType,
    RelationshipCategory,
    ServedDocument,
    ServiceMethod,
    Sex,
    Stage,
    label,
)
from app.services.cases.detail import event_label
from app.services.cases.edit import EDITABLE
from app.services.context import ServiceContext
from app.workflow.transitions import state_label

ENTITY_LABELS = {
    "dispute_case": "案件", "party": "当事人", "claim": "请求事项", "evidence": "证据",
    "mediation_session": "调解记录", "mediation_agreement": "调解协议", "filing": "申请",
    "case_event": "时间线事件", "agent": "代理人", "generated_document": "文书",
    "case_answers": "核查与认定", "performance_term": "履行条款", "witness": "证人",
    "service_record": "送达记录", "service_address": "送达地址确认",
}
# What a case_answers row holds, by its kind.
ANSWER_KINDS = {"rights": "权益核查答案", "worktime": "工作时长分析（订单记录）",
                "classification": "用工关系认定答案"}
# Stored choices shown by their Chinese label, never as `active → closed`.
CHOICES: dict[str, type] = {
    "status": CaseStatus, "stage": Stage, "category": RelationshipCategory, "role": PartyRole,
    "party_type": PartyType, "sex": Sex, "id_type": IdType, "form": EvidenceForm,
    "claim_type": ClaimType, "intake_channel": IntakeChannel, "agent_type": AgentType,
    "authority": AgentAuthority, "method": ServiceMethod, "document_kind": ServedDocument,
}
# The same column name means a different choice on different tables.
CHOICES_BY_ENTITY: dict[tuple[str, str], type] = {
    ("party", "kind"): PartyKind, ("filing", "kind"): FilingKind,
    ("filing", "status"): FilingStatus,
}
# What names a row in a sentence ("当事人 张三", "证据 劳动合同").
NAME_FIELDS = ("name", "document", "kind", "held_at", "signed_on", "claim_type", "file_name",
               "case_no", "address")
FIELD_LABELS = {
    **EDITABLE, "name": "姓名/名称", "sex": "性别", "birth_date": "出生日期", "ethnicity": "民族",
    "id_type": "证件类型", "id_number": "证件号码", "domicile": "住所", "phone": "电话",
    "mailing_address": "通讯地址", "workplace": "工作单位", "credit_code": "统一社会信用代码",
    "legal_representative": "法定代表人", "representative_title": "职务", "role": "身份",
    "stage": "阶段", "state": "办理状态", "description": "内容", "amount": "金额",
    "source": "来源", "proves": "证明内容", "pages": "页数", "form": "形式",
    "forum": "受理机构", "filed_on": "提交日期", "status": "状态", "result": "结果",
    "occurred_on": "日期", "note": "备注", "place": "地点", "record": "笔录",
    "answers": "答案", "performed": "已履行", "performed_on": "履行日期", "payer": "给付方",
    "payee": "收款方", "due_on": "履行期限", "method": "履行方式", "party_type": "当事人类型",
    "kind": "类别", "claim_type": "请求类型", "decided_on": "决定日期",
    "external_no": "对方案号", "signed_on": "签订日期", "effective_on": "生效日期",
    "address": "地址", "relation": "与当事人的关系", "document": "送达文书",
    "document_kind": "文书类别", "tracking_no": "单号", "served_on": "送达日期",
    "server": "送达人", "signed_by": "签收人", "recipient": "代收人", "email": "电子送达地址",
    "electronic_consent": "同意电子送达", "confirmed_on": "确认日期", "received_on": "收到日期",
    "accepted_on": "受理日期", "withdrawn_on": "撤回（作废）日期", "withdrawn_reason": "撤回（作废）原因",
    "held_at": "调解时间", "mediators": "调解员", "attendees": "参加人员", "copies": "份数",
    "facts": "事实", "responsibility": "各方责任", "content": "协议内容",
    "period_start": "期间开始", "period_end": "期间结束", "authority_detail": "代理权限说明",
    "agent_type": "代理人类型", "authority": "代理权限",
}
# The same column name means another thing on another table.
FIELD_LABELS_BY_ENTITY = {("service_record", "method"): "送达方式",
                          ("service_record", "address"): "送达地点",
                          ("service_address", "address"): "送达地址",
                          ("witness", "address"): "住所", ("witness", "party_id"): "申请方"}
# The case's own fields keep the names of the correction form (修改案件信息).
FIELD_LABELS.update(EDITABLE)
# Bookkeeping columns a clerk never typed; derived deadlines are listed in the 期限 tab.
HIDDEN_FIELDS = {"version", "updated_at", "search_text", "created_at"}
HIDDEN_ENTITIES = {"case_deadline"}
ACTIONS = {"create": "新增", "update": "修改", "delete": "删除"}


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    user: str
    action: str
    text: str


def _snapshot(snapshot: str | None) -> dict[str, Any]:
    try:
        data = json.loads(snapshot or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def readable(entity: str, field: str, value: str | None) -> str:
    """A stored value as the clerk reads it: a choice by its label, a state by its name."""
    if not value:
        return "（空）"
    if field == "state":
        return state_label(value)
    if field in ("performed", "collective", "verified", "draft", "electronic_consent"):
        return {"true": "是", "false": "否", "True": "是", "False": "否"}.get(value, value)
    kind = CHOICES_BY_ENTITY.get((entity, field)) or CHOICES.get(field)
    if kind is not None and value in {m.value for m in kind}:  # type: ignore[attr-defined]
        return label(kind(value))
    return value


def _snapshot_name(snapshot: str | None, entity: str = "") -> str:
    data = _snapshot(snapshot)
    if entity == "case_answers":
        return ANSWER_KINDS.get(str(data.get("kind", "")), "")
    if entity == "generated_document":
        return str(data.get("file_name") or "")
    if entity == "performance_term":
        return f"第{data.get('seq')}项（{data.get('payer')}→{data.get('payee')}）"
    for key in NAME_FIELDS:
        if data.get(key):
            value = str(data[key])
            if key == "kind":  # a filing's kind, else a timeline event's
                return (label(FilingKind(value)) if value in set(FilingKind)
                        else event_label(value))
            if key == "held_at":
                return value.replace("T", " ")[:16]
            if key == "claim_type":
                return label(ClaimType(value)) if value in set(ClaimType) else value
            return value
    return ""


class CaseHistoryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def audit_lines(self, case_no: str, limit: int = 1000) -> list[AuditLine]:
        """The case's audit entries, oldest first, as sentences a clerk can read."""
        with self.ctx.session() as s:
            case_id = s.exec(select(Case.id).where(Case.case_no == case_no.strip())).first()
            if case_id is None:
                return []
            entries = list(s.exec(select(AuditEntry).where(AuditEntry.case_id == case_id)
                                  .order_by(col(AuditEntry.id)).limit(limit)))
        names: dict[tuple[str, str], str] = {}
        for e in entries:  # names as created, so an update can say whose phone changed
            if e.action == "create":
                # A new row has no identity yet when the entry is written: read its snapshot.
                row_id = str(_snapshot(e.new_value).get("id") or e.entity_id)
                names[(e.entity, row_id)] = _snapshot_name(e.new_value, e.entity)
            elif e.action == "update" and e.field == "name" and e.new_value:
                names[(e.entity, e.entity_id)] = e.new_value
        lines = []
        for e in entries:
            if e.entity in HIDDEN_ENTITIES or e.field in HIDDEN_FIELDS:
                continue
            line = AuditLine(e.at, e.user, e.action, self._sentence(e, names))
            if not lines or lines[-1] != line:  # one step's two rows read as one sentence
                lines.append(line)
        return lines

    @staticmethod
    def _sentence(e: AuditEntry, names: dict[tuple[str, str], str]) -> str:
        local = e.at.astimezone().strftime("%Y-%m-%d %H:%M")
        entity = ENTITY_LABELS.get(e.entity, e.entity)
        who = e.user or "系统"
        if e.action == "update":
            name = names.get((e.entity, e.entity_id), "")
            subject = f"{entity} {name} 的" if name and e.entity != "dispute_case" else f"{entity}的"
            field = FIELD_LABELS_BY_ENTITY.get((e.entity, e.field)) or FIELD_LABELS.get(e.field,
                                                                                        e.field)
            return (f"{local} {who} 修改 {subject} {field}："
                    f"{readable(e.entity, e.field, e.old_value)} → "
                    f"{readable(e.entity, e.field, e.new_value)}")
        snapshot = e.new_value if e.action == "create" else e.old_value
        name = _snapshot_name(snapshot, e.entity)
        text = f"{local} {who} {ACTIONS.get(e.action, e.action)} {entity} {name}".rstrip()
        note = str(_snapshot(snapshot).get("note") or "")
        if e.action == "delete" and e.entity == "case_event" and note.startswith("撤销原因"):
            text = f"{local} {who} 撤销 办理事项 {name}（{note}）"
        return text
