"""A complete case for document tests: every field the statutory documents require."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.bootstrap import Services
from app.services.cases.records import AgreementInput, TermInput
from tests.factories import case_input

FACTS = ("申请人于2025年3月起通过平台接单从事外卖配送，被申请人按单结算报酬并通过站点排班管理。"
         "2026年9月至10月的报酬共计12345.68元至今未支付，另扣留押金500元。")
EXTRAS = {"refusal_reason": "该争议不属于本委员会受理范围", "documents_served": "受理通知书、调解申请书副本"}


def build_complete_case(s: Services) -> str:
    """Also used by `make bench`, so the timings are on the same case the tests check."""
    case_no = s.cases.create_case(case_input(accepted_on=date(2026, 11, 3), facts=FACTS)).case_no
    s.records.add_evidence(case_no, "平台接单记录截图", source="申请人手机", proves="用工管理及工作量",
                           pages=12)
    s.records.add_session(case_no, datetime(2026, 11, 5, 9, 30), place="调解室",
                          mediators="李调解", attendees="张三、被申请人代理人王五",
                          record="申请人陈述：被申请人拖欠报酬。\n被申请人答辩：同意支付部分款项。",
                          result="双方同意继续协商")
    s.records.add_agreement(case_no, AgreementInput(
        signed_on=date(2026, 11, 10), effective_on=date(2026, 11, 10),
        content="被申请人一次性支付申请人劳动报酬及押金。",
        terms=[TermInput("迅达即配科技有限公司", "张三", "12345.68", date(2026, 11, 25), "银行转账")]))
    s.records.add_agent(case_no, 1, "陈律师", "lawyer", authority="special", phone="13900001111",
                        workplace="浙江某律师事务所")
    from app.services.cases.service_records import AddressInput
    for seq, address in ((1, "浙江省绍兴市越城区新村3栋201室"), (2, "浙江省绍兴市越城区科技园8号A座")):
        s.service_records.confirm_address(case_no, seq, AddressInput(address, confirmed_on=date(
            2026, 11, 3)), s.cases.get(case_no).version)
    return case_no


@pytest.fixture
def complete_case(sqlite_services: Services) -> str:
    return build_complete_case(sqlite_services)
