"""The command line: `render --filing-date/--forum` and `forum list/add/edit/delete/propose`,
each bad input one Chinese line and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.bootstrap import Services
from app.cli.main import main
from tests.documents.test_filings import build_two_respondents


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_render_with_a_filing_date(sqlite_services: Services, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    case_no = build_two_respondents(sqlite_services)
    data = ["--data-dir", str(sqlite_services.ctx.config.data_dir)]
    target = tmp_path / "c.pdf"
    render = [*data, "render", case_no, "judicial_confirmation_application", "-o", str(target)]
    code, out, err = run(capsys, *render, "--filing-date", "2026-11-05")
    assert code == 1 and "早于调解协议生效之日" in err and not target.exists()
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    code, out, err = run(capsys, *render, "--filing-date", "2026/11/20")
    assert code == 1 and "请写作 年-月-日" in err and not target.exists()
    code, out, err = run(capsys, *render, "--filing-date", "2026-11-20", "--forum",
                         "绍兴市柯桥区人民法院")
    assert code == 0 and "已生成" in out and target.exists()
    code, out, _ = run(capsys, *data, "forum", "propose", case_no, "payment_order_application")
    assert code == 0 and out.startswith("绍兴市柯桥区人民法院") and "第二百二十五条" in out
    sqlite_services.records.add_filing(case_no, "arbitration", forum="绍兴市劳动人事争议仲裁委员会",
                                       external_no="绍劳人仲案字〔2026〕第9号")
    code, out, _ = run(capsys, *data, "forum", "propose", case_no, "enforcement_application")
    assert code == 0 and out.startswith("绍兴市越城区人民法院") and "第二百三十五条第二款" in out
    assert "绍兴市柯桥区人民法院" in out  # the other respondent's court, offered


def test_forum_list_add_edit_delete(sqlite_services: Services,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data-dir", str(sqlite_services.ctx.config.data_dir)]
    code, out, _ = run(capsys, *data, "forum", "list", "--city", "淄博")
    assert code == 0 and "淄博市张店区人民法院" in out and "未核实" in out
    assert "绍兴" not in out
    code, _, err = run(capsys, *data, "forum", "add", "--kind", "basic_court", "--name",
                       "张店区法院", "--city", "淄博市")
    assert code == 1 and "全称" in err and "区县" in err
    code, out, _ = run(capsys, *data, "forum", "add", "--kind", "basic_court", "--name",
                       "淄博高新技术产业开发区人民法院", "--city", "淄博市", "--district", "高新区")
    assert code == 0 and "已保存" in out
    forum_id = out.split("受理机关 ")[1].split("：")[0]
    code, out, _ = run(capsys, *data, "forum", "edit", forum_id, "--address", "淄博市高新区某路1号",
                       "--verified")
    assert code == 0
    code, out, _ = run(capsys, *data, "forum", "list", "--city", "淄博市")
    line = next(x for x in out.splitlines() if "高新技术" in x)
    assert "淄博市高新区某路1号" in line and line.endswith("已核实")
    assert run(capsys, *data, "forum", "delete", forum_id)[0] == 0
    assert "高新技术" not in run(capsys, *data, "forum", "list")[1]
    code, _, err = run(capsys, *data, "forum", "delete", "abc")
    assert code == 1 and "编号" in err
