"""Closed vocabularies of the data model, each with its Simplified Chinese label.

Values are stored as plain strings in the database (stable, readable in exports);
`label(enum_member)` gives the text a clerk sees.
"""

from __future__ import annotations

from enum import StrEnum


class OrgKind(StrEnum):
    ENTERPRISE_COMMITTEE = "enterprise_committee"
    PEOPLES_MEDIATION = "peoples_mediation"
    INDUSTRY_MEDIATION = "industry_mediation"
    TOWN_STREET_MEDIATION = "town_street_mediation"
    ARBITRATION_COMMISSION = "arbitration_commission"
    COURT = "court"
    LEGAL_AID_CENTRE = "legal_aid_centre"


class MemberSide(StrEnum):
    """Side of an enterprise mediation committee member (企业劳动争议调解委员会)."""

    UNION = "union"
    WORKER = "worker"
    ENTERPRISE = "enterprise"
    NONE = "none"


class MediatorKind(StrEnum):
    STAFF = "staff"
    INVITED = "invited"  # 特邀调解员


class IntakeChannel(StrEnum):
    WRITTEN = "written"
    ORAL = "oral"


class RelationshipCategory(StrEnum):
    """人社部发〔2021〕56号: ① labour relationship, ② managed but not fully labour, ③ civil."""

    LABOUR = "1"
    MANAGED = "2"
    CIVIL = "3"
    UNDETERMINED = "undetermined"


class Stage(StrEnum):
    INTAKE = "intake"
    NEGOTIATION = "negotiation"
    MEDIATION = "mediation"
    AGREEMENT = "agreement"
    ARBITRATION_REVIEW = "arbitration_review"
    JUDICIAL_CONFIRMATION = "judicial_confirmation"
    PAYMENT_ORDER = "payment_order"
    ARBITRATION = "arbitration"
    COURT = "court"
    ENFORCEMENT = "enforcement"
    CLOSED = "closed"


class CaseStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    REFUSED = "refused"


class PartyRole(StrEnum):
    APPLICANT = "applicant"
    RESPONDENT = "respondent"
    THIRD_PARTY = "third_party"


