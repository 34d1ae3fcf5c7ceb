"""Closed vocabularies of the knowledge base: article topics and the rights the check tests."""

from __future__ import annotations

from enum import StrEnum


class Topic(StrEnum):
    REST = "rest"
    WORKING_TIME = "working_time"
    PAY = "pay"
    MINIMUM_WAGE = "minimum_wage"
    HOLIDAY_PAY = "holiday_pay"
    WEATHER_SUBSIDY = "weather_subsidy"
    WORKLOAD_QUOTA = "workload_quota"
    ALGORITHM_RULES = "algorithm_rules"
    DEPOSITS = "deposits"
    DISCRIMINATION = "discrimination"
    MULTI_PLATFORM = "multi_platform"
    INDIVIDUAL_BUSINESS = "individual_business"
    SOCIAL_INSURANCE = "social_insurance"
    WORK_INJURY = "work_injury"
    OCCUPATIONAL_INJURY = "occupational_injury"
    SAFETY = "safety"
    COMPLAINT_MECHANISM = "complaint_mechanism"
    MEDIATION = "mediation"
    ARBITRATION = "arbitration"
    COURT = "court"
    LEGAL_AID = "legal_aid"
    INSPECTION = "inspection"
    COLLECTIVE_CONSULTATION = "collective_consultation"
    DATA_SHARING = "data_sharing"


TOPIC_LABELS: dict[Topic, str] = {
    Topic.REST: "休息",
    Topic.WORKING_TIME: "工作时间",
    Topic.PAY: "劳动报酬",
    Topic.MINIMUM_WAGE: "最低工资",
    Topic.HOLIDAY_PAY: "节假日报酬",
    Topic.WEATHER_SUBSIDY: "恶劣天气及夜间补贴",
    Topic.WORKLOAD_QUOTA: "劳动定额",
    Topic.ALGORITHM_RULES: "算法规则",
    Topic.DEPOSITS: "押金保证金",
    Topic.DISCRIMINATION: "就业歧视",
    Topic.MULTI_PLATFORM: "多平台就业",
    Topic.INDIVIDUAL_BUSINESS: "个体工商户",
    Topic.SOCIAL_INSURANCE: "社会保险",
    Topic.WORK_INJURY: "工伤保险",
    Topic.OCCUPATIONAL_INJURY: "职业伤害保障",
    Topic.SAFETY: "劳动安全",
    Topic.COMPLAINT_MECHANISM: "申诉机制",
    Topic.MEDIATION: "调解",
    Topic.ARBITRATION: "仲裁",
    Topic.COURT: "诉讼",
    Topic.LEGAL_AID: "法律援助",
    Topic.INSPECTION: "劳动保障监察",
    Topic.COLLECTIVE_CONSULTATION: "集体协商",
    Topic.DATA_SHARING: "数据共享与报告",
}


class RightId(StrEnum):
    """One line of the rights checklist (DOMAIN.md §2)."""

    REST_BREAK = "rest_break"
    PAY_CYCLE = "pay_cycle"
    MINIMUM_WAGE = "minimum_wage"
    HOLIDAY_PAY = "holiday_pay"
    WEATHER_NIGHT_SUBSIDY = "weather_night_subsidy"
    WAGE_ARREARS = "wage_arrears"
    DEDUCTIONS = "deductions"
    DEPOSITS = "deposits"
    DISCRIMINATION = "discrimination"
    MULTI_PLATFORM = "multi_platform"
    INDIVIDUAL_BUSINESS = "individual_business"
    SOCIAL_INSURANCE_REGISTRATION = "social_insurance_registration"
    WORK_INJURY = "work_injury"
    FIRST_ORDER_PLATFORM = "first_order_platform"
    WORKLOAD_QUOTA = "workload_quota"


RIGHT_TITLES: dict[RightId, str] = {
    RightId.REST_BREAK: "连续工作后的工间休息",
    RightId.PAY_CYCLE: "劳动报酬支付周期",
    RightId.MINIMUM_WAGE: "不低于最低工资标准",
    RightId.HOLIDAY_PAY: "法定节假日工作报酬",
    RightId.WEATHER_NIGHT_SUBSIDY: "恶劣天气及夜间工作补贴",
    RightId.WAGE_ARREARS: "不得拖欠劳动报酬",
    RightId.DEDUCTIONS: "不得克扣劳动报酬",
    RightId.DEPOSITS: "不得收取押金、保证金",
    RightId.DISCRIMINATION: "不得设置歧视性条件",
    RightId.MULTI_PLATFORM: "不得限制多平台就业",
    RightId.INDIVIDUAL_BUSINESS: "不得诱导或强迫注册个体工商户",
    RightId.SOCIAL_INSURANCE_REGISTRATION: "用工之日起30日内办理社会保险登记",
    RightId.WORK_INJURY: "工伤保险（职业伤害保障）",
    RightId.FIRST_ORDER_PLATFORM: "多单同路程的首单平台承担工伤保险责任",
    RightId.WORKLOAD_QUOTA: "劳动定额合理（同岗位90%以上可在法定时间内完成）",
}


class Strength(StrEnum):
    """How firmly an article grounds a right: a duty, or only an encouragement or a factor."""

    DUTY = "duty"
    ADVISORY = "advisory"


# Parameters an article may fix for a right, with the Python type each must have in JSON.
RIGHT_PARAMS: dict[RightId, dict[str, type]] = {
    RightId.REST_BREAK: {"max_continuous_minutes": int, "min_break_minutes": int},
    RightId.PAY_CYCLE: {"max_months": int},
    RightId.WORKLOAD_QUOTA: {"min_share_percent": int},
    RightId.SOCIAL_INSURANCE_REGISTRATION: {"days": int},
    RightId.WEATHER_NIGHT_SUBSIDY: {"covers": list},
}
