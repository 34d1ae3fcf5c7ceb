"""申请执行标的 from what is owed (issue 18): under a title resting on the agreement (the
court's confirmation ruling here), each debtor gets its own 强制执行申请书 naming it alone,
for its terms not recorded as performed, 共计 their sum in figures and in words; what the
clerk types (补充内容, `render --set`) wins."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.cli.main import main
from app.services.cases.records import AgreementInput, TermInput
from tests.documents.test_case_api import pdf_text
from tests.documents.test_filings import OUTSOURCER, mediated_two_respondents

PLATFORM = "迅达即配科技有限公司"
RULING = "（2026）浙0602民特123号"
ACCOUNTS = {"payee_bank": "中国工商银行绍兴越城支行", "payee_account": "6222020000001234567"}


def build_partly_performed(s: Services) -> str:
    """Two debtors: the outsourcer owes pay (12,345.67), the platform owes a refund (1,001.01)
    and paid a subsidy (500, recorded as performed)."""
    case_no = mediated_two_respondents(s)
    agreement_id = s.records.add_agreement(case_no, AgreementInput(
        signed_on=date(2026, 11, 10), effective_on=date(2026, 11, 10),
        content="各被申请人按下列条款支付。",
        terms=[TermInput(OUTSOURCER, "张三", "12345.67", date(2026, 11, 25), "银行转账",
                         "劳动报酬"),
               TermInput(PLATFORM, "张三", "1001.01", date(2026, 11, 30), "平台钱包退回"),
               TermInput(PLATFORM, "张三", "500", date(2026, 11, 20), "银行转账", "高温补贴")]))
    s.workflow.advance(case_no, "agreement.sign", date(2026, 11, 10))
    version = s.case_detail.detail(case_no).version
    s.case_edit.mark_term_performed(case_no, agreement_id, 3, date(2026, 11, 19), version)
    s.records.add_filing(case_no, "judicial_confirmation", forum="绍兴市越城区人民法院",
                         filed_on=date(2026, 11, 12), external_no=RULING, status="accepted")
    return case_no


def test_each_debtor_is_asked_only_what_it_still_owes(services: Services,
                                                      tmp_path: Path) -> None:
    """On SQLite and PostgreSQL (the debtors' courts are read with one query of the case's
    respondents)."""
    case_no = build_partly_performed(services)
    documents = services.documents
    results = documents.render(case_no, "enforcement_application", "pdf", tmp_path / "e",
                               extra=ACCOUNTS)
    assert len(results) == 2 and not any(r.draft for r in results)
    texts = {r.path.name: pdf_text(r.path) for r in results}
    (theirs,) = [t for name, t in texts.items() if f"对{OUTSOURCER}" in name]
    (platform_s,) = [t for name, t in texts.items() if f"对{PLATFORM}" in name]
    assert f"被执行人：{OUTSOURCER}" in theirs and f"被执行人：{PLATFORM}" not in theirs
    assert "被执行人一" not in theirs  # one debtor: not numbered
    assert "调解协议第一项约定的劳动报酬人民币12,345.67元" in theirs
    assert "1,001.01" not in theirs and "高温补贴" not in theirs
    assert "壹万贰仟叁佰肆拾伍元陆角柒分" in theirs  # the amount in words (cn2an)
    assert f"被执行人：{PLATFORM}" in platform_s and OUTSOURCER not in platform_s.split(
        "申请执行的事实和理由")[0].split("执行依据信息")[0]
    assert "调解协议第二项约定的款项人民币1,001.01元" in platform_s
    assert "500.00" not in platform_s and "高温补贴" not in platform_s  # performed: not owed
    assert "12,345.67" not in platform_s
    assert "申请执行标的人民币1,001.01元（大写：壹仟零壹元零壹分）" in platform_s.replace(" ", "")
    assert RULING in platform_s and "民事裁定书（确认调解协议）" in platform_s
    # Each debtor's application to the court the rules give for it: a court's ruling goes
    # back to the court that made it (民诉法 art 235 ¶1).
    assert all("此致绍兴市越城区人民法院" in t.replace(" ", "") for t in texts.values())
    # The dialog shows the defaults as what an empty 补充内容 prints.
    defaults = documents.typed_defaults(case_no, "enforcement_application")
    assert "12,345.67" in defaults["enforcement_amount"] and "1,001.01" in defaults[
        "enforcement_amount"]
    # Typed, the clerk's text wins over the default.
    typed = documents.render(case_no, "enforcement_application", "pdf", tmp_path / "t",
                             extra={**ACCOUNTS, "enforcement_amount": "800"})
    assert all("申请执行标的800元" in pdf_text(r.path).replace(" ", "") for r in typed)


def test_render_set_overrides_the_default(sqlite_services: Services, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    case_no = build_partly_performed(sqlite_services)
    data = ["--data-dir", str(sqlite_services.ctx.config.data_dir)]
    target = tmp_path / "out"
    code = main([*data, "render", case_no, "enforcement_application", "-o", str(target),
                 "--set", "payee_bank=中国银行", "--set", "payee_account=6216000000000000",
                 "--set", "enforcement_request=被执行人支付劳动报酬10,000元。"])
    out, err = capsys.readouterr()
    assert code == 0, err
    files = sorted(target.glob("*.pdf"))
    assert len(files) == 2, out
    for path in files:
        text = pdf_text(path)
        assert "被执行人支付劳动报酬10,000元。" in text and "调解协议第" not in text


def test_an_award_is_enforced_in_its_own_words_against_every_respondent(tmp_path: Path) -> None:
    """An award's items are not stored one by one: the default request quotes the award, one
    application names every respondent, the amount is left to type."""
    from dataclasses import replace

    from app.documents import api
    from tests.documents.kinds_cases import TWO_RESPONDENTS

    typed = {k: v for k, v in TWO_RESPONDENTS.extra.items()
             if k not in ("enforcement_request", "enforcement_amount")}
    data = replace(TWO_RESPONDENTS, extra=typed)
    (job,) = api.jobs("enforcement_application", data, expand=True)
    assert job.context["enforcement_request"].startswith(
        "被执行人履行仲裁裁决书（越劳人仲案字〔2026〕第318号）确定的义务：裁决被申请人支付")
    assert len(job.context["respondents"]) == 2 and job.context["enforcement_amount"] is None


def test_an_unverified_forum_is_said_once_by_render(sqlite_services: Services, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """Two files (one per debtor), one court from an unverified registry entry: `render`
    says so once, in Chinese, and where to check it; a verified court is not mentioned."""
    case_no = build_partly_performed(sqlite_services)
    data = ["--data-dir", str(sqlite_services.ctx.config.data_dir)]
    code = main([*data, "render", case_no, "enforcement_application", "-o",
                 str(tmp_path / "e"), *sum((["--set", f"{k}={v}"] for k, v in ACCOUNTS.items()),
                                           [])])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.count("已生成") == 2
    note = "“绍兴市越城区人民法院”的名称和地址取自受理机关登记表中未经核实的条目，提交前请核对（设置 → 受理机关）"
    assert out.count(note) == 1 and out.count("未经核实") == 1
    results = sqlite_services.documents.render(case_no, "enforcement_application", "pdf",
                                               tmp_path / "s", extra=ACCOUNTS)
    assert all(r.warnings.count(note) == 1 for r in results)
    code = main([*data, "render", case_no, "enforcement_application", "-o",
                 str(tmp_path / "v"), "--forum", "淄博市张店区人民法院",
                 *sum((["--set", f"{k}={v}"] for k, v in ACCOUNTS.items()), [])])
    out, _ = capsys.readouterr()
    assert code == 0 and "未经核实" not in out  # a verified entry


def test_each_worker_of_a_collective_case_enforces_only_what_is_owed_to_him() -> None:
    """Twelve workers, a 仲裁调解书 whose terms name each worker as payee and the platform as
    payer: each worker's application names the platform and that worker's own amount."""
    from dataclasses import replace
    from decimal import Decimal

    from app.documents import api
    from app.documents.data import FilingData, TermData
    from app.models.enums import FilingKind, FilingStatus
    from tests.documents.kinds_cases import COLLECTIVE_TWELVE, WORKERS
    from tests.documents.sample_case import PLATFORM

    terms = tuple(TermData(PLATFORM.name, f"骑手{i:02d}", Decimal(1000 + i), date(2026, 12, 1))
                  for i in range(1, WORKERS + 1))
    data = replace(COLLECTIVE_TWELVE, extra={},
                   agreement=replace(COLLECTIVE_TWELVE.agreement, terms=terms),  # type: ignore[type-var]
                   filings=(FilingData(FilingKind.ARBITRATION_REVIEW, "绍兴市劳动人事争议仲裁委员会",
                                       date(2026, 11, 20), "绍劳人仲调字〔2026〕第7号",
                                       FilingStatus.ACCEPTED),))
    jobs = api.jobs("enforcement_application", data, collective="worker")
    assert len(jobs) == WORKERS  # one debtor each: the platform
    seventh = next(j.context for j in jobs if j.context["applicant"]["name"] == "骑手07")
    assert [r["name"] for r in seventh["respondents"]] == [PLATFORM.name]
    assert "1,007.00" in seventh["enforcement_amount"] and "1,008.00" not in seventh[
        "enforcement_request"]
    assert seventh["execution_title"]["name"] == "仲裁调解书"
