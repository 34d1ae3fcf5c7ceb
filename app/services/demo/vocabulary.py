"""Vocabulary of the synthetic demo: cities, platforms, names, claims (all fictional)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoCity:
    province: str
    city: str
    district: str
    region_code: str  # resident-ID region code of a district of the city
    org_name: str
    org_kind: str
    pattern: str


CITIES = [
    DemoCity("新疆维吾尔自治区", "乌鲁木齐市", "天山区", "650102",
             "乌鲁木齐市新就业形态劳动纠纷调解中心", "industry_mediation", "乌新调〔{year}〕{seq:05d}号"),
    DemoCity("青海省", "西宁市", "城东区", "630102",
             "西宁市快递外卖行业劳动争议调解委员会", "industry_mediation", "宁行调〔{year}〕{seq:05d}号"),
    # Policy 002 names no province; the demo keeps that honest with a placeholder province.
    DemoCity("某省", "某市", "某区", "370102",
             "某省新就业形态劳动争议联合调解中心", "peoples_mediation", "联调〔{year}〕{seq:05d}号"),
    DemoCity("山东省", "淄博市", "张店区", "370303",
             "淄博市即时配送企业劳动争议调解委员会", "enterprise_committee", "淄企调〔{year}〕{seq:05d}号"),
    DemoCity("浙江省", "绍兴市", "越城区", "330602",
             "绍兴市平台企业内部劳动纠纷调解委员会", "enterprise_committee", "绍企调〔{year}〕{seq:05d}号"),
]

HOME_REGIONS = ["110105", "410102", "430102", "420102", "360102", "340102",
                "130102", "370102", "330106", "610102", "450102", "520102"]
# Codes assigned in 1983 or later; stdnum rejects a birth year before the code existed.

# (occupation, platform, typical claims)
TRADES = [
    ("外卖骑手", "迅达即配科技有限公司", ["wages", "deduction_refund", "subsidy", "occupational_injury"]),
    ("外卖骑手", "邻里跑腿网络科技有限公司", ["wages", "deposit_refund", "holiday_pay"]),
    ("快递员", "快递通物流科技有限公司", ["wages", "overtime_pay", "economic_compensation",
                                    "social_insurance"]),
    ("网约车司机", "畅行出行科技有限公司", ["deduction_refund", "confirm_relationship",
                                   "termination_damages"]),
    ("货车司机", "货运通数字科技有限公司", ["wages", "work_injury_medical", "deposit_refund"]),
    ("代驾司机", "代驾宝信息技术有限公司", ["wages", "deduction_refund"]),
]

COOPERATORS = [
    ("dispatch", "{city}{word}劳务派遣有限公司"),
    ("outsourcing", "{city}{word}人力资源外包服务有限公司"),
    ("franchise", "{city}{word}配送站（加盟商）"),
    ("agent", "{city}{word}网络科技代理有限公司"),
    ("station", "{city}{word}配送站点"),
]
WORDS = ["顺捷", "恒通", "联众", "安达", "鑫源", "宏远", "和顺", "博瑞", "众邦", "锦程"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞辉建国志浩宇鑫博文斌宁欣怡晨阳瑞凯"
ETHNICITIES = ["汉族"] * 16 + ["回族", "维吾尔族", "藏族", "土族", "蒙古族"]

CLAIM_TEXT = {
    "wages": "支付拖欠的劳动报酬",
    "overtime_pay": "支付延长工作时间加班费",
    "holiday_pay": "支付法定节假日工作报酬",
    "deduction_refund": "返还以超时、差评等名义扣减的报酬",
    "deposit_refund": "返还入职时收取的押金",
    "subsidy": "支付恶劣天气补贴及夜间补贴",
    "occupational_injury": "支付职业伤害保障待遇",
    "economic_compensation": "支付解除劳动关系经济补偿",
    "social_insurance": "依法补缴社会保险费",
    "confirm_relationship": "确认双方存在劳动关系",
    "termination_damages": "支付违法解除劳动合同赔偿金",
    "work_injury_medical": "支付工伤医疗费",
}
NO_AMOUNT = {"confirm_relationship", "social_insurance"}

# stage, status, weight: a realistic spread of where cases are
STAGES = [
    ("intake", "active", 8), ("negotiation", "active", 4), ("mediation", "active", 22),
    ("agreement", "active", 12), ("arbitration_review", "active", 4),
    ("judicial_confirmation", "active", 7), ("payment_order", "active", 2),
    ("arbitration", "active", 16), ("court", "active", 7), ("enforcement", "active", 3),
    ("closed", "closed", 12), ("closed", "withdrawn", 2), ("closed", "refused", 1),
]

# Evidence a rider's file usually holds: (name, source, what it proves).
EVIDENCE = [
    ("平台接单记录截图", "申请人手机App截屏", "申请人接受平台派单、按平台规则配送的事实"),
    ("工资转账记录", "银行流水", "报酬的支付主体、标准及拖欠数额"),
    ("站点考勤表", "站点微信群", "申请人的出勤天数和工作时长"),
    ("站长聊天记录", "微信聊天记录", "站点对申请人进行排班、考勤和管理"),
    ("罚款扣款明细", "平台App账单", "平台或站点扣减报酬的项目和金额"),
    ("押金收据", "站点出具", "申请人交纳押金的数额及收取单位"),
    ("工作服及配送箱照片", "申请人拍摄", "申请人以平台品牌名义提供配送服务"),
]
# What a co-worker saw (证人证言的证明内容).
WITNESS_PROVES = ["申请人每天在站点早会后按排班接单", "站长要求骑手每日在线不少于10小时",
                  "站点以迟到、超时为由扣减申请人报酬", "申请人于离职当月仍在站点工作"]
# Facts and reasons (事实与理由), filled with the case's own names.
FACTS = ("申请人{worker}自{start}起通过{platform}平台从事{occupation}工作，由{station}进行日常管理，"
         "按平台规则接单、配送，报酬按单结算并由平台或站点发放。{end}申请人认为被申请人未依法"
         "支付相关款项，侵害了申请人的合法权益，双方协商未果，故提出以上请求。")
# How old an application in an open stage may be (days), so the demo's deadlines look like an
# office's: a few overdue, most met.
RECENT_DAYS = {"intake": 4, "negotiation": 6, "mediation": 14, "agreement": 20,
               "arbitration_review": 20, "judicial_confirmation": 40, "payment_order": 40,
               "arbitration": 50, "court": 120, "enforcement": 240}
# event recorded on the timeline → the filing it stands for, and the forum's kind
FILINGS = [("review.applied", "arbitration_review"),
           ("confirmation.applied", "judicial_confirmation"),
           ("payment_order.applied", "payment_order"),
           ("arbitration.submitted", "arbitration"),
           ("court.filed", "lawsuit"),
           ("enforcement.applied", "enforcement")]
# event on the timeline → the document served (送达记录), on whom, how many days later
SERVICES = [("mediation.accepted", "acceptance_notice", "respondents", 1),
            ("arbitration.served", "arbitration_copy", "respondents", 0),
            ("award.nonfinal", "award_nonfinal", "everyone", 3),
            ("award.final", "award_final", "everyone", 3),
            ("payment_order.served", "payment_order", "debtor", 0)]
METHODS = ["direct", "direct", "post", "post", "electronic", "left"]
