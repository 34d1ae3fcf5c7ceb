"""Plain snapshot of a case (CaseData) that the service layer fills and every document reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from app.models.enums import (
    AgentAuthority,
    AgentType,
    ClaimType,
    EvidenceForm,
    FilingKind,
    FilingStatus,
    IdType,
    IntakeChannel,
    OrgKind,
    PartyKind,
    PartyRole,
    PartyType,
    RelationshipCategory,
    Sex,
    Stage,
)

# Sequences default to empty tuples so a snapshot stays immutable; lists are accepted too.


@dataclass(frozen=True)
class OrganisationData:
    """The organisation issuing or receiving the documents (调解组织 / 仲裁院 / 法援站)."""

    name: str  # full name, e.g. 迅达即配科技有限公司劳动争议调解委员会
    kind: OrgKind = OrgKind.ENTERPRISE_COMMITTEE  # kind of organisation
    address: str = ""  # office address printed on notices
    phone: str = ""  # office phone printed on notices
    seal_name: str = ""  # text of the official seal; defaults to `name`
    short_name: str = ""  # short name used in running text ("本委员会" when empty)
    mediators: Sequence[str] = ()  # roster names; sessions name the ones who sat


@dataclass(frozen=True)
class AgentData:
    """An agent ad litem (委托代理人) of one party."""

    name: str  # agent's name
    type: AgentType = AgentType.CLOSE_RELATIVE  # lawyer, legal worker, union, relative, employee
    authority: AgentAuthority = AgentAuthority.GENERAL  # general or special authority
    authority_detail: str = ""  # extra powers written out for a special authority
    phone: str = ""  # agent's phone
    id_number: str = ""  # agent's ID number (printed on the power of attorney)
    workplace: str = ""  # law firm, union or employer of the agent


@dataclass(frozen=True)
class PartyData:
    """One party (当事人): a worker, or an organisation such as a platform or contractor."""

    role: PartyRole  # applicant, respondent or third party
    name: str  # person's name or organisation's registered name
    type: PartyType = PartyType.PERSON  # person or organisation
    kind: PartyKind = PartyKind.WORKER  # worker, platform, outsourcing company, station…
    sex: Sex | None = None  # person: sex
    birth_date: date | None = None  # person: birth date
    ethnicity: str = ""  # person: ethnicity, e.g. 汉族
    id_type: IdType | None = None  # person: kind of ID document (居民身份证 when None)
    id_number: str = ""  # person: ID number
    domicile: str = ""  # person: 住所 / organisation: 住所地 (registered address)
    mailing_address: str = ""  # address for service (送达地址); domicile is used when empty
    phone: str = ""  # contact phone
    occupation: str = ""  # person: occupation, e.g. 外卖骑手
    workplace: str = ""  # person: workplace or station
    credit_code: str = ""  # organisation: unified social credit code
    legal_representative: str = ""  # organisation: legal representative or principal
    representative_title: str = ""  # organisation: that person's title
    agents: Sequence[AgentData] = ()  # agents ad litem of this party

    @property
    def is_person(self) -> bool:
        return self.type == PartyType.PERSON


@dataclass(frozen=True)
class ClaimData:
    """One claim (请求事项), in the order the applicant states them."""

    seq: int  # 1-based order
    type: ClaimType  # claim type (its Chinese label is the default text)
    text: str = ""  # wording of the claim; the type's label when empty
    amount: Decimal | None = None  # amount claimed in yuan, None for non-monetary claims
    period_start: date | None = None  # start of the period the claim covers
    period_end: date | None = None  # end of that period
    claimant: int | None = None  # index among the applicants of the worker who claims it; None: all


@dataclass(frozen=True)
class EvidenceData:
    """One item of the evidence list (证据目录)."""

    seq: int  # 1-based number
    name: str  # name of the evidence
    source: str = ""  # where it comes from (证据来源)
    proves: str = ""  # what it proves (证明内容)
    pages: int | None = None  # number of pages
    form: EvidenceForm = EvidenceForm.COPY  # original, copy or electronic data
    sha256: str = ""  # hash of the stored file, for electronic evidence


@dataclass(frozen=True)
class WitnessData:
    """A witness named in an application (证人姓名和住所)."""

    name: str  # witness's name
    address: str = ""  # witness's domicile
    phone: str = ""  # witness's phone
    proves: str = ""  # what the witness can prove


@dataclass(frozen=True)
class SessionData:
    """One mediation session (调解笔录)."""

    held_at: datetime  # date and time the session started
    place: str = ""  # room or address
    mediators: Sequence[str] = ()  # mediators who sat
    attendees: Sequence[str] = ()  # everyone present, with their capacity, e.g. 张三（申请人）
    statements: Sequence[tuple[str, str]] = ()  # (speaker, what was said), in order
    result: str = ""  # outcome of the session
    recorder: str = ""  # clerk who took the record


@dataclass(frozen=True)
class TermData:
    """One performance term of a mediation agreement (履行条款)."""

    payer: str  # who pays or performs
    payee: str  # who receives
    amount: Decimal | None = None  # amount in yuan, None for a non-monetary term
    due_date: date | None = None  # last day for performance
    method: str = ""  # performance method, e.g. 银行转账至申请人尾号1234的账户
    text: str = ""  # anything else the term says
    performed: bool = False  # recorded as performed (履行完毕)


@dataclass(frozen=True)
class AgreementData:
    """The mediation agreement (调解协议书)."""

    signed_on: date | None = None  # date all signatures and the seal were applied
    effective_on: date | None = None  # date it took effect; the signing date when empty
    facts: str = ""  # the facts as agreed; the case facts when empty
    responsibility: str = ""  # each side's responsibility
    content: str = ""  # agreed text before the numbered terms
    terms: Sequence[TermData] = ()  # performance terms
    copies: int | None = None  # number of originals; one per party plus one for the organisation


@dataclass(frozen=True)
class FilingData:
    """A filing with an outside body (仲裁、司法确认、支付令、诉讼、法律援助、监察投诉…)."""

    kind: FilingKind  # kind of filing
    forum: str = ""  # body addressed, e.g. 绍兴市劳动人事争议仲裁委员会
    filed_on: date | None = None  # date filed
    external_no: str = ""  # that body's case number
    status: FilingStatus = FilingStatus.DRAFT  # where it stands
    result: str = ""  # outcome (award, ruling) in words


@dataclass(frozen=True)
class DeadlineData:
    """A computed deadline shown on notices (the workflow layer computes it)."""

    rule_id: str  # rule id, e.g. mediation.end
    label: str  # Chinese description
    due_on: date  # last day


@dataclass(frozen=True)
class ServiceData:
    """Service of documents on a party (送达回证)."""

    documents: Sequence[str] = ()  # titles of the documents served
    method: str = "直接送达"  # direct, by post, electronic…
    served_on: date | None = None  # date of service
    server: str = ""  # who served them


@dataclass(frozen=True)
class LegalAidData:
    """What a legal-aid application asks for (法律援助申请表)."""

    request: str = ""  # what aid is requested, e.g. 代理劳动争议仲裁
    hardship: str = ""  # statement of financial hardship
    exemption: str = ""  # reason the hardship check is waived; derived from the claims when empty


@dataclass(frozen=True)
class FileItemData:
    """One line of the archive index (卷内目录)."""

    title: str  # document title
    date: date | None = None  # document date
    pages: str = ""  # page numbers in the file, e.g. 1-3
    note: str = ""  # remark


@dataclass(frozen=True)
class CaseData:
    """Everything a document may print about one case, typed once in the database."""

    case_no: str  # our case number
    org: OrganisationData  # the organisation handling the case
    received_on: date  # date the application was received
    today: date  # date printed on documents dated "today" (the service's clock)
    intake_channel: IntakeChannel = IntakeChannel.WRITTEN  # written or oral application
    accepted_on: date | None = None  # date the application was accepted
    province: str = ""  # province, e.g. 浙江省
    city: str = ""  # city, e.g. 绍兴市 (names the default commission and court)
    district: str = ""  # district, e.g. 越城区 (names the default basic court)
    category: RelationshipCategory = RelationshipCategory.UNDETERMINED  # relationship category
    stage: Stage = Stage.INTAKE  # current stage
    occupation: str = ""  # worker's occupation, e.g. 外卖骑手
    platform: str = ""  # platform the work was taken through
    summary: str = ""  # cause of the dispute (案由), e.g. 劳动报酬纠纷
    collective: bool = False  # collective dispute (10 or more workers, art 7)
    representatives: Sequence[str] = ()  # elected representatives of a collective dispute
    facts_and_reasons: str = ""  # facts and reasons (paragraphs separated by newlines)
    parties: Sequence[PartyData] = ()  # all parties, applicants first
    claims: Sequence[ClaimData] = ()  # claims in order
    evidence: Sequence[EvidenceData] = ()  # evidence in order
    witnesses: Sequence[WitnessData] = ()  # witnesses
    sessions: Sequence[SessionData] = ()  # mediation sessions, oldest first
    agreement: AgreementData | None = None  # the mediation agreement, if any
    filings: Sequence[FilingData] = ()  # filings with outside bodies
    deadlines: Sequence[DeadlineData] = ()  # computed deadlines worth printing
    legal_basis: Sequence[str] = ()  # citations, e.g. 《劳动合同法》第三十条
    refusal_reason: str = ""  # why the application was not accepted (不予受理)
    termination_reason: str = ""  # why mediation failed or ended (调解不成 / 终止调解)
    service: ServiceData | None = None  # what is being served (送达回证)
    legal_aid: LegalAidData | None = None  # legal-aid request
    award_text: str = ""  # the award being challenged in court, in words
    closed_on: date | None = None  # date the case was closed
    closing_method: str = ""  # how it closed, e.g. 调解成功 / 调解不成
    retention: str = ""  # archive retention period, e.g. 长期
    file_items: Sequence[FileItemData] = ()  # archive index lines
    arbitration_commission: str = ""  # commission addressed; from filings or city when empty
    court: str = ""  # court addressed; from filings or city and district when empty
    inspection_authority: str = ""  # labour inspection body; from the city when empty
    extra: dict[str, object] = field(default_factory=dict)  # anything an org's own template adds

    def by_role(self, role: PartyRole) -> list[PartyData]:
        return [p for p in self.parties if p.role == role]

    @property
    def applicants(self) -> list[PartyData]:
        return self.by_role(PartyRole.APPLICANT)

    @property
    def respondents(self) -> list[PartyData]:
        return self.by_role(PartyRole.RESPONDENT)

    def filing(self, kind: FilingKind) -> FilingData | None:
        return next((f for f in self.filings if f.kind == kind), None)
