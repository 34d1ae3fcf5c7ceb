"""The rights-check questionnaire: typed questions and validated answers (权益核查问卷)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from app.knowledge.errors import AnswerError
from app.knowledge.vocab import RightId as R


class YesNo(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class AnswerKind(StrEnum):
    YES_NO = "yes_no"
    NUMBER = "number"
    DATE = "date"
    TEXT = "text"


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    kind: AnswerKind
    unit: str | None
    rights: tuple[R, ...]


def _q(key: str, text: str, kind: AnswerKind, unit: str | None, *rights: R) -> Question:
    return Question(key, text, kind, unit, rights)


Y, N, D, T = AnswerKind.YES_NO, AnswerKind.NUMBER, AnswerKind.DATE, AnswerKind.TEXT
QUESTIONS: tuple[Question, ...] = (
    _q(
        "longest_continuous_minutes",
        "最长一次连续工作多少分钟（中间停顿不足20分钟的算连续）？",
        N,
        "分钟",
        R.REST_BREAK,
    ),
    _q(
        "rest_violations",
        "连续工作超过规定时长后未休息足够时间即再接单的次数（可由订单记录算出）",
        N,
        "次",
        R.REST_BREAK,
    ),
    _q("rest_reminder_given", "平台是否推送休息提示并暂停派单？", Y, None, R.REST_BREAK),
    _q("pay_cycle_days", "两次发放劳动报酬之间最长相隔多少天？", N, "天", R.PAY_CYCLE),
    _q(
        "monthly_pay",
        "核查月份提供正常劳动所得的劳动报酬（不含加班费、夜班和恶劣天气补贴）",
        N,
        "元",
        R.MINIMUM_WAGE,
    ),
    _q("monthly_hours", "核查月份的工作小时数", N, "小时", R.MINIMUM_WAGE),
    _q("part_time", "是否为非全日制用工？", Y, None, R.MINIMUM_WAGE),
    _q("worked_on_holidays", "是否在法定节假日工作？", Y, None, R.HOLIDAY_PAY),
    _q("holiday_hours", "法定节假日工作小时数（可由订单记录算出）", N, "小时", R.HOLIDAY_PAY),
    _q(
        "holiday_premium_paid",
        "法定节假日工作是否获得高于平日标准的报酬或额外补偿？",
        Y,
        None,
        R.HOLIDAY_PAY,
    ),
    _q("holiday_pay_shortfall", "法定节假日报酬少付的金额（已算出时填写）", N, "元", R.HOLIDAY_PAY),
    _q(
        "worked_bad_weather",
        "是否在高温、大雪、强降雨等恶劣天气下工作？",
        Y,
        None,
        R.WEATHER_NIGHT_SUBSIDY,
    ),
    _q("weather_subsidy_paid", "恶劣天气工作是否获得补贴？", Y, None, R.WEATHER_NIGHT_SUBSIDY),
    _q(
        "night_hours",
        "夜间（22:00—次日6:00）工作小时数（可由订单记录算出）",
        N,
        "小时",
        R.WEATHER_NIGHT_SUBSIDY,
    ),
    _q("night_subsidy_paid", "夜间工作是否获得补贴？", Y, None, R.WEATHER_NIGHT_SUBSIDY),
    _q("subsidy_shortfall", "应得未得的补贴金额（已算出时填写）", N, "元", R.WEATHER_NIGHT_SUBSIDY),
    _q("unpaid_wages", "到期未支付的劳动报酬金额", N, "元", R.WAGE_ARREARS),
    _q("deducted_amount", "被扣减的劳动报酬金额（罚款、扣款等）", N, "元", R.DEDUCTIONS),
    _q("deduction_basis", "扣款是否有事先公示、经协商的规则或法定依据？", Y, None, R.DEDUCTIONS),
    _q("deposit_amount", "以押金、保证金或其他名义收取且未退还的金额", N, "元", R.DEPOSITS),
    _q(
        "discriminatory_condition",
        "招用时是否设置了性别、民族、年龄、宗教信仰等歧视性条件？",
        Y,
        None,
        R.DISCRIMINATION,
    ),
    _q(
        "multi_platform_restricted",
        "是否被禁止或因在其他平台接单而受处罚？",
        Y,
        None,
        R.MULTI_PLATFORM,
    ),
    _q(
        "registered_as_business",
        "是否被注册为个体工商户（或“工作室”等）？",
        Y,
        None,
        R.INDIVIDUAL_BUSINESS,
    ),
    _q(
        "registration_pushed",
        "注册是否由平台或合作企业要求、诱导或代办？",
        Y,
        None,
        R.INDIVIDUAL_BUSINESS,
    ),
    _q("hire_date", "开始用工日期", D, None, R.SOCIAL_INSURANCE_REGISTRATION),
    _q("si_registered", "是否已办理社会保险登记？", Y, None, R.SOCIAL_INSURANCE_REGISTRATION),
    _q("si_registration_date", "社会保险登记日期", D, None, R.SOCIAL_INSURANCE_REGISTRATION),
    _q(
        "si_waiver",
        "是否与用工方约定、或向其承诺不缴纳社会保险费（如以补贴代替社保）？",
        Y,
        None,
        R.SOCIAL_INSURANCE_REGISTRATION,
    ),
    _q("work_injury_insured", "是否参加了工伤保险（或职业伤害保障）？", Y, None, R.WORK_INJURY),
    _q(
        "covered_sector",
        "是否通过出行（网约车）、即时配送（外卖、跑腿）或同城货运平台接单？",
        Y,
        None,
        R.WORK_INJURY,
    ),
    _q("injured_at_work", "是否在工作中受伤？", Y, None, R.WORK_INJURY, R.FIRST_ORDER_PLATFORM),
    _q("injury_costs", "已发生的医疗费等损失", N, "元", R.WORK_INJURY),
    _q(
        "multi_order_trip",
        "受伤时是否同一路程接送多个平台的订单？",
        Y,
        None,
        R.FIRST_ORDER_PLATFORM,
    ),
    _q("first_order_platform", "同一路程首单所属平台", T, None, R.FIRST_ORDER_PLATFORM),
    _q("liability_unclear", "各平台是否相互推诿、难以确定责任？", Y, None, R.FIRST_ORDER_PLATFORM),
    _q(
        "quota_share_percent",
        "同岗位劳动者中能在法定工作时间内完成劳动定额的比例",
        N,
        "%",
        R.WORKLOAD_QUOTA,
    ),
    _q(
        "strictest_algorithm",
        "考核是否按最高效率、最低成本设定（准时率、在线率等要求过苛）？",
        Y,
        None,
        R.WORKLOAD_QUOTA,
    ),
)
QUESTION_BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}


def questions_for(right: R) -> list[Question]:
    return [q for q in QUESTIONS if right in q.rights]


class Answers:
    """Validated answers: unknown keys and wrong types are refused, missing ones are "unknown"."""

    def __init__(self, values: Mapping[str, object] | None = None) -> None:
        self._values: dict[str, object] = {}
        for key, value in (values or {}).items():
            question = QUESTION_BY_KEY.get(key)
            if question is None:
                raise AnswerError(f"未知的问题“{key}”")
            if value is None or value == "":
                continue
            self._values[key] = _coerce(question, value)

    def merged(self, defaults: Mapping[str, object]) -> Answers:
        """These answers over `defaults` (e.g. figures from an order log): the user's win."""
        combined = dict(Answers(defaults)._values)
        combined.update(self._values)
        result = Answers()
        result._values = combined
        return result

    def stored(self) -> dict[str, object]:
        """The answers as JSON values (ISO dates, exact decimal text), to keep with a case."""
        out: dict[str, object] = {}
        for key, value in self._values.items():
            if isinstance(value, date):
                out[key] = value.isoformat()
            elif isinstance(value, Decimal):
                out[key] = format(value, "f")
            elif isinstance(value, YesNo):
                out[key] = value.value
            else:
                out[key] = value
        return out

    def yes_no(self, key: str) -> YesNo:
        value = self._get(key, AnswerKind.YES_NO)
        return value if isinstance(value, YesNo) else YesNo.UNKNOWN

    def number(self, key: str) -> Decimal | None:
        value = self._get(key, AnswerKind.NUMBER)
        return value if isinstance(value, Decimal) else None

    def date(self, key: str) -> date | None:
        value = self._get(key, AnswerKind.DATE)
        return value if isinstance(value, date) else None

    def text(self, key: str) -> str | None:
        value = self._get(key, AnswerKind.TEXT)
        return value if isinstance(value, str) else None

    def _get(self, key: str, kind: AnswerKind) -> object:
        if QUESTION_BY_KEY[key].kind != kind:
            raise KeyError(f"{key} is not a {kind} question")
        return self._values.get(key)


def _coerce(q: Question, value: object) -> object:
    if q.kind == AnswerKind.YES_NO:
        if isinstance(value, bool):
            return YesNo.YES if value else YesNo.NO
        if isinstance(value, str) and value in {v.value for v in YesNo}:
            return YesNo(value)
        raise AnswerError(f"“{q.text}”的答案应为 是/否/不清楚，收到 {value!r}")
    if q.kind == AnswerKind.NUMBER:
        try:
            if isinstance(value, bool):
                raise TypeError
            number = Decimal(str(value))
        except (InvalidOperation, TypeError, ValueError):
            raise AnswerError(f"“{q.text}”的答案应为数字，收到 {value!r}") from None
        if not number.is_finite() or number < 0:
            raise AnswerError(f"“{q.text}”的答案不能为负数或无穷大，收到 {value!r}")
        return number
    if q.kind == AnswerKind.DATE:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise AnswerError(f"“{q.text}”的答案应为日期（YYYY-MM-DD），收到 {value!r}") from None
    return str(value).strip()
