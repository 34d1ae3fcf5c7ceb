"""Relationship classification questions (用工关系认定) and the category they suggest (DOMAIN §4).

A suggestion only: the clerk decides, and the reasons are kept with the case. Answers are
True (yes), False (no) or None (not known yet).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.models.enums import RelationshipCategory

BASIS_ELEMENTS = "劳社部发〔2005〕12号第一条"
BASIS_PLATFORM = "指导性案例237号"
BASIS_CATEGORIES = "人社部发〔2021〕56号"
BASIS_ASSOCIATED = "解释（二）第三条"
CLASSIFICATION = "classification"  # case_answers.kind of these answers


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    basis: str
    # True when a "yes" points towards labour management (only price-setting points away).
    towards_labour: bool = True


ELEMENTS = (
    Question("capacity", "（一）双方均具备法律、法规规定的主体资格（劳动者达到法定年龄、用工方依法成立）",
             BASIS_ELEMENTS),
    Question("managed", "（二）劳动者受用工方规章制度约束、接受其劳动管理、从事其安排的有报酬的劳动",
             BASIS_ELEMENTS),
    Question("integral", "（三）劳动者提供的劳动是用工方业务的组成部分", BASIS_ELEMENTS),
)
PLATFORM_FACTORS = (
    Question("time_control", "平台或合作企业控制工作时间、接单量（如强制在线时长、派单不可拒）",
             BASIS_PLATFORM),
    Question("process", "对工作过程进行管理（路线、时效、着装、考勤）", BASIS_PLATFORM),
    Question("rules", "须遵守工作规则、算法规则、劳动纪律和奖惩办法", BASIS_PLATFORM),
    Question("continuity", "工作具有持续性（长期、稳定地为其提供劳动）", BASIS_PLATFORM),
    Question("sets_price", "劳动者可以自主决定服务价格或报酬标准", BASIS_PLATFORM,
             towards_labour=False),
)
# Who the employer is when several associated companies manage the worker (解释（二）第三条).
EMPLOYER_FACTORS = (
    Question("associated_units", "多个存在关联关系的单位（如平台、站点公司、外包公司）交替或者同时"
             "对劳动者用工", BASIS_ASSOCIATED),
    Question("written_contract", "已与其中一个单位订立书面劳动合同", BASIS_ASSOCIATED),
)
# The questions that decide the category; the employer questions only say who answers for it.
QUESTIONS = ELEMENTS + PLATFORM_FACTORS
ALL_QUESTIONS = QUESTIONS + EMPLOYER_FACTORS


@dataclass(frozen=True)
class Suggestion:
    category: RelationshipCategory
    reasons: tuple[str, ...]


def suggest_category(answers: dict[str, bool | None]) -> Suggestion:
    """①②③ or undetermined from the answers, with the reasons in Chinese (and, when several
    associated companies managed the worker, who is to be named as the employer)."""
    suggestion = _category(answers)
    if answers.get("associated_units") is not True:
        return suggestion
    if answers.get("written_contract") is True:
        employer = (f"关联单位混同用工且已订立书面劳动合同：按劳动合同确认劳动关系（{BASIS_ASSOCIATED}"
                    "第一款第一项）")
    else:
        employer = (f"关联单位混同用工、未订立书面劳动合同：根据用工管理行为，综合工作时间、工作内容、"
                    f"劳动报酬支付、社会保险费缴纳等因素确认用人单位，并可请求各关联单位共同承担支付"
                    f"劳动报酬、福利待遇等责任（{BASIS_ASSOCIATED}）；宜将各关联单位列为被申请人")
    return Suggestion(suggestion.category, (*suggestion.reasons, employer))


def _category(answers: dict[str, bool | None]) -> Suggestion:
    elements = [answers.get(q.key) for q in ELEMENTS]
    management = [answers.get(q.key) for q in PLATFORM_FACTORS if q.towards_labour]
    sets_price = answers.get("sets_price")
    managed_yes = sum(1 for a in management if a is True)
    managed_no = sum(1 for a in management if a is False)
    if elements[0] is False:
        return Suggestion(RelationshipCategory.UNDETERMINED, (
            "一方不具备用工主体资格或劳动者不具备劳动者主体资格，不能认定劳动关系；"
            "请核实是否属于承包、挂靠等由发包方承担用工责任的情形（解释（二）第一、二条）",))
    if all(a is True for a in elements) and sets_price is not True:
        reasons = [f"符合确立劳动关系的三项要素（{BASIS_ELEMENTS}）"]
        if managed_yes:
            reasons.append(f"平台劳动管理因素成立{managed_yes}项（{BASIS_PLATFORM}）")
        reasons.append(f"建议认定为①劳动关系：先行申请劳动争议仲裁（{BASIS_CATEGORIES}）")
        return Suggestion(RelationshipCategory.LABOUR, tuple(reasons))
    if managed_yes >= 3 and sets_price is not True:
        return Suggestion(RelationshipCategory.LABOUR, (
            f"平台对劳动者的劳动管理占支配地位（{managed_yes}项管理因素成立，{BASIS_PLATFORM}）",
            f"建议认定为①劳动关系（{BASIS_CATEGORIES}）"))
    if managed_yes >= 1 or elements[1] is True:
        reasons = [f"存在劳动管理（{managed_yes}项管理因素成立），但不完全符合确立劳动关系的要素"]
        if sets_price is True:
            reasons.append("劳动者可自主定价，削弱了从属性")
        reasons.append(f"建议认定为②不完全符合确立劳动关系情形：订立书面协议（{BASIS_CATEGORIES}）")
        return Suggestion(RelationshipCategory.MANAGED, tuple(reasons))
    if managed_no == len(management) and (sets_price is True or elements[1] is False):
        return Suggestion(RelationshipCategory.CIVIL, (
            "平台不控制工作时间、过程，劳动者自主经营" + ("、自主定价" if sets_price else ""),
            f"建议认定为③个人依托平台自主开展经营活动：按民事关系处理（{BASIS_CATEGORIES}）"))
    unknown = sum(1 for q in QUESTIONS if answers.get(q.key) is None)
    return Suggestion(RelationshipCategory.UNDETERMINED, (
        f"尚有{unknown}个问题未回答或事实不清，暂不能判断用工关系类别",))


def check_answers(answers: dict[str, object]) -> list[str]:
    """What is wrong with stored or submitted answers (keys known, values yes/no/unknown)."""
    known = {q.key for q in ALL_QUESTIONS}
    problems = [f"没有“{key}”这个认定问题" for key in answers if key not in known]
    problems += [f"问题“{key}”的回答应为 是、否 或 不清楚" for key, value in answers.items()
                 if key in known and value not in (True, False, None)]
    return problems
