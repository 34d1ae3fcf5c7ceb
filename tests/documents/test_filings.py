"""Filings from a stored case: the forum by the rules (or the filing's own) in full, the filing
date printed and checked against its deadline, and the document fixes of issue 18 (案由 on the
送达回证, the procedure in the 授权委托书, the 15 days of the 受理通知书, the 卷内目录's page
ranges) — rendered to PDF and DOCX and read back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import select

from app.bootstrap import Services
from app.errors import AppError
from app.models import GeneratedDocument
from app.services.cases.dto import PartyInput
from app.services.cases.records import AgreementInput, TermInput
from tests.documents.test_case_api import docx_text, pdf_text
from tests.factories import case_input, credit_code, platform, worker

OUTSOURCER = "绍兴众包人力外包服务有限公司"


def mediated_two_respondents(s: Services) -> str:
    """A rider of 越城区 against the platform (越城区) and its outsourcer (柯桥区), accepted on
    2026-11-03 and mediated on 2026-11-06 (the agreement is the caller's)."""
    outsourcer = PartyInput(role="respondent", name=OUTSOURCER, party_type="organisation",
                            kind="outsourcing", credit_code=credit_code("91330603123456780"),
                            domicile="浙江省绍兴市柯桥区华舍街道蜀阜路66号",
                            mailing_address="浙江省绍兴市柯桥区华舍街道蜀阜路66号3楼",
                            phone="0575-85550000", legal_representative="赵海")
    case_no = s.cases.create_case(case_input(
        district="越城区", parties=[worker(), platform(), outsourcer],
        facts="申请人通过平台接单从事外卖配送，报酬被拖欠。")).case_no
    s.workflow.advance(case_no, "mediation.accept", date(2026, 11, 3))
    s.workflow.advance(case_no, "mediation.session", date(2026, 11, 6))
    return case_no


def build_two_respondents(s: Services) -> str:
    """The rider's case above; the agreement makes only the outsourcer pay."""
    case_no = mediated_two_respondents(s)
    s.records.add_agreement(case_no, AgreementInput(
        signed_on=date(2026, 11, 10), effective_on=date(2026, 11, 10),
        content="被申请人绍兴众包人力外包服务有限公司支付劳动报酬。",
        terms=[TermInput(OUTSOURCER, "张三", "12345.67", date(2026, 11, 25), "银行转账")]))
    s.workflow.advance(case_no, "agreement.sign", date(2026, 11, 10))
    s.records.add_agent(case_no, 1, "陈律师", "lawyer", authority="special", phone="13900001111")
    return case_no


@pytest.fixture
def two_respondents(sqlite_services: Services) -> str:
    return build_two_respondents(sqlite_services)


def _documents(s: Services, case_no: str) -> list[GeneratedDocument]:
    with s.ctx.session() as session:
        return list(session.exec(select(GeneratedDocument)))


def test_a_three_party_confirmation_is_dated_and_addressed_in_full(
        sqlite_services: Services, two_respondents: str, tmp_path: Path) -> None:
    documents = sqlite_services.documents
    for fmt, read in (("pdf", pdf_text), ("docx", docx_text)):
        [result] = documents.render(two_respondents, "judicial_confirmation_application", fmt,
                                    tmp_path / f"c.{fmt}", filing_date=date(2026, 11, 20))
        text = read(result.path)
        assert "此致绍兴市越城区人民法院" in text.replace(" ", "")  # the committee's district
        assert "2026年11月20日" in text and "2026年11月23日" not in text  # not today
        for label in ("申请人一：张三", "申请人二：迅达即配科技有限公司", f"申请人三：{OUTSOURCER}"):
            assert label in text
        assert text.count("（签名、捺印）") == 1 and text.count("（盖章）") == 2
        assert not any("已超过" in w for w in result.warnings)
        assert any("未经核实" in w for w in result.warnings)  # the shipped name is unverified


def test_a_late_filing_date_is_warned_and_an_impossible_one_refused(
        sqlite_services: Services, two_respondents: str, tmp_path: Path) -> None:
    documents = sqlite_services.documents
    # the agreement took effect on 11-10: 30 days end on 2026-12-10 (民诉法 art 205)
    [late] = documents.render(two_respondents, "judicial_confirmation_application", "pdf",
                              tmp_path / "late.pdf", filing_date=date(2026, 12, 11))
    assert any("已超过双方共同申请司法确认的期限（2026年12月10日届满" in w and "第二百零五条" in w
               for w in late.warnings)
    assert "2026年12月11日" in pdf_text(late.path)
    before = len(_documents(sqlite_services, two_respondents))
    with pytest.raises(AppError, match="申请日期2026年11月05日早于调解协议生效之日"):
        documents.render(two_respondents, "judicial_confirmation_application", "pdf",
                         tmp_path / "early.pdf", filing_date=date(2026, 11, 5))
    assert not (tmp_path / "early.pdf").exists()
    assert len(_documents(sqlite_services, two_respondents)) == before
    review = documents.check_filing_date(two_respondents, "arbitration_review_application",
                                         date(2026, 11, 26))  # 15 days: 11-25 (办案规则 art 74)
    assert review.ok and "第七十四条" in review.warnings[0]


def test_the_payment_order_goes_to_the_debtors_court_and_names_only_it(
        sqlite_services: Services, two_respondents: str, tmp_path: Path) -> None:
    choice = sqlite_services.documents.forum_choice(two_respondents, "payment_order_application")
    assert choice is not None and choice.name == "绍兴市柯桥区人民法院" and not choice.stored
    [result] = sqlite_services.documents.render(two_respondents, "payment_order_application",
                                                "docx", tmp_path / "p.docx")
    text = docx_text(result.path)
    assert "绍兴市柯桥区人民法院" in text and "绍兴市越城区人民法院" not in text
    assert f"被申请人：{OUTSOURCER}" in text and "被申请人：迅达即配" not in text


def test_one_complaint_names_both_respondents_and_the_full_court(
        sqlite_services: Services, two_respondents: str, tmp_path: Path) -> None:
    [result] = sqlite_services.documents.render(two_respondents, "civil_complaint", "pdf",
                                                tmp_path / "s.pdf", draft=True,
                                                filing_date=date(2026, 11, 21))
    text = pdf_text(result.path).replace(" ", "")
    assert "绍兴市越城区人民法院" in text and "迅达即配科技有限公司" in text and OUTSOURCER in text
    assert "副本二份" in text and "2026年11月21日" in text


def test_the_filings_own_forum_wins_and_the_user_may_override(
        sqlite_services: Services, two_respondents: str, tmp_path: Path) -> None:
    s = sqlite_services
    s.records.add_filing(two_respondents, "judicial_confirmation", forum="绍兴市柯桥区人民法院")
    choice = s.documents.forum_choice(two_respondents, "judicial_confirmation_application")
    assert choice is not None and choice.stored and choice.name == "绍兴市柯桥区人民法院"
    assert "绍兴市越城区人民法院" in choice.alternatives  # what the rules would give
    [stored] = s.documents.render(two_respondents, "judicial_confirmation_application", "pdf",
                                  tmp_path / "a.pdf")
    assert "绍兴市柯桥区人民法院" in pdf_text(stored.path)
    [chosen] = s.documents.render(two_respondents, "judicial_confirmation_application", "pdf",
                                  tmp_path / "b.pdf", forum="绍兴市中级人民法院")
    assert "绍兴市中级人民法院" in pdf_text(chosen.path)


def test_receipt_cause_attorney_procedure_and_the_fifteen_days(
        sqlite_services: Services, two_respondents: str, tmp_path: Path) -> None:
    documents = sqlite_services.documents
    results = documents.render(two_respondents, "service_receipt", "pdf", tmp_path / "r",
                               extra={"documents_served": "受理通知书"})
    for r in results:  # wages and a deposit: two causes, so the first level (案由规定)
        text = pdf_text(r.path).replace(" ", "")
        assert "案由劳动争议" in text and "工资纠纷" not in text  # not the summary
    [power] = documents.render(two_respondents, "power_of_attorney", "docx", tmp_path / "w.docx")
    text = docx_text(power.path)
    assert text.count("代理权限") == 1 and "调解、仲裁或者诉讼" not in text
    org = sqlite_services.organisations.get(sqlite_services.organisations.default_id()).name
    assert f"一案的调解中（{org}）" in text and "代为参加调解" in text
    assert "联系电话：。" not in text
    [notice] = documents.render(two_respondents, "acceptance_notice", "pdf", tmp_path / "n.pdf")
    text = pdf_text(notice.path)
    assert text.count("十五日") == 1 and "收到调解申请之日" in text and "受理之日起" not in text


def test_the_file_index_lists_each_document_once_in_file_order_with_page_ranges(
        sqlite_services: Services, two_respondents: str, tmp_path: Path) -> None:
    documents = sqlite_services.documents
    agreement = documents.render(two_respondents, "mediation_agreement", "pdf", tmp_path / "a.pdf")
    documents.render(two_respondents, "mediation_agreement", "docx", tmp_path / "a.docx")
    notice = documents.render(two_respondents, "acceptance_notice", "pdf", tmp_path / "n.pdf")
    documents.render(two_respondents, "acceptance_notice", "docx", tmp_path / "n.docx")
    first = len(PdfReader(notice[0].path).pages)
    second = len(PdfReader(agreement[0].path).pages)
    items = documents.case_data(two_respondents).file_items
    # the notice comes before the agreement in the file although it was made later
    assert [i.title for i in items] == ["受理通知书", "调解协议书"]

    def span(start: int, count: int) -> str:
        return str(start) if count == 1 else f"{start}-{start + count - 1}"

    assert [i.pages for i in items] == [span(1, first), span(first + 1, second)]
    [index] = documents.render(two_respondents, "file_index", "pdf", tmp_path / "i.pdf")
    text = pdf_text(index.path)
    assert text.count("调解协议书") == 1 and text.count("受理通知书") == 1
    assert span(first + 1, second) in text