class PartyType(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class PartyKind(StrEnum):
    WORKER = "worker"
    PLATFORM = "platform"
    DISPATCH = "dispatch"
    OUTSOURCING = "outsourcing"
    FRANCHISE = "franchise"
    AGENT = "agent"
    HR_AGENCY = "hr_agency"
    STATION = "station"
    OTHER = "other"


class IdType(StrEnum):
    RESIDENT_ID = "resident_id"
    PASSPORT = "passport"
    HK_MACAO_PERMIT = "hk_macao_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    FOREIGN_PERMANENT = "foreign_permanent"
    OTHER = "other"


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class AgentType(StrEnum):
    LAWYER = "lawyer"
    LEGAL_WORKER = "legal_worker"
    UNION = "union"
    CLOSE_RELATIVE = "close_relative"
    EMPLOYEE = "employee"


class AgentAuthority(StrEnum):
    GENERAL = "general"
    SPECIAL = "special"


class ClaimType(StrEnum):
    CONFIRM_RELATIONSHIP = "confirm_relationship"
    WAGES = "wages"
    OVERTIME_PAY = "overtime_pay"
    HOLIDAY_PAY = "holiday_pay"
    MINIMUM_WAGE_SHORTFALL = "minimum_wage_shortfall"
    DOUBLE_WAGES = "double_wages"
    ECONOMIC_COMPENSATION = "economic_compensation"
    TERMINATION_DAMAGES = "termination_damages"
    WORK_INJURY_MEDICAL = "work_injury_medical"
    WORK_INJURY_BENEFITS = "work_injury_benefits"
    OCCUPATIONAL_INJURY = "occupational_injury"
    SOCIAL_INSURANCE = "social_insurance"
    WORKING_TIME_REST = "working_time_rest"
    SUBSIDY = "subsidy"
    DEDUCTION_REFUND = "deduction_refund"
    DEPOSIT_REFUND = "deposit_refund"
    WAGE_IOU = "wage_iou"
    OTHER = "other"


class EvidenceForm(StrEnum):
    ORIGINAL = "original"
    COPY = "copy"
    ELECTRONIC = "electronic"


class ServiceMethod(StrEnum):
    """How a document was served (送达方式, 民诉法 arts 88-95; 办案规则 art 23 applies them)."""

    DIRECT = "direct"
    POST = "post"
    ELECTRONIC = "electronic"
    LEFT = "left"
    ENTRUSTED = "entrusted"
    PUBLIC_NOTICE = "public_notice"


class ServedDocument(StrEnum):
    """What was served; the kinds that start a party's own period are named (送达文书)."""

    AWARD_FINAL = "award_final"
    AWARD_NONFINAL = "award_nonfinal"
    PAYMENT_ORDER = "payment_order"
    ARBITRATION_COPY = "arbitration_copy"
    ACCEPTANCE_NOTICE = "acceptance_notice"
    AGREEMENT = "agreement"
    OTHER = "other"


class FilingKind(StrEnum):
    ARBITRATION_REVIEW = "arbitration_review"
    JUDICIAL_CONFIRMATION = "judicial_confirmation"
    PAYMENT_ORDER = "payment_order"
    ARBITRATION = "arbitration"
    LAWSUIT = "lawsuit"
    AWARD_REVOCATION = "award_revocation"
    ENFORCEMENT = "enforcement"
    LEGAL_AID = "legal_aid"
    LABOUR_INSPECTION = "labour_inspection"


class FilingStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    DECIDED = "decided"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


class UserRole(StrEnum):
    ADMINISTRATOR = "administrator"
    MEDIATOR = "mediator"
    ARBITRATION_CLERK = "arbitration_clerk"
    LEGAL_AID_WORKER = "legal_aid_worker"
    READ_ONLY = "read_only"


_LABEL_LIST: list[tuple[StrEnum, str]] = [
    (OrgKind.ENTERPRISE_COMMITTEE, "企业劳动争议调解委员会"),
    (OrgKind.PEOPLES_MEDIATION, "人民调解委员会"),
    (OrgKind.INDUSTRY_MEDIATION, "行业性专业性调解组织"),
    (OrgKind.TOWN_STREET_MEDIATION, "乡镇街道劳动争议调解组织"),
    (OrgKind.ARBITRATION_COMMISSION, "劳动人事争议仲裁委员会"),
    (OrgKind.COURT, "人民法院"),
    (OrgKind.LEGAL_AID_CENTRE, "法律援助中心"),
    (MemberSide.UNION, "工会代表"),
    (MemberSide.WORKER, "职工代表"),
    (MemberSide.ENTERPRISE, "企业代表"),
    (MemberSide.NONE, "—"),
    (MediatorKind.STAFF, "专职调解员"),
    (MediatorKind.INVITED, "特邀调解员"),
    (IntakeChannel.WRITTEN, "书面申请"),
    (IntakeChannel.ORAL, "口头申请"),
    (RelationshipCategory.LABOUR, "①劳动关系"),
    (RelationshipCategory.MANAGED, "②不完全符合确立劳动关系情形"),
    (RelationshipCategory.CIVIL, "③个人依托平台自主开展经营活动"),
    (RelationshipCategory.UNDETERMINED, "待确定"),
    (Stage.INTAKE, "收案"),
    (Stage.NEGOTIATION, "协商"),
    (Stage.MEDIATION, "调解"),
    (Stage.AGREEMENT, "协议履行"),
    (Stage.ARBITRATION_REVIEW, "仲裁审查"),
    (Stage.JUDICIAL_CONFIRMATION, "司法确认"),
    (Stage.PAYMENT_ORDER, "支付令"),
    (Stage.ARBITRATION, "仲裁"),
    (Stage.COURT, "诉讼"),
    (Stage.ENFORCEMENT, "执行"),
    (Stage.CLOSED, "结案"),
    (CaseStatus.ACTIVE, "办理中"),
    (CaseStatus.SUSPENDED, "中止"),
    (CaseStatus.CLOSED, "已结案"),
    (CaseStatus.WITHDRAWN, "已撤回"),
    (CaseStatus.REFUSED, "不予受理"),
    (PartyRole.APPLICANT, "申请人"),
    (PartyRole.RESPONDENT, "被申请人"),
    (PartyRole.THIRD_PARTY, "第三人"),
    (PartyType.PERSON, "自然人"),
    (PartyType.ORGANISATION, "单位"),
    (PartyKind.WORKER, "劳动者"),
    (PartyKind.PLATFORM, "平台企业"),
    (PartyKind.DISPATCH, "劳务派遣单位"),
    (PartyKind.OUTSOURCING, "外包企业"),
    (PartyKind.FRANCHISE, "加盟商"),
    (PartyKind.AGENT, "代理商"),
    (PartyKind.HR_AGENCY, "人力资源服务机构"),
    (PartyKind.STATION, "站点"),
    (PartyKind.OTHER, "其他"),
    (IdType.RESIDENT_ID, "居民身份证"),
    (IdType.PASSPORT, "护照"),
    (IdType.HK_MACAO_PERMIT, "港澳居民来往内地通行证"),
    (IdType.TAIWAN_PERMIT, "台湾居民来往大陆通行证"),
    (IdType.FOREIGN_PERMANENT, "外国人永久居留身份证"),
    (IdType.OTHER, "其他证件"),
    (Sex.MALE, "男"),
    (Sex.FEMALE, "女"),
    (AgentType.LAWYER, "律师"),
    (AgentType.LEGAL_WORKER, "基层法律服务工作者"),
    (AgentType.UNION, "工会推荐人员"),
    (AgentType.CLOSE_RELATIVE, "近亲属"),
    (AgentType.EMPLOYEE, "本单位工作人员"),
    (AgentAuthority.GENERAL, "一般授权"),
    (AgentAuthority.SPECIAL, "特别授权"),
    (ClaimType.CONFIRM_RELATIONSHIP, "确认劳动关系"),
    (ClaimType.WAGES, "劳动报酬"),
    (ClaimType.OVERTIME_PAY, "加班费"),
    (ClaimType.HOLIDAY_PAY, "法定节假日加班工资"),
    (ClaimType.MINIMUM_WAGE_SHORTFALL, "最低工资差额"),
    (ClaimType.DOUBLE_WAGES, "未签书面劳动合同二倍工资差额"),
    (ClaimType.ECONOMIC_COMPENSATION, "经济补偿"),
    (ClaimType.TERMINATION_DAMAGES, "违法解除劳动合同赔偿金"),
    (ClaimType.WORK_INJURY_MEDICAL, "工伤医疗费"),
    (ClaimType.WORK_INJURY_BENEFITS, "工伤保险待遇"),
    (ClaimType.OCCUPATIONAL_INJURY, "职业伤害保障待遇"),
    (ClaimType.SOCIAL_INSURANCE, "社会保险"),
    (ClaimType.WORKING_TIME_REST, "工作时间、休息休假"),
    (ClaimType.SUBSIDY, "恶劣天气及夜间补贴"),
    (ClaimType.DEDUCTION_REFUND, "返还违规扣款"),
    (ClaimType.DEPOSIT_REFUND, "返还押金、保证金"),
    (ClaimType.WAGE_IOU, "欠条载明的劳动报酬"),
    (ClaimType.OTHER, "其他"),
    (EvidenceForm.ORIGINAL, "原件"),
    (EvidenceForm.COPY, "复印件"),
    (EvidenceForm.ELECTRONIC, "电子数据"),
    (ServiceMethod.DIRECT, "直接送达"),
    (ServiceMethod.POST, "邮寄送达"),
    (ServiceMethod.ELECTRONIC, "电子送达"),
    (ServiceMethod.LEFT, "留置送达"),
    (ServiceMethod.ENTRUSTED, "委托送达"),
    (ServiceMethod.PUBLIC_NOTICE, "公告送达"),
    (ServedDocument.AWARD_FINAL, "终局裁决书"),
    (ServedDocument.AWARD_NONFINAL, "非终局裁决书"),
    (ServedDocument.PAYMENT_ORDER, "支付令"),
    (ServedDocument.ARBITRATION_COPY, "仲裁申请书副本及答辩通知书"),
    (ServedDocument.ACCEPTANCE_NOTICE, "受理通知书"),
    (ServedDocument.AGREEMENT, "调解协议书"),
    (ServedDocument.OTHER, "其他文书"),
    (FilingKind.ARBITRATION_REVIEW, "仲裁审查"),
    (FilingKind.JUDICIAL_CONFIRMATION, "司法确认"),
    (FilingKind.PAYMENT_ORDER, "支付令"),
    (FilingKind.ARBITRATION, "劳动人事争议仲裁"),
    (FilingKind.LAWSUIT, "诉讼"),
    (FilingKind.AWARD_REVOCATION, "申请撤销仲裁裁决"),
    (FilingKind.ENFORCEMENT, "强制执行"),
    (FilingKind.LEGAL_AID, "法律援助"),
    (FilingKind.LABOUR_INSPECTION, "劳动保障监察投诉"),
    (FilingStatus.DRAFT, "草稿"),
    (FilingStatus.SUBMITTED, "已提交"),
    (FilingStatus.ACCEPTED, "已受理"),
    (FilingStatus.REFUSED, "不予受理"),
    (FilingStatus.DECIDED, "已作出决定"),
    (FilingStatus.WITHDRAWN, "已撤回"),
    (FilingStatus.CLOSED, "已结案"),
    (UserRole.ADMINISTRATOR, "管理员"),
    (UserRole.MEDIATOR, "调解员"),
    (UserRole.ARBITRATION_CLERK, "仲裁书记员"),
    (UserRole.LEGAL_AID_WORKER, "法律援助工作者"),
    (UserRole.READ_ONLY, "只读用户"),
]


# StrEnum members hash like their string values, so Stage.CLOSED and CaseStatus.CLOSED would
# collide as plain keys: the table is keyed by (enum class, value).
LABELS: dict[tuple[type, str], str] = {}
for _member, _text in _LABEL_LIST:
    assert (type(_member), _member.value) not in LABELS, _member
    LABELS[(type(_member), _member.value)] = _text


def label(member: StrEnum) -> str:
    """The Chinese label of an enum member (its value if none is registered)."""
    return LABELS.get((type(member), member.value), str(member.value))
