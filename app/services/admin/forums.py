"""The forum registry (设置 → 受理机关) and the forum a case's filing goes to.

A database table, so every clerk of a shared office addresses the same bodies; only an
administrator changes it (checked here and by the flush guard) and every change is in the
audit log. resources/forums.json seeds it the first time an administrator reads it; until
then everyone reads the shipped list. `propose` applies the jurisdiction rules of
app/workflow/filing/forums.py to a stored case.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import asdict
from typing import Any

from sqlmodel import col, select

from app.errors import AppError, FieldError, NotFound, ValidationFailed
from app.models import (
    Case,
    Filing,
    MediationAgreement,
    Organisation,
    Party,
    PerformanceTerm,
)
from app.models.enums import PartyRole
from app.models.forum import Forum
from app.resources import RESOURCES_DIR
from app.services.context import ServiceContext
from app.services.security.accounts import Permission, can, require_permission
from app.workflow.filing.forums import (
    KIND_LABELS,
    TITLE_ORDER,
    ForumEntry,
    ForumFacts,
    ForumKind,
    Proposal,
    propose,
)

SHIPPED = RESOURCES_DIR / "forums.json"
FIELDS = ("kind", "name", "province", "city", "district", "address", "phone", "source",
          "verified")
LIMITS = {"name": 120, "province": 40, "city": 40, "district": 40, "address": 300, "phone": 60,
          "source": 500}
LABELS = {"name": "名称", "province": "省份", "city": "城市", "district": "区县", "address": "地址",
          "phone": "电话", "source": "来源"}
# What a full official name of each kind ends with (a short name like 张店区法院 is refused).
ENDINGS = {ForumKind.ARBITRATION: ("劳动人事争议仲裁委员会", "劳动争议仲裁委员会"),
           ForumKind.BASIC_COURT: ("人民法院", "人民法庭"),
           ForumKind.INTERMEDIATE_COURT: ("中级人民法院",),
           ForumKind.LEGAL_AID: ("法律援助中心", "法律援助处", "法律援助机构", "法律援助站"),
           ForumKind.LABOUR_INSPECTION: ("监察支队", "监察大队", "监察局", "监察机构", "保障局",
                                         "执法支队", "执法大队", "执法局")}


def _entry(row: Forum) -> ForumEntry:
    return ForumEntry(row.kind, row.name, row.province, row.city, row.district, row.address,
                      row.phone, row.source, row.verified)


def check_entry(raw: dict[str, Any]) -> ForumEntry:
    """A forum as typed; every problem at once, in Chinese, naming the field."""
    problems: list[FieldError] = []
    kind = str(raw.get("kind") or "")
    if kind not in set(ForumKind):
        problems.append(FieldError("forum.kind", f"机关类别应为：{'、'.join(KIND_LABELS.values())}"))
    values = {name: str(raw.get(name) or "").strip() for name in LIMITS}
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            problems.append(FieldError(f"forum.{name}", f"{LABELS[name]}不能超过{limit}个字"))
    if not values["name"]:
        problems.append(FieldError("forum.name", "请填写机关的全称"))
    elif kind in set(ForumKind) and not values["name"].endswith(ENDINGS[ForumKind(kind)]):
        problems.append(FieldError("forum.name", f"名称应为全称，以“{ENDINGS[ForumKind(kind)][0]}”"
                                                 "等结尾（如 绍兴市越城区人民法院）"))
    if not values["city"]:
        problems.append(FieldError("forum.city", "请填写所在城市（如 绍兴市）"))
    if kind == ForumKind.BASIC_COURT and not values["district"]:
        problems.append(FieldError("forum.district", "基层人民法院请填写所在区县（如 越城区）"))
    if problems:
        raise ValidationFailed(problems)
    return ForumEntry(kind, values["name"], values["province"], values["city"],
                      values["district"], values["address"], values["phone"], values["source"],
                      bool(raw.get("verified")))


def shipped() -> list[ForumEntry]:
    try:
        rows = json.loads(SHIPPED.read_text(encoding="utf-8"))["forums"]
        return [check_entry(row) for row in rows]
    except (OSError, ValueError, KeyError, TypeError, ValidationFailed) as exc:
        raise AppError(f"随程序提供的受理机关表无法读取：{exc}", code="bad_forum_table") from exc


class ForumService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def entries(self) -> list[tuple[int, ForumEntry]]:
        """Every forum with its row id, by city, kind and name (seeded once by an admin)."""
        with self.ctx.session() as s:
            rows = list(s.exec(select(Forum).order_by(col(Forum.city), col(Forum.kind),
                                                      col(Forum.district), col(Forum.name))))
        if not rows:
            seed = shipped()
            if seed and (self.ctx.role is None or can(self.ctx.role, Permission.ADMIN)):
                with self.ctx.session() as s:
                    s.add_all(Forum(**asdict(e)) for e in seed)
                    s.commit()
                return self.entries()
            return [(0, e) for e in seed]
        return [(r.id or 0, _entry(r)) for r in rows]

    def registry(self) -> list[ForumEntry]:
        return [e for _id, e in self.entries()]

    def save(self, data: ForumEntry | dict[str, Any], forum_id: int | None = None) -> int:
        """Add a forum, or change the one with `forum_id`; one transaction."""
        require_permission(self.ctx.role, self.ctx.user, Permission.ADMIN)
        entry = check_entry(asdict(data) if isinstance(data, ForumEntry) else dict(data))
        with self.ctx.session() as s:
            same = s.exec(select(Forum).where(Forum.name == entry.name)).first()
            if same is not None and same.id != forum_id:
                raise ValidationFailed([FieldError("forum.name",
                                                   f"已有“{entry.name}”，请修改那一条")])
            row = s.get(Forum, forum_id) if forum_id else Forum(kind=entry.kind, name=entry.name)
            if row is None:
                raise NotFound("这个受理机关已被删除，请刷新后重试")
            for name in FIELDS:
                setattr(row, name, getattr(entry, name))
            s.add(row)
            s.commit()
            return int(row.id or 0)

    def delete(self, forum_id: int) -> None:
        require_permission(self.ctx.role, self.ctx.user, Permission.ADMIN)
        with self.ctx.session() as s:
            row = s.get(Forum, forum_id)
            if row is None:
                raise NotFound("这个受理机关已被删除")
            s.delete(row)
            s.commit()

    def facts(self, case_no: str) -> ForumFacts:
        """Where the stored case's contract is performed, its employers, its organisation and
        its debtors sit, and the commission that heard it."""
        with self.ctx.session() as s:
            case = s.exec(select(Case).where(Case.case_no == case_no.strip())).first()
            if case is None:
                raise NotFound(f"找不到案号为“{case_no}”的案件，请核对案号")
            org = s.get(Organisation, case.organisation_id)
            parties = list(s.exec(select(Party).where(Party.case_id == case.id)
                                  .order_by(col(Party.seq))))
            respondents = [p for p in parties if p.role == PartyRole.RESPONDENT]
            filings = list(s.exec(select(Filing).where(Filing.case_id == case.id)
                                  .order_by(col(Filing.id))))
            arbitration = next((f for f in filings if f.kind == "arbitration"), None)
            # The title enforced (执行依据): the first of TITLE_ORDER with a number or result.
            title = next((f for kind in TITLE_ORDER for f in filings
                          if f.kind == kind and (f.external_no or f.result)), None)
            payers = set(s.exec(select(PerformanceTerm.payer).join(
                MediationAgreement, col(MediationAgreement.id) == PerformanceTerm.agreement_id)
                .where(MediationAgreement.case_id == case.id,
                       col(PerformanceTerm.performed).is_(False))))
        addresses = tuple(p.domicile or p.mailing_address for p in respondents)
        # A payment order is against a debtor of the unperformed terms (民诉法 arts 225-227).
        debtors = [p.domicile or p.mailing_address for p in respondents if p.name in payers]
        return ForumFacts(case.city, case.district, addresses, org.address if org else "",
                          (debtors or list(addresses) or [""])[0],
                          arbitration.forum if arbitration else "",
                          party_addresses=tuple(p.domicile or p.mailing_address
                                                for p in parties),
                          title_kind=str(title.kind) if title else "",
                          title_forum=title.forum.strip() if title else "")

    def propose(self, case_no: str, filing_kind: str, *, debtor: str | None = None,
                facts: ForumFacts | None = None) -> Proposal | None:
        """The forum the rules give for a filing of the stored case (None: no rule applies);
        `debtor` names the respondent a payment order is against."""
        facts = facts or self.facts(case_no)
        if debtor is not None:
            with self.ctx.session() as s:
                case = s.exec(select(Case).where(Case.case_no == case_no.strip())).one()
                party = s.exec(select(Party).where(Party.case_id == case.id,
                                                   Party.name == debtor)).first()
            if party is not None:
                facts = dataclasses.replace(
                    facts, debtor_address=party.domicile or party.mailing_address)
        return propose(filing_kind, facts, self.registry())
