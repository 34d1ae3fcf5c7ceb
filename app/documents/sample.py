"""A complete sample case: a delivery rider against a platform and its outsourcing company.

The template editor previews an organisation's wording on it (and the document tests render
every kind for it), so a template can be tried before any real case exists.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from app.documents.data import (
    AgentData,
    AgreementData,
    CaseData,
    ClaimData,
    EvidenceData,
    FileItemData,
    FilingData,
    LegalAidData,
    OrganisationData,
    PartyData,
    ServiceData,
    SessionData,
    TermData,
    WitnessData,
)
from app.models.enums import (
    AgentAuthority,
    AgentType,
    ClaimType,
    EvidenceForm,
    FilingKind,
    IdType,
    OrgKind,
    PartyKind,
    PartyRole,
    PartyType,
    RelationshipCategory,
    Sex,
    Stage,
)

RIDER_ID = "330602199003071236"
PLATFORM_CODE = "91330602MA2BXXXX1K"
OUTSOURCER_CODE = "91330602MA2CYYYY2L"

LAWYER = AgentData("陈明远", AgentType.LAWYER, AgentAuthority.SPECIAL, phone="13900001111",
                   id_number="330602198501011234", workplace="浙江越州律师事务所")
HR_MANAGER = AgentData("周晓燕", AgentType.EMPLOYEE, AgentAuthority.GENERAL, phone="0575-88009988",
                       workplace="绍兴众包人力外包服务有限公司")

RIDER = PartyData(
    PartyRole.APPLICANT, "王小明", PartyType.PERSON, PartyKind.WORKER, sex=Sex.MALE,
    birth_date=date(1990, 3, 7), ethnicity="汉族", id_type=IdType.RESIDENT_ID,
    id_number=RIDER_ID, domicile="浙江省绍兴市越城区人民中路18号",
    mailing_address="浙江省绍兴市越城区塔山街道新河弄3幢201室", phone="13800138000",
    occupation="外卖骑手", workplace="迅达即配越城三站", agents=(LAWYER,))
PLATFORM = PartyData(
    PartyRole.RESPONDENT, "迅达即配科技有限公司", PartyType.ORGANISATION, PartyKind.PLATFORM,
    credit_code=PLATFORM_CODE, domicile="浙江省绍兴市越城区科技园路8号",
    mailing_address="浙江省绍兴市越城区科技园路8号A座1201室", phone="0575-88001234",
    legal_representative="李建国", representative_title="执行董事")
OUTSOURCER = PartyData(
    PartyRole.RESPONDENT, "绍兴众包人力外包服务有限公司", PartyType.ORGANISATION,
    PartyKind.OUTSOURCING, credit_code=OUTSOURCER_CODE, domicile="浙江省绍兴市柯桥区华舍街道蜀阜路66号",
    mailing_address="浙江省绍兴市柯桥区华舍街道蜀阜路66号3楼", phone="0575-85550000",
    legal_representative="赵海", representative_title="总经理", agents=(HR_MANAGER,))

CLAIMS = (
    ClaimData(1, ClaimType.CONFIRM_RELATIONSHIP,
              "确认申请人与被申请人自2025年3月1日起存在劳动关系"),
    ClaimData(2, ClaimType.WAGES, "支付2026年9月至10月拖欠的劳动报酬", Decimal("12345.675"),
              date(2026, 9, 1), date(2026, 10, 31)),
    ClaimData(3, ClaimType.DEDUCTION_REFUND, "返还违规扣除的超时罚款", Decimal("1001.01")),
    ClaimData(4, ClaimType.ECONOMIC_COMPENSATION, "支付解除劳动关系的经济补偿",
              Decimal("10005.60")),
    ClaimData(5, ClaimType.SUBSIDY, "支付少算的夜间补贴尾差", Decimal("0.05")),
)

FACTS = ("申请人自2025年3月1日起通过迅达即配平台接单从事外卖配送，由被申请人绍兴众包人力外包服务有限公司"
         "按站点排班管理，接受平台派单、考勤和奖惩规则约束，报酬按月结算。\n"
         "2026年9月至10月的劳动报酬至今未支付，被申请人另以超时为由扣款，并于2026年11月1日停止派单。")

SAMPLE_CASE = CaseData(
    case_no="越企调〔2026〕0017号",
    org=OrganisationData("迅达即配科技有限公司劳动争议调解委员会", OrgKind.ENTERPRISE_COMMITTEE,
                         address="浙江省绍兴市越城区科技园路8号A座2楼", phone="0575-88007777",
                         mediators=("孙丽华", "钱卫东")),
    received_on=date(2026, 11, 2), accepted_on=date(2026, 11, 3), today=date(2026, 11, 23),
    province="浙江省", city="绍兴市", district="越城区", category=RelationshipCategory.LABOUR,
    stage=Stage.MEDIATION, occupation="外卖骑手", platform="迅达即配", summary="劳动报酬纠纷",
    facts_and_reasons=FACTS, parties=(RIDER, PLATFORM, OUTSOURCER), claims=CLAIMS,
    evidence=(
        EvidenceData(1, "平台接单记录截图", "申请人手机App导出", "申请人接受平台派单管理、工作量", 12,
                     EvidenceForm.ELECTRONIC, sha256="ab" * 32),
        EvidenceData(2, "站点排班及考勤表", "站长微信群", "被申请人对申请人进行考勤管理", 3,
                     EvidenceForm.COPY),
        EvidenceData(3, "工资流水", "中国银行绍兴分行", "报酬按月发放及欠付金额", 5,
                     EvidenceForm.ORIGINAL),
    ),
    witnesses=(WitnessData("刘大勇", "浙江省绍兴市越城区北海街道环城西路9号", "13700137000",
                           "同站骑手，证明排班管理"),),
    sessions=(SessionData(
        datetime(2026, 11, 5, 9, 30), "调解委员会第一调解室", ("孙丽华", "钱卫东"),
        ("王小明（申请人）", "陈明远（申请人代理人）", "周晓燕（被申请人代理人）"),
        (("申请人", "被申请人拖欠两个月报酬，并违规扣款。"),
         ("被申请人", "同意支付报酬，对扣款金额有异议。"),
         ("调解员", "释明相关法律规定，双方同意按下列方案达成协议。")),
        "双方达成调解协议", recorder="钱卫东"),),
    agreement=AgreementData(
        signed_on=date(2026, 11, 10), facts="双方对申请人2026年9月至10月报酬未付的事实无异议。",
        responsibility="被申请人未按时足额支付劳动报酬，应承担支付责任；申请人同意放弃其他请求。",
        content="经协商，双方自愿达成如下协议：",
        terms=(TermData("绍兴众包人力外包服务有限公司", "王小明", Decimal("12345.675"),
                        date(2026, 11, 25), "银行转账至申请人尾号8000的账户"),
               TermData("迅达即配科技有限公司", "王小明", Decimal("1001.01"), date(2026, 11, 30),
                        "平台钱包退回")),
    ),
    filings=(FilingData(FilingKind.ARBITRATION, "绍兴市越城区劳动人事争议仲裁委员会"),),
    legal_basis=("《中华人民共和国劳动合同法》第三十条", "《中华人民共和国劳动争议调解仲裁法》第二十八条"),
    refusal_reason="该争议已由劳动人事争议仲裁委员会受理",
    termination_reason="被申请人明确表示不同意调解",
    service=ServiceData(("受理通知书", "调解申请书副本"), "直接送达", date(2026, 11, 4), "钱卫东"),
    legal_aid=LegalAidData("代理劳动争议仲裁", "无固定收入，家庭人均收入低于当地最低生活保障标准"),
    closed_on=date(2026, 11, 30), closing_method="调解成功", retention="长期",
    file_items=(FileItemData("调解申请书", date(2026, 11, 2), "1-2"),
                FileItemData("受理通知书", date(2026, 11, 3), "3"),
                FileItemData("调解协议书", date(2026, 11, 10), "4-6")),
)


def collective_case(workers: int) -> CaseData:
    """The same dispute brought by `workers` riders together (调解仲裁法 art 7)."""
    riders = tuple(replace(RIDER, name=f"骑手{i:02d}", id_number=f"3306021990030{i:04d}1",
                           agents=()) for i in range(1, workers + 1))
    return replace(SAMPLE_CASE, collective=True, parties=riders + (PLATFORM, OUTSOURCER),
                   representatives=("骑手01", "骑手02", "骑手03"))
