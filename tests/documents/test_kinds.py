"""Every document kind, old and new, rendered for three cases (one rider against two companies;
a joint application of three parties; a collective dispute of 12 workers), read back from the
PDF (page by page) and the DOCX, and held to what a filing counter checks (issue 18)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from app.documents import api, render
from app.documents.blocks import Block
from app.documents.packs import GROUP_OF, ORDER, REPRESENTATIVE_KINDS
from app.documents.templates import available_kinds, load_template
from tests.documents.kinds_cases import AWARD_NO, CASES, COLLECTIVE_TWELVE, JOINT_THREE, WORKERS
from tests.documents.sample_case import OUTSOURCER_CODE, PLATFORM_CODE

NEW_KINDS = ("civil_complaint_labour", "civil_defence_labour", "arbitration_defence",
             "arbitration_withdrawal", "claim_change_application",
             "hearing_postponement_application", "enforcement_application",
             "award_revocation_application", "legal_representative_certificate",
             "performance_visit_record", "application_receipt",
             "collective_arbitration_application")
LEFTOVERS = ("{{", "}}", "{%", "%}", "{#", "#}", "::", "待填写", "None", "Undefined", "：。", "：，",
             "，，", "。。")
ARTICLE = re.compile(r"第[一二三四五六七八九十百零]+条")


@dataclass(frozen=True)
class Rendered:
    kind: str
    blocks: list[Block]
    pages: list[str]  # the PDF's text, page by page, line breaks removed
    docx: str


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "".join(parts)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Rendered]]:
    """Each kind once per case, in both formats (what `render` and the GUI write)."""
    out = tmp_path_factory.mktemp("kinds")
    result: dict[str, dict[str, Rendered]] = {}
    for name, data in CASES.items():
        result[name] = {}
        for kind in available_kinds():
            assert api.check_required(kind, data, all_parties=True) == [], (name, kind)
            job = api.jobs(kind, data)[0]
            _, blocks = render.prepare(job.kind, job.context)
            pdf = api.render(kind, data, "pdf", out / f"{name}-{kind}.pdf")
            docx = api.render(kind, data, "docx", out / f"{name}-{kind}.docx")
            pages = [p.extract_text().replace("\n", "") for p in PdfReader(pdf.path).pages]
            assert pdf.pages == len(pages)
            result[name][kind] = Rendered(kind, blocks, pages, _docx_text(docx.path))
    return result


def test_one_table_lists_every_kind_by_stage_with_its_chinese_title() -> None:
    kinds = api.list_kinds()
    assert [k.kind for k in kinds] == [k for k in ORDER if k in available_kinds()]
    assert set(available_kinds()) <= set(ORDER)  # none falls to 其他
    assert set(NEW_KINDS) <= set(available_kinds())
    titles = {k.kind: k.title for k in kinds}
    assert titles["civil_complaint_labour"] == "民事起诉状（劳动争议纠纷）"
    assert titles["civil_defence_labour"] == "民事答辩状（劳动争议纠纷）"
    assert titles["claim_change_application"] == "变更（增加）仲裁请求申请书"
    assert all(re.search(r"[\u4e00-\u9fff]", t) for t in titles.values())
    by_kind = {k.kind: k for k in kinds}
    assert by_kind["enforcement_application"].group == GROUP_OF["enforcement_application"] == "执行"
    assert by_kind["arbitration_application"].representative_kind == \
        "collective_arbitration_application"
    assert by_kind["collective_arbitration_application"].variant_of == "arbitration_application"


@pytest.mark.parametrize("kind", available_kinds())
def test_every_kind_cites_its_legal_basis(kind: str) -> None:
    """Old kinds and new: a `::meta basis` header line naming the articles, and a comment
    tagging each citation [V] verified / [S] seen in a summary / [U] unverified."""
    template = load_template(kind)
    source = template.source.read_text(encoding="utf-8")
    header = source.splitlines()[:template.header_lines]
    (basis,) = [line for line in header if line.startswith("::meta basis ")]
    assert ARTICLE.search(basis) or "示范文本" in basis, kind
    assert "::meta basis" not in template.body, kind  # a header line, never printed
    comments = re.findall(r"\{#.*?#\}", source, flags=re.S)
    assert any(re.search(r"\[[VSU]", c) for c in comments), kind


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_kind_renders_clean_in_pdf_and_docx(rendered, case: str) -> None:
    for kind, doc in rendered[case].items():
        for fmt, text in (("pdf", "".join(doc.pages)), ("docx", doc.docx)):
            assert [x for x in LEFTOVERS if x in text] == [], (case, kind, fmt)
            assert "草稿" not in text, (case, kind, fmt)


def _signatures(doc: Rendered) -> list[str]:
    return [h for b in doc.blocks if b.kind == "sign" for h in b.header if h]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_closing_block_is_on_one_page(rendered, case: str) -> None:
    """此致, the addressee and every signature place on one page, and never a page holding
    only signatures."""
    for kind, doc in rendered[case].items():
        texts = [b.text for b in doc.blocks]
        pages = [_squash(p) for p in doc.pages]
        signs = [_squash(s) for s in _signatures(doc)]
        if "此致" in texts:
            addressee = _squash(texts[texts.index("此致") + 1])
            (page,) = [p for p in pages if "此致" in p]
            after = page[page.index("此致"):]
            assert addressee in after, (case, kind)
        else:
            page = pages[-1]
            after = page
        assert all(s in after for s in signs), (case, kind, [s for s in signs if s not in after])
        if signs:
            before = page[:page.index(signs[0])].split("页", 1)[-1]
            assert len(before) > 10, (case, kind)  # the page holds more than signatures


def _pages_text(rendered, case: str, kind: str) -> str:
    return "".join(rendered[case][kind].pages)


def test_one_application_names_both_respondents_with_a_copy_for_each(rendered) -> None:
    for kind, role in (("arbitration_application", "被申请人"), ("civil_complaint", "被告"),
                       ("civil_complaint_labour", "被告"), ("claim_change_application", "被申请人"),
                       ("enforcement_application", "被执行人"),
                       ("arbitration_withdrawal", "被申请人")):
        assert len(api.jobs(kind, CASES["two"], expand=True)) == 1, kind
        for text in (_pages_text(rendered, "two", kind), rendered["two"][kind].docx):
            assert f"{role}一" in text and f"{role}二" in text, kind
            assert PLATFORM_CODE in text and OUTSOURCER_CODE in text, kind
            if kind not in ("enforcement_application", "arbitration_withdrawal"):
                assert "副本二份" in text, kind


def test_the_payment_order_names_only_the_debtor(rendered) -> None:
    text = _pages_text(rendered, "two", "payment_order_application")
    assert PLATFORM_CODE in text and OUTSOURCER_CODE not in text  # the platform owes term 2
    assert "1,001.01" in text and "12,345.68" not in text
    jobs = api.jobs("payment_order_application", JOINT_THREE, expand=True)
    assert [j.context["respondent"]["name"] for j in jobs] == ["迅达即配科技有限公司"]
    assert str(jobs[0].context["payment_order_amount"]) == "17145.675"  # both riders' terms


def test_a_joint_application_gives_every_party_an_entry_and_a_signature(rendered) -> None:
    for kind in ("arbitration_review_application", "judicial_confirmation_application"):
        for case, people, bodies in (("joint", 2, 1), ("two", 1, 2),
                                     ("collective", WORKERS, 2)):
            signs = _signatures(rendered[case][kind])
            assert len(signs) == people + bodies, (case, kind)
            text = _squash(_pages_text(rendered, case, kind))
            assert text.count("（签名、捺印）") == people, (case, kind)
            assert text.count("法定代表人或主要负责人（签名）") == bodies, (case, kind)
            assert "双方" not in text, (case, kind)
        joint = _squash(_pages_text(rendered, "joint", kind))
        for label in ("申请人一：王小明", "申请人二：李秀英", "申请人三：迅达即配科技有限公司"):
            assert joint.count(label) == 2, (kind, label)  # its entry and its signature place


def test_a_collective_case_files_per_worker_with_each_workers_own_claims(tmp_path: Path) -> None:
    jobs = api.jobs("arbitration_application", COLLECTIVE_TWELVE, collective="worker")
    assert len(jobs) == WORKERS
    seventh = jobs[6].context
    assert seventh["applicant"]["name"] == "骑手07"
    assert [str(c["amount"]) for c in seventh["claims"] if c["amount"] is not None] == \
        ["3600", "5060"]
    text = "".join(p.extract_text() for p in PdfReader(api.render(
        "arbitration_application", COLLECTIVE_TWELVE, "pdf", tmp_path / "a.pdf",
        applicant=6).path).pages).replace("\n", "")
    assert "骑手07" in text and "骑手08" not in text
    assert "3,600.00" in text and "3,700.00" not in text  # not the next worker's pay
    assert "确认各申请人与被申请人" in text  # the claim every worker shares
    assert "被申请人一：迅达即配科技有限公司" in text and "副本二份" in text
    # The whole pack writes one application per worker, named and numbered.
    names = [j.stem for j in api.pack_jobs("arbitration", COLLECTIVE_TWELVE)
             if j.kind == "arbitration_application"]
    assert len(names) == WORKERS and names[0].endswith("001骑手01")


def test_a_collective_case_files_one_representatives_application(rendered) -> None:
    (job,) = api.jobs("arbitration_application", COLLECTIVE_TWELVE, collective="representative")
    assert job.kind == REPRESENTATIVE_KINDS["arbitration_application"]
    doc = rendered["collective"]["collective_arbitration_application"]
    text = _squash("".join(doc.pages))
    assert "骑手01等12名劳动者" in text
    for rep in ("代表人一：骑手01", "代表人二：骑手02", "代表人三：骑手03"):
        assert rep in text and rep in _squash(doc.docx)
    (table,) = [b for b in doc.blocks if b.kind == "table" and "签名（捺印）" in b.header]
    assert [r[1] for r in table.rows] == [f"骑手{i:02d}" for i in range(1, WORKERS + 1)]
    assert table.rows[6][3] == "确认劳动关系；劳动报酬3,600.00元；经济补偿5,060.00元"
    assert "人民币103,260.00元" in text  # 42,600 pay + 60,660 compensation
    assert "副本二份" in text and "被申请人二：绍兴众包人力外包服务有限公司" in text
    with pytest.raises(api.DocumentError, match="代表人"):
        api.jobs("civil_complaint", COLLECTIVE_TWELVE, collective="representative")


def test_the_element_style_complaint_follows_the_model_text(rendered) -> None:
    text = _squash("".join(rendered["two"]["civil_complaint_labour"].pages))
    for element in ("当事人信息", "诉讼请求", "1.是否主张工资支付", "是■否□明细：支付2026年9月",
                    "2.是否主张未签订书面劳动合同双倍工资", "3.是否主张加班费",
                    "4.是否主张未休年休假工资", "5.是否主张未依法缴纳社会保险费造成的经济损失",
                    "6.是否主张解除劳动合同经济补偿是■否□", "7.是否主张违法解除劳动合同赔偿金是□否■",
                    "8.是否主张诉讼费用", "9.其他诉讼请求确认申请人与被申请人", "10.标的总额",
                    "诉前保全", "事实与理由", "1.劳动合同签订情况", "2.劳动合同履行情况",
                    "3.解除或终止劳动关系情况", "4.工伤情况", "5.劳动仲裁相关情况",
                    AWARD_NO, "6.其他（如是否是农民工）", "7.诉请依据", "证据清单",
                    "对纠纷解决方式的意愿", "是否考虑先行调解", "具状人（签字、盖章）"):
        assert element in text, element
    answer = _squash("".join(rendered["two"]["civil_defence_labour"].pages))
    # The answer's element list (two reproductions of the model agree, see the template).
    for element in ("答辩人（法人、非法人组织）名称：迅达即配科技有限公司",
                    "答辩事项和依据（对原告诉讼请求的确认或者异议）",
                    "1.对工资支付诉请的确认和异议原告主张：", "确认□异议□事由：",
                    "2.对未签订书面劳动合同双倍工资诉请的确认和异议", "3.对加班费诉请的确认和异议",
                    "4.对未休年休假工资诉请的确认和异议",
                    "5.对未依法缴纳社会保险费造成的经济损失诉请的确认和异议",
                    "6.对解除劳动合同经济补偿诉请的确认和异议",
                    "7.对违法解除劳动合同赔偿金诉请的确认和异议原告未主张",
                    f"8.对劳动仲裁相关情况的确认和异议仲裁案号：{AWARD_NO}", "9.其他事由",
                    "10.答辩的依据（法律及司法解释的规定，要写明具体条文）", "11.证据清单",
                    "对纠纷解决方式的意愿", "答辩人（签字、盖章）"):
        assert element in answer, element
    assert answer.index("1.对工资支付") < answer.index("8.对劳动仲裁") < answer.index("11.证据清单")
    assert "对诉讼费用诉请" not in answer  # not an item of the answer's model


def test_the_other_new_kinds_say_what_their_forms_ask(rendered) -> None:
    def text(kind: str, case: str = "two") -> str:
        return _squash(_pages_text(rendered, case, kind))

    assert "请求撤销绍兴市越城区劳动人事争议仲裁委员会作出的" + AWARD_NO in text(
        "award_revocation_application")
    assert "绍兴市中级人民法院" in text("award_revocation_application")
    assert "申请人：迅达即配科技有限公司" in text("award_revocation_application")
    assert "2026年12月10日开庭" in text("hearing_postponement_application")
    assert "开庭三日前" in text("hearing_postponement_application")
    assert "文书号" + AWARD_NO in text("enforcement_application")
    enforcement = text("enforcement_application")
    for element in ("申请执行人收款账户", "户名王小明", "开户银行中国工商银行绍兴越城支行",
                    "账号6222020000001234567", "申请执行标的12,345.68元", "被执行人财产线索",
                    "开户银行中国建设银行绍兴分行营业部", "账号33050161000000000888",
                    "其他财产线索被执行人名下车辆浙D·12345", "生效日期2026年12月10日",
                    "申请执行的事实和理由"):
        assert element in enforcement, element
    assert "第五十一条" in text("enforcement_application")
    assert "李建国在我单位任执行董事职务" in text("legal_representative_certificate")
    visit = text("performance_visit_record")
    assert "绍兴众包人力外包服务有限公司" in visit and "未履行" in visit
    assert "2026年11月28日" in visit and "第十六条" in visit
    assert "2026年11月2日收到" in text("application_receipt")
    assert "答辩人与申请人之间不存在劳动关系" in text("arbitration_defence")
    assert "答辩书副本一份" in text("arbitration_defence")
    assert "撤回全部仲裁申请" in text("arbitration_withdrawal")
    assert "第四十四条" in text("claim_change_application")


@pytest.mark.parametrize("kind", NEW_KINDS)
def test_a_bare_case_lists_what_is_missing_or_gives_a_draft(kind: str, tmp_path: Path) -> None:
    from datetime import date

    from app.documents.data import CaseData, OrganisationData

    bare = CaseData("越企调〔2026〕0099号", OrganisationData("某调解委员会"),
                    received_on=date(2026, 11, 2), today=date(2026, 11, 23))
    missing = api.check_required(kind, bare)
    assert missing and all(m.label for m in missing)
    with pytest.raises(render.MissingData) as caught:
        api.render(kind, bare, "pdf", tmp_path / "final.pdf")
    assert "（" in caught.value.message and "." not in caught.value.message.split("\n", 1)[1]
    assert list(tmp_path.iterdir()) == []
    draft = api.render(kind, bare, "pdf", tmp_path / "draft.pdf", draft=True)
    text = "".join(p.extract_text() for p in PdfReader(draft.path).pages).replace("\n", "")
    assert f"【待填写：{missing[0].label}】" in text and "草稿" in text


def test_the_old_citations_checked_against_the_law_text(rendered) -> None:
    """人民调解法 arts 23-24 (the rights and duties the notice lists), art 27 (records and the
    case file), 办案规则 art 23 and 民诉法 art 206 were read and are tagged [V]; what could not
    be found stays [U] and says it was searched."""
    def comments(kind: str) -> str:
        source = load_template(kind).source.read_text(encoding="utf-8")
        return " ".join(re.findall(r"\{#.*?#\}", source, flags=re.S))

    for kind in ("file_cover", "file_index", "mediation_record"):
        assert re.search(r"人民调解法 art 27 \([^)]*\) \[V", comments(kind)), kind
        assert "number recalled" not in comments(kind), kind
    assert "企业规定 art 28" in comments("file_cover") and "searched" in comments("file_cover")
    assert "[U: numbers recalled" not in comments("rights_notice")
    assert "办案规则 art 23" in comments("service_receipt") and "[U]" not in comments(
        "service_receipt")
    assert "民诉法 art 206" in comments("judicial_confirmation_application")
    notice = _squash(_pages_text(rendered, "two", "rights_notice"))
    for item in ("选择或者接受调解员", "接受、拒绝或者要求终止调解",  # art 23(一)(二)
                 "要求调解公开进行或者不公开进行", "如实陈述纠纷事实",  # art 23(三), art 24(一)
                 "遵守调解秩序，尊重调解员和对方当事人行使权利"):  # art 24(二)(三)
        assert item in notice, item
    assert [len(rendered[c]["rights_notice"].pages) for c in sorted(CASES)] == [1, 1, 1]  # fits
    assert "法〔2024〕46号" in load_template("civil_defence_labour").source.read_text(
        encoding="utf-8").splitlines()[3]


def test_a_comment_over_several_header_lines_is_never_printed(tmp_path: Path) -> None:
    """A {# … #} note on the legal basis may run over lines between the ::meta and ::require
    lines (as the template editor lets an administrator write it): still header, not text."""
    from app.documents.templates import parse_template

    text = ("::meta title 试验\n::meta version 1\n{# Basis: first line\n   second line [V]\n"
            "   third #}\n::require case.case_no 案号\n{# one more\n #}\n正文{{ case.case_no }}\n")
    template = parse_template("trial", text, tmp_path / "trial.tpl")
    assert template.body.strip() == "正文{{ case.case_no }}"
    assert [f.path for f in template.required] == ["case.case_no"] and template.header_lines == 8
