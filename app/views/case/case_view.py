"""One case in tabs: 概况, 当事人, 请求事项, 证据, 调解, 调解协议, filings, 期限, 文书, 时间线.

Extension point: `tab_factories` maps a tab title ("期限", "文书", or a new one) to a
function (case_no, parent) → QWidget; titles not supplied show a placeholder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import (
    AgentAuthority,
    AgentType,
    ClaimType,
    FilingKind,
    FilingStatus,
    PartyKind,
    PartyRole,
    PartyType,
    Stage,
)
from app.services.admin.forums import ForumService
from app.services.admin.roster import MediatorRow
from app.services.cases.acts import ActService
from app.services.cases.corrections import CorrectionService
from app.services.cases.detail import CaseDetail, CaseDetailService
from app.services.cases.edit import CaseEditService
from app.services.cases.history import CaseHistoryService
from app.services.cases.records import RecordService
from app.services.cases.witnesses import WitnessService
from app.services.knowledge.calculator_service import CalculatorService
from app.services.workflow.undo import UndoService
from app.views.case.case_corrections import CaseCorrections
from app.views.case.case_overview_tab import CaseOverviewTab
from app.views.case.dialogs.agreement_dialog import AgreementDialog
from app.views.case.dialogs.case_edit_dialogs import (
    CaseEditDialog,
    ClassificationDialog,
    PartyEditDialog,
    TermPerformedDialog,
)
from app.views.case.dialogs.claim_calculator_dialog import ClaimCalculatorDialog
from app.views.case.dialogs.filing_dialog import FilingDialog
from app.views.case.dialogs.session_dialog import SessionDialog
from app.views.case.evidence_tab import EvidenceTab
from app.views.case.record_list_tab import RecordListTab
from app.views.case.timeline_tab import TimelineTab
from app.views.dialogs.table_import_dialog import ImportSteps, TableImportDialog
from app.views.pages.placeholder_page import PlaceholderPage
from app.views.widgets.messages import Dialogs
from app.views.widgets.record_table_model import ROW_ROLE, Column, day, enum_label, minute, money

CaseTabFactory = Callable[[str, QWidget], QWidget]
FILING_TABS: list[tuple[str, tuple[FilingKind, ...]]] = [
    ("确认/审查", (FilingKind.JUDICIAL_CONFIRMATION, FilingKind.ARBITRATION_REVIEW,
                  FilingKind.PAYMENT_ORDER)),
    ("仲裁", (FilingKind.ARBITRATION, FilingKind.LEGAL_AID, FilingKind.LABOUR_INSPECTION)),
    ("诉讼与执行", (FilingKind.LAWSUIT, FilingKind.AWARD_REVOCATION, FilingKind.ENFORCEMENT)),
]
PLACEHOLDERS = {
    "期限": "本案的法定期限（受理、调解、仲裁审查、司法确认、仲裁时效等）将在此按事件自动计算并提醒，"
            "由期限模块提供。",
    "文书": "本案的调解申请书、调解协议书、司法确认申请书、仲裁申请书等文书将在此生成、预览和打印，"
            "由文书模块提供。",
}
PARTY_COLUMNS = [
    Column("身份", lambda p: enum_label(PartyRole, p.role)),
    Column("类型", lambda p: enum_label(PartyType, p.party_type)),
    Column("类别", lambda p: enum_label(PartyKind, p.kind)),
    Column("姓名/名称", lambda p: p.name),
    Column("证件号码/信用代码", lambda p: p.id_number or p.credit_code),
    Column("电话", lambda p: p.phone),
    Column("住所", lambda p: p.domicile),
    Column("法定代表人/工作单位", lambda p: (f"{p.legal_representative} {p.representative_title}"
                                             .strip() or p.workplace)),
]
CLAIM_COLUMNS = [
    Column("序号", lambda c: str(c.seq)), Column("类型", lambda c: enum_label(ClaimType, c.claim_type)),
    Column("请求内容", lambda c: c.description), Column("金额（元）", lambda c: money(c.amount), True),
    Column("期间", lambda c: f"{day(c.period_start)} 至 {day(c.period_end)}"
           if c.period_start or c.period_end else ""),
]
AGENT_COLUMNS = [
    Column("委托人", lambda a: a.party_name), Column("代理人", lambda a: a.name),
    Column("类型", lambda a: enum_label(AgentType, a.agent_type)),
    Column("权限", lambda a: enum_label(AgentAuthority, a.authority)
           + (f"：{a.authority_detail}" if a.authority_detail else "")),
    Column("电话", lambda a: a.phone), Column("工作单位", lambda a: a.workplace),
]
SESSION_COLUMNS = [
    Column("时间", lambda m: minute(m.held_at)), Column("地点", lambda m: m.place),
    Column("调解员", lambda m: m.mediators), Column("参加人员", lambda m: m.attendees),
    Column("结果", lambda m: m.result), Column("笔录", lambda m: m.record[:80]),
]
TERM_COLUMNS = [
    Column("协议签订日", lambda r: day(r[0].signed_on)),
    Column("生效日", lambda r: day(r[0].effective_on) or "未生效"),
    Column("付款方", lambda r: r[1].payer), Column("收款方", lambda r: r[1].payee),
    Column("金额（元）", lambda r: money(r[1].amount), True),
    Column("履行期限", lambda r: day(r[1].due_on)), Column("方式", lambda r: r[1].method),
    Column("已履行", lambda r: f"已作废（{r[0].withdrawn_reason}）" if r[0].withdrawn_on
           else f"是（{day(r[1].performed_on)}）" if r[1].performed else "否"),
]
FILING_COLUMNS = [
    Column("类型", lambda f: enum_label(FilingKind, f.kind)), Column("受理机构", lambda f: f.forum),
    Column("提交日期", lambda f: day(f.filed_on)), Column("受理日期", lambda f: day(f.accepted_on)),
    Column("对方案号", lambda f: f.external_no),
    Column("状态", lambda f: enum_label(FilingStatus, f.status)
           + (f"（{day(f.withdrawn_on)}：{f.withdrawn_reason}）" if f.withdrawn_on else "")),
    Column("结果", lambda f: f.result),
]


class CaseView(QWidget):
    changed = Signal(str)  # something was added to the case

    def __init__(self, case_no: str, details: CaseDetailService, history: CaseHistoryService,
                 records: RecordService, dialogs: Dialogs,
                 tab_factories: Mapping[str, CaseTabFactory] | None = None,
                 today: Callable[[], date] = date.today, parent: QWidget | None = None, *,
                 editor: CaseEditService | None = None,
                 mediators: Callable[[], Sequence[MediatorRow]] = list,
                 worker_steps: Callable[[str], ImportSteps] | None = None,
                 calculator: CalculatorService | None = None,
                 witnesses: WitnessService | None = None,
                 corrections: CorrectionService | None = None, acts: ActService | None = None,
                 undo: UndoService | None = None) -> None:
        super().__init__(parent)
        self.witnesses = witnesses
        self.acts = acts
        self._manages_agents = corrections is not None  # 代理人: listed where they can be kept
        self.calculator = calculator
        self._worker_steps = worker_steps
        self.case_no = case_no
        self.details, self.history, self.records = details, history, records
        self.editor, self._mediators = editor, mediators
        self.dialogs, self._today = dialogs, today
        self.detail: CaseDetail | None = None
        self.open_dialog: QDialog | None = None  # the last entry dialog (tests drive it)
        self._build(dict(tab_factories or {}))
        self.fixes = CaseCorrections(self, corrections, acts, undo) if corrections else None
        self.refresh()

    def _extension(self, factory: CaseTabFactory) -> QWidget:
        widget = factory(self.case_no, self)
        self.extension_tabs.append(widget)
        return widget

    def _build(self, factories: dict[str, CaseTabFactory]) -> None:
        self.extension_tabs: list[QWidget] = []
        self.header = QLabel()
        self.header.setStyleSheet("font-size: 16px; font-weight: bold; padding: 4px;")
        self.tabs = QTabWidget()
        self.overview = CaseOverviewTab()
        self.parties = RecordListTab(PARTY_COLUMNS, (70, 60, 90, 200, 170, 110, 220))
        self.claims = RecordListTab(CLAIM_COLUMNS, (50, 200, 320, 110))
        self.agents = RecordListTab(AGENT_COLUMNS, (160, 100, 150, 260, 120))
        self.evidence = EvidenceTab(
            self.records, self.details, self.case_no, self.dialogs, witnesses=self.witnesses,
            version=lambda: self.detail.version if self.detail else 0,
            parties=lambda: [(p.seq, p.name) for p in self.detail.parties] if self.detail else [],
            today=self._today)
        self.sessions = RecordListTab(SESSION_COLUMNS, (130, 140, 120, 160, 200))
        self.agreements = RecordListTab(TERM_COLUMNS, (90, 90, 180, 120, 100, 90, 100),
                                        struck=lambda r: r[0].withdrawn_on is not None)
        self.filings: dict[str, RecordListTab] = {}
        self.timeline = TimelineTab()
        self.session_button = self.sessions.add_button(self.tr("记录调解…"))
        self.agreement_button = self.agreements.add_button(self.tr("录入协议…"))
        self.session_button.clicked.connect(self.record_session)
        self.agreement_button.clicked.connect(self.enter_agreement)
        head = QHBoxLayout()
        head.addWidget(self.header, 1)
        if self.editor is not None:  # corrections need the editing service
            self.edit_button = QPushButton(self.tr("修改案件信息…"))
            self.edit_button.clicked.connect(self.edit_case)
            head.addWidget(self.edit_button)
            self.classify_button = QPushButton(self.tr("认定用工关系…"))
            self.classify_button.setToolTip(self.tr("按三要素和平台用工因素重新认定类别（决定仲裁或诉讼路径）"))
            self.classify_button.clicked.connect(self.classify)
            head.addWidget(self.classify_button)
            self.parties.add_button(self.tr("修改当事人…")).clicked.connect(self.edit_party)
            self.agreements.add_button(self.tr("登记履行…")).clicked.connect(self.record_performance)
            if self.calculator is not None:
                self.calc_button = self.claims.add_button(self.tr("计算…"))
                self.calc_button.setToolTip(self.tr("按法定标准计算经济补偿、赔偿金、二倍工资、加班费、"
                                                    "年休假工资、工伤待遇，并作为请求事项保存"))
                self.calc_button.clicked.connect(self.calculate_claim)
        if self._worker_steps is not None:  # a collective dispute's workers from a spreadsheet
            self.parties.add_button(self.tr("导入劳动者名单…")).clicked.connect(self.import_workers)
        self.evidence.changed.connect(self.record_changed)
        managed = (("代理人", self.agents),) if self._manages_agents else ()
        for title, widget in (("概况", self.overview), ("当事人", self.parties), *managed,
                              ("请求事项", self.claims), ("证据", self.evidence),
                              ("调解", self.sessions), ("调解协议", self.agreements)):
            self.tabs.addTab(widget, self.tr(title))
            if title == "概况" and "办理" in factories:  # the next legal steps, right after the summary
                self.tabs.addTab(self._extension(factories.pop("办理")), self.tr("办理"))
        for title, kinds in FILING_TABS:
            tab = RecordListTab(FILING_COLUMNS, (150, 220, 90, 90, 150, 80),
                                struck=lambda f: f.withdrawn_on is not None)
            button = tab.add_button(self.tr("登记申请…"))
            button.clicked.connect(lambda _c=False, k=kinds: self.register_filing(k))
            self.filings[title] = tab
            self.tabs.addTab(tab, self.tr(title))
        for title in ("期限", "文书"):
            factory = factories.pop(title, None)
            self.tabs.addTab(self._extension(factory) if factory else
                             PlaceholderPage(self.tr(title), self.tr(PLACEHOLDERS[title])),
                             self.tr(title))
        for title, factory in factories.items():  # further tabs from other modules
            self.tabs.addTab(self._extension(factory), title)
        self.tabs.addTab(self.timeline, self.tr("时间线"))
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

    def tab(self, title: str) -> QWidget:
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == title:
                return self.tabs.widget(i)
        raise KeyError(title)

    def refresh(self) -> None:
        d = self.detail = self.details.detail(self.case_no)
        names = "、".join(p.name for p in d.parties if p.role == PartyRole.APPLICANT)
        against = "、".join(p.name for p in d.parties if p.role == PartyRole.RESPONDENT)
        stage = enum_label(Stage, d.stage)
        self.header.setText(f"{d.case_no}　{names} 与 {against}　[{stage} · {d.state_label}]")
        self.overview.set_detail(d)
        self.parties.set_rows(d.parties)
        self.claims.set_rows(d.claims, self.tr("请求金额合计：") + money(d.claim_total) + " 元")
        self.agents.set_rows(d.agents)
        self.evidence.set_evidence(d.evidence)
        self.sessions.set_rows(d.sessions)
        terms = [(a, t) for a in d.agreements for t in a.terms]
        notes = [f"{day(a.signed_on)} 协议：{'已全部履行' if a.performed else '尚未全部履行'}"
                 f"（{a.copies}份）{a.content}" for a in d.agreements]
        self.agreements.set_rows(terms, "\n".join(notes) or self.tr("尚未录入调解协议"))
        for title, kinds in FILING_TABS:
            self.filings[title].set_rows([f for f in d.filings if f.kind in kinds])
        self.timeline.set_timeline(d.events, self.history.audit_lines(self.case_no))
        for tab in self.extension_tabs:  # 办理, 期限, 文书… read the case afresh too
            refresh = getattr(tab, "refresh", None)
            if callable(refresh):
                refresh()

    def record_changed(self) -> None:
        """After any change to this case: every tab, and every list showing the case."""
        self.refresh()
        self.changed.emit(self.case_no)

    def _run(self, dialog: QDialog) -> None:
        self.open_dialog = dialog
        dialog.accepted.connect(self.record_changed)
        dialog.open()

    def import_workers(self) -> None:
        if self._worker_steps is not None:
            self._run(TableImportDialog(self._worker_steps(self.case_no), self.dialogs, self))

    def record_session(self) -> None:
        self._run(SessionDialog(self.records, self.case_no, self.dialogs,
                                datetime.combine(self._today(), datetime.now().time()), self,
                                acts=self.acts,
                                version=self.detail.version if self.detail else 0))

    def enter_agreement(self) -> None:
        d = self.detail
        payer = next((p.name for p in d.parties if p.role == PartyRole.RESPONDENT), "") if d else ""
        payee = next((p.name for p in d.parties if p.role == PartyRole.APPLICANT), "") if d else ""
        self._run(AgreementDialog(self.records, self.case_no, self.dialogs, payer, payee,
                                  self._today(), self, acts=self.acts,
                                  version=d.version if d else 0))

    def open_act(self, event: str, on: date) -> bool:
        """The 办理 tab's button of an act with data: its dialog (one act, one entry)."""
        return self.fixes.open_act(event, on) if self.fixes is not None else False

    def undo_last_step(self) -> bool:
        return self.fixes.undo_last() if self.fixes is not None else False

    @staticmethod
    def filing_kinds() -> list[tuple[str, tuple[FilingKind, ...]]]:
        return FILING_TABS

    def _selected(self, tab: RecordListTab, what: str) -> Any:
        rows = tab.table.selectionModel().selectedRows()
        if not rows:
            self.dialogs.info(self, self.tr("请先选择"), self.tr("请先在列表中选择") + what)
            return None
        return tab.model.data(rows[0], ROW_ROLE)

    def edit_case(self) -> None:
        assert self.editor is not None and self.detail is not None
        self._run(CaseEditDialog(self.editor, self.detail, self._mediators(), self.dialogs, self))

    def classify(self) -> None:
        assert self.editor is not None and self.detail is not None
        self._run(ClassificationDialog(self.editor, self.detail, self.dialogs, self))

    def edit_party(self) -> None:
        party = self._selected(self.parties, self.tr("一位当事人"))
        if party is not None and self.editor is not None and self.detail is not None:
            self._run(PartyEditDialog(self.editor, self.case_no, party, self.detail.version,
                                      self.dialogs, self))

    def record_performance(self) -> None:
        row = self._selected(self.agreements, self.tr("一项履行条款"))
        if row is not None and self.editor is not None and self.detail is not None:
            agreement, term = row
            self._run(TermPerformedDialog(self.editor, self.case_no, agreement, term,
                                          self.detail.version, self._today(), self.dialogs, self))

    def calculate_claim(self) -> None:
        assert self.calculator is not None and self.editor is not None
        if self.detail is None:
            return
        rows = self.claims.table.selectionModel().selectedRows()
        claim = self.claims.model.data(rows[0], ROW_ROLE) if rows else None
        self._run(ClaimCalculatorDialog(self.calculator, self.editor, self.detail, self.dialogs,
                                        self, claim_type=claim.claim_type if claim else None))

    def register_filing(self, kinds: tuple[FilingKind, ...]) -> None:
        self._run(FilingDialog(self.records, self.case_no, kinds, self.dialogs, self._today(),
                               self, acts=self.acts,
                               version=self.detail.version if self.detail else 0,
                               forums=ForumService(self.records.ctx)))
