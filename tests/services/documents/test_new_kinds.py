"""The new kinds from a stored case through DocumentService (what `render` and the GUI do), and a
collective dispute of 12 stored workers filed per worker or by its representatives."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from stdnum.cn import ric

from app.bootstrap import Services
from app.documents.render import MissingData
from app.documents.templates import load_template
from app.services.cases.dto import ClaimInput
from tests.documents.conftest import build_complete_case
from tests.documents.test_kinds import NEW_KINDS
from tests.factories import case_input, platform, worker

TYPED = {"defence_text": "被申请人已足额支付报酬。", "hearing_on": "2026年12月10日",
         "postponement_reason": "申请人住院治疗，无法到庭。", "award_received_on": "2026-12-20",
         "enforcement_request": "被执行人支付劳动报酬12,345.68元。",
         "revocation_grounds": "裁决所根据的证据是伪造的。",
         "payee_bank": "中国工商银行绍兴越城支行", "payee_account": "6222020000001234567",
         "enforcement_amount": "12,345.68", "debtor_bank": "浙江农商银行柯桥支行",
         "debtor_account": "201000123456789"}


def pdf_text(path: Path) -> str:
    return "".join(p.extract_text() for p in PdfReader(path).pages).replace("\n", "")


def test_every_new_kind_from_the_stored_case(sqlite_services: Services, tmp_path: Path) -> None:
    case_no = build_complete_case(sqlite_services)
    documents = sqlite_services.documents
    with pytest.raises(MissingData) as caught:  # the arbitration's number is not known yet
        documents.render(case_no, "arbitration_withdrawal", "pdf", tmp_path / "w.pdf")
    assert "仲裁案号（申请页）" in caught.value.message and not (tmp_path / "w.pdf").exists()
    sqlite_services.records.add_filing(case_no, "arbitration", forum="绍兴市劳动人事争议仲裁委员会",
                                       filed_on=date(2026, 11, 20),
                                       external_no="绍劳人仲案字〔2026〕第9号")
    # The enforcing court comes from the rules (民诉法 art 235 ¶2: the award's debtor's seat).
    choice = documents.forum_choice(case_no, "enforcement_application")
    assert choice is not None and choice.name == "绍兴市越城区人民法院" and not choice.stored
    assert "第二百三十五条第二款" in choice.basis and "被执行人住所地" in choice.reason
    for kind in NEW_KINDS:
        if kind == "collective_arbitration_application":
            continue  # not a collective case: tested below
        for fmt in ("pdf", "docx"):
            results = documents.render(case_no, kind, fmt, tmp_path / f"{kind}.{fmt}",
                                       extra=TYPED)
            assert results and not results[0].draft, kind
        text = pdf_text(tmp_path / f"{kind}.pdf")
        assert "迅达即配科技有限公司" in text, kind
        assert ("张三" in text) == (kind != "legal_representative_certificate"), kind
        assert "待填写" not in text and "：。" not in text, kind
    assert "2026年12月10日开庭" in pdf_text(tmp_path / "hearing_postponement_application.pdf")
    assert "绍劳人仲案字〔2026〕第9号" in pdf_text(tmp_path / "arbitration_withdrawal.pdf")
    enforcement = pdf_text(tmp_path / "enforcement_application.pdf")
    assert "此致绍兴市越城区人民法院" in enforcement.replace(" ", "")
    for row in ("申请执行人收款账户", "开户银行", "账号", "申请执行标的", "被执行人财产线索"):
        assert row in enforcement, row
    assert "中国工商银行绍兴越城支行" in enforcement and "6222020000001234567" in enforcement
    assert "12,345.68元" in enforcement and "浙江农商银行柯桥支行" in enforcement
    # Overridable per filing: a forum the clerk records wins over the rules.
    sqlite_services.records.add_filing(case_no, "enforcement", forum="绍兴市柯桥区人民法院")
    documents.render(case_no, "enforcement_application", "pdf", tmp_path / "e2.pdf", extra=TYPED)
    assert "此致绍兴市柯桥区人民法院" in pdf_text(tmp_path / "e2.pdf").replace(" ", "")
    history = {(h.kind, h.file_format, h.template_version) for h in documents.history(case_no)}
    assert {(k, "pdf", load_template(k).version) for k in NEW_KINDS
            if k != "collective_arbitration_application"} <= history
    # The texts a kind needs typed are named for the dialog in the template's order.
    assert documents.typed_fields("hearing_postponement_application") == [
        ("hearing_on", "原定开庭日期"), ("postponement_reason", "申请延期开庭的理由")]


def _valid_id(n: int) -> str:
    base = f"33060219900307{n:03d}"
    return base + ric.calc_check_digit(base + "0")


def test_a_stored_collective_case_files_per_worker_or_by_its_representatives(
        services: Services, tmp_path: Path) -> None:
    workers = [worker(f"骑手{n:02d}", _valid_id(n), birth_date=date(1990, 3, 7),
                      phone=f"1380013{n:04d}") for n in range(1, 13)]
    claims = [ClaimInput("confirm_relationship", "确认劳动关系")]
    for i in range(12):
        claims.append(ClaimInput("wages", f"支付骑手{i + 1:02d}的劳动报酬", str(3000 + 100 * i),
                                 party_index=i))
    case_no = services.cases.create_case(case_input(
        parties=workers + [platform()], claims=claims, collective=True,
        representatives="骑手01、骑手02", facts="十二名骑手被拖欠十月报酬。")).case_no
    documents = services.documents
    assert documents.is_collective(case_no)
    per_worker = documents.render(case_no, "arbitration_application", "pdf", tmp_path / "each",
                                  collective="worker")
    assert len(per_worker) == 12
    seventh = pdf_text(next(r.path for r in per_worker if "007骑手07" in r.path.name))
    assert "骑手07" in seventh and "骑手08" not in seventh
    assert "3,600.00" in seventh and "3,700.00" not in seventh and "确认劳动关系" in seventh
    (one,) = documents.render(case_no, "arbitration_application", "pdf", tmp_path / "rep.pdf",
                              collective="representative")
    assert one.kind == "collective_arbitration_application"
    text = pdf_text(one.path)
    assert "代表人一：骑手01" in text and "代表人二：骑手02" in text and "骑手12" in text
    assert "42,600.00" in text  # 3,000 + … + 4,100
    kinds = [h.kind for h in documents.history(case_no)]
    assert kinds.count("arbitration_application") == 12
    assert kinds.count("collective_arbitration_application") == 1
