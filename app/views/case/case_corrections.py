"""修改 and 删除 on every list of a case, and 撤销上一步: buttons on the case view's tabs, the
pre-filled dialogs, and the question that says what goes with a deletion.

Every change goes through the case view's `_run` (dialogs) or `_done` (direct deletions), so
the whole view and every list showing the case refresh through one change broadcast."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QObject

from app.errors import AppError
from app.models.enums import FilingStatus
from app.services.cases.acts import AGREEMENT_EVENT, EVENT_FILING, SESSION_EVENT, ActService
from app.services.cases.corrections import CorrectionService, Saved
from app.services.workflow.undo import UndoService
from app.views.case.dialogs.agent_dialog import AgentDialog
from app.views.case.dialogs.agreement_dialog import AgreementDialog
from app.views.case.dialogs.correction_dialogs import (
    ClaimEditDialog,
    EvidenceEditDialog,
    UndoDialog,
    WithdrawDialog,
)
from app.views.case.dialogs.filing_dialog import FilingDialog
from app.views.case.dialogs.session_dialog import SessionDialog
from app.views.case.record_list_tab import RecordListTab
from app.views.widgets.record_table_model import day, minute, money

# The case view (not imported: it builds this): its lists, `_run`, `_selected`, `record_changed`.
CaseView = Any


class CaseCorrections(QObject):
    def __init__(self, view: CaseView, corrections: CorrectionService,
                 acts: ActService | None, undo: UndoService | None) -> None:
        super().__init__(view)
        self.view, self.corrections, self.acts, self.undo = view, corrections, acts, undo
        v = view
        self.buttons = {
            "claim.edit": self._button(v.claims, "修改请求…", self.edit_claim),
            "claim.delete": self._button(v.claims, "删除请求", self.delete_claim),
            "session.edit": self._button(v.sessions, "修改调解记录…", self.edit_session),
            "session.delete": self._button(v.sessions, "删除调解记录", self.delete_session),
            "agreement.edit": self._button(v.agreements, "修改协议…", self.edit_agreement),
            "agreement.delete": self._button(v.agreements, "删除协议…", self.delete_agreement),
            "evidence.edit": self._button(v.evidence, "修改证据…", self.edit_evidence),
            "evidence.delete": self._button(v.evidence, "删除证据", self.delete_evidence),
            "agent.add": self._button(v.agents, "添加代理人…", self.add_agent),
            "agent.edit": self._button(v.agents, "修改代理人…", self.edit_agent),
            "agent.delete": self._button(v.agents, "删除代理人", self.delete_agent),
        }
        for title, tab in v.filings.items():
            self.buttons[f"filing.edit.{title}"] = self._button(
                tab, "修改申请…", lambda _c=False, t=tab: self.edit_filing(t))
            self.buttons[f"filing.delete.{title}"] = self._button(
                tab, "撤回/删除申请…", lambda _c=False, t=tab: self.delete_filing(t))
        if undo is not None:
            self.buttons["undo"] = self._button(v.timeline.events, "撤销上一步…", self.undo_last)

    @staticmethod
    def _button(tab: RecordListTab, text: str, slot: Callable[..., object]) -> Any:
        button = tab.add_button(tab.tr(text))
        button.clicked.connect(slot)
        return button

    @property
    def version(self) -> int:
        assert self.view.detail is not None
        return self.view.detail.version

    def _selected(self, tab: RecordListTab, what: str) -> Any:
        return self.view._selected(tab, self.view.tr(what))

    def _delete(self, question: str, write: Callable[[], Saved]) -> bool:
        """Ask first (saying what goes with it), then delete; refusals in a Chinese dialog."""
        if not self.view.dialogs.confirm(self.view, self.view.tr("确认删除"), question):
            return False
        try:
            write()
        except AppError as exc:
            self.view.dialogs.error(self.view, self.view.tr("不能删除"), exc.message)
            return False
        self.view.record_changed()
        return True

    # --- claims, sessions, evidence ----------------------------------------------------------
    def edit_claim(self) -> None:
        claim = self._selected(self.view.claims, "一项请求")
        if claim is not None:
            self.view._run(ClaimEditDialog(self.corrections, self.view.case_no, claim,
                                           self.version, self.view.dialogs, self.view))

    def delete_claim(self) -> bool:
        claim = self._selected(self.view.claims, "一项请求")
        if claim is None:
            return False
        return self._delete(f"删除第{claim.seq}项请求“{claim.description}”（{money(claim.amount)}元）？"
                            "请求金额合计随之重算；审计日志保留删除记录。",
                            lambda: self.corrections.delete_claim(self.view.case_no, claim.seq,
                                                                  self.version))

    def edit_session(self) -> None:
        session = self._selected(self.view.sessions, "一次调解记录")
        if session is not None:
            v = self.view
            v._run(SessionDialog(v.records, v.case_no, v.dialogs, parent=v, existing=session,
                                 corrections=self.corrections, version=self.version))

    def delete_session(self) -> bool:
        session = self._selected(self.view.sessions, "一次调解记录")
        if session is None:
            return False
        try:
            what = self.corrections.session_consequences(self.view.case_no, session.id)
        except AppError as exc:
            self.view.dialogs.error(self.view, self.view.tr("不能删除"), exc.message)
            return False
        return self._delete(f"删除 {minute(session.held_at)} 的调解记录？其调解笔录一并删除"
                            + "".join(f"；{w}" for w in what) + "（审计日志保留删除记录）。",
                            lambda: self.corrections.delete_session(self.view.case_no,
                                                                    session.id, self.version))

    def edit_evidence(self) -> None:
        item = self._selected(self.view.evidence, "一项证据")
        if item is not None:
            self.view._run(EvidenceEditDialog(self.corrections, self.view.case_no, item,
                                              self.version, self.view.dialogs, self.view))

    def delete_evidence(self) -> bool:
        item = self._selected(self.view.evidence, "一项证据")
        if item is None:
            return False
        extra = "；文件仍保存在证据库中，可从审计日志追溯" if item.file_name else ""
        return self._delete(f"从证据目录中删除第{item.seq}项“{item.name}”？{extra}。",
                            lambda: self.corrections.delete_evidence(self.view.case_no, item.id,
                                                                     self.version))

    def add_agent(self) -> None:
        v = self.view
        if v.detail is not None:
            v._run(AgentDialog(v.records, self.corrections, v.case_no, v.detail.parties,
                               self.version, v.dialogs, v))

    def edit_agent(self) -> None:
        agent, v = self._selected(self.view.agents, "一位代理人"), self.view
        if agent is not None and v.detail is not None:
            v._run(AgentDialog(v.records, self.corrections, v.case_no, v.detail.parties,
                               self.version, v.dialogs, v, existing=agent))

    def delete_agent(self) -> bool:
        agent = self._selected(self.view.agents, "一位代理人")
        if agent is None:
            return False
        return self._delete(f"删除{agent.party_name}的代理人“{agent.name}”？授权委托书的生成将不再包括此人。",
                            lambda: self.corrections.delete_agent(self.view.case_no, agent.id,
                                                                  self.version))

    # --- agreements --------------------------------------------------------------------------
    def edit_agreement(self) -> None:
        row = self._selected(self.view.agreements, "一项履行条款")
        if row is None:
            return
        agreement = row[0]
        v = self.view
        v._run(AgreementDialog(v.records, v.case_no, v.dialogs, today=v._today(), parent=v,
                               corrections=self.corrections, version=self.version,
                               existing=agreement))

    def delete_agreement(self) -> bool:
        row = self._selected(self.view.agreements, "一项履行条款")
        if row is None:
            return False
        agreement, v = row[0], self.view
        try:
            what = self.corrections.agreement_consequences(v.case_no, agreement.id)
        except AppError as exc:
            v.dialogs.error(v, v.tr("不能删除"), exc.message)
            return False
        if any("作废" in line for line in what):
            v._run(WithdrawDialog(v.tr("作废调解协议"), "；".join(what), v._today(),
                                  lambda reason, on: self.corrections.delete_agreement(
                                      v.case_no, agreement.id, self.version, reason=reason,
                                      on=on), v.dialogs, v))
            return True
        return self._delete(f"删除 {day(agreement.signed_on)} 签订的调解协议？" + "；".join(what) + "。",
                            lambda: self.corrections.delete_agreement(v.case_no, agreement.id,
                                                                      self.version))

    # --- filings -----------------------------------------------------------------------------
    def edit_filing(self, tab: RecordListTab) -> None:
        filing = self._selected(tab, "一项申请")
        if filing is not None:
            v = self.view
            kinds = next(k for t, k in v.filing_kinds() if v.filings[t] is tab)
            v._run(FilingDialog(v.records, v.case_no, kinds, v.dialogs, v._today(), v,
                                corrections=self.corrections, version=self.version,
                                existing=filing))

    def delete_filing(self, tab: RecordListTab) -> bool:
        filing = self._selected(tab, "一项申请")
        if filing is None:
            return False
        v = self.view
        if filing.withdrawn_on is not None:
            v.dialogs.info(v, v.tr("已撤回"), v.tr("这项申请已撤回，无须再次办理"))
            return False
        if filing.status == FilingStatus.DRAFT:
            return self._delete(v.tr("删除这项尚未提交的申请（草稿）？"),
                                lambda: self.corrections.delete_filing(v.case_no, filing.id,
                                                                       self.version))
        v._run(WithdrawDialog(
            v.tr("撤回申请"), v.tr("这项申请已提交受理机构，不会删除，而是标记为“已撤回”，保留在列表和"
                              "时间线中；随它登记的办理事项如是最后一步，将一并撤销。"),
            v._today(), lambda reason, on: self.corrections.delete_filing(
                v.case_no, filing.id, self.version, reason=reason, on=on), v.dialogs, v))
        return True

    # --- acts and undo -----------------------------------------------------------------------
    def open_act(self, event: str, on: date) -> bool:
        """A 办理 button of an act with data opens its dialog instead of a bare step."""
        v = self.view
        if self.acts is None:
            return False
        if event == AGREEMENT_EVENT:
            v.enter_agreement()
            return True
        if event == SESSION_EVENT:
            v.record_session()
            dialog = v.open_dialog
            if isinstance(dialog, SessionDialog):
                moment = dialog.held_at.dateTime()
                moment.setDate(QDate(on.year, on.month, on.day))
                dialog.held_at.setDateTime(moment)
            return True
        kind = EVENT_FILING.get(event)
        if kind is None:
            return False
        kinds = next((k for _t, k in v.filing_kinds() if kind in k), (kind,))
        v.register_filing(kinds)
        dialog = v.open_dialog
        if isinstance(dialog, FilingDialog):
            dialog.select_kind(kind)
            dialog.filed_on.setDate(QDate(on.year, on.month, on.day))
        return True

    def undo_last(self) -> bool:
        v = self.view
        assert self.undo is not None
        step = self.undo.last_step(v.case_no)
        if step is None:
            v.dialogs.info(v, v.tr("撤销上一步"), v.tr("本案还没有办理事项"))
            return False
        if step.refusal:
            v.dialogs.error(v, v.tr("不能撤销"), step.refusal)
            return False
        v._run(UndoDialog(self.undo, v.case_no, step, self.version, v.dialogs, v))
        return True
