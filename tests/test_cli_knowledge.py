"""policies and worktime through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_policies_search_and_filters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "d")
    code, out, _ = run(capsys, "--data-dir", data, "policies", "--search", "休息", "--city", "绍兴",
                       "--json")
    hits = json.loads(out)
    assert code == 0 and hits and all("绍兴" in h["policy_title"] for h in hits)
    assert any("第三部分第（十一）项" in h["citation"] for h in hits)
    code, out, _ = run(capsys, "--data-dir", data, "policies", "--search", "押金", "--json")
    assert {h["policy_id"] for h in json.loads(out)} >= {"000", "001", "004"}
    code, _, err = run(capsys, "--data-dir", data, "policies", "--topic", "nonsense")
    assert code == 1 and "没有“nonsense”这个主题" in err


def test_worktime_reports_spans_violations_and_bad_rows(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    orders = tmp_path / "orders.csv"
    orders.write_text("订单号,接单时间,送达时间,平台\n"
                      "A1,2026-11-01 08:00,2026-11-01 10:30,迅达\n"
                      "A2,2026-11-01 10:35,2026-11-01 12:40,迅达\n"
                      "A3,2026-11-01 12:45,2026-11-01 13:10,迅达\n"
                      "bad,xx,yy,迅达\n", encoding="gbk")
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "worktime", str(orders),
                       "--city", "绍兴", "--json")
    report = json.loads(out)
    assert code == 0 and report["orders"] == 3 and report["total_hours"] == "5.17"
    assert len(report["rest_violations"]) == 1 and report["problems"] == [
        "第5行：接单时间“xx”无法识别为日期时间"]
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "worktime", str(orders),
                       "--city", "淄博", "--json")
    assert json.loads(out)["rest_rule"] is None  # 淄博 has no such rule: nothing borrowed


def test_rights_of_a_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.bootstrap import open_services
    from app.config import AppConfig
    from tests.conftest import TODAY
    from tests.factories import case_input

    data = tmp_path / "d"
    services = open_services(AppConfig(data_dir=data), today=lambda: TODAY)
    case_no = services.cases.create_case(case_input(category="2")).case_no
    services.rights.save_answers(case_no, {"deposit_amount": "500"})
    services.close()
    code, out, _ = run(capsys, "--data-dir", str(data), "rights", case_no, "--json")
    report = json.loads(out)
    assert code == 0 and report["jurisdiction"] == "绍兴市"
    deposits = next(f for f in report["findings"] if f["right"] == "deposits")
    assert deposits["status"] == "breach" and deposits["claim_amount"] == "500.00"
    code, out, _ = run(capsys, "--data-dir", str(data), "rights", case_no)
    assert code == 0 and "【违反】不得收取押金、保证金" in out and "依据：《" in out
    code, _, err = run(capsys, "--data-dir", str(data), "rights", "无此案")
    assert code == 1 and "找不到案号" in err


def test_policy_import_then_search_and_refusal(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from tests.policy_samples import local_policy, write_policy

    data = str(tmp_path / "d")
    good = write_policy(tmp_path, local_policy())
    code, out, _ = run(capsys, "--data-dir", data, "policy-import", str(good))
    assert code == 0 and "已导入政策《杭州市某区骑手权益保障办法》（编号 local-hz-1，杭州市，2 条" in out
    code, out, _ = run(capsys, "--data-dir", data, "policies", "--search", "歇脚", "--json")
    assert [h["policy_id"] for h in json.loads(out)] == ["local-hz-1"]
    bad = write_policy(tmp_path, {**local_policy("other"), "articles": []}, "bad.json")
    code, out, err = run(capsys, "--data-dir", data, "policy-import", str(bad))
    assert code == 1 and "政策文件“bad.json”有误：没有任何条目" in err
    # the refused file stored nothing: the first import and its importer record only
    assert sorted(p.name for p in (tmp_path / "d" / "policies").iterdir()) == [
        "imports.index", "local-hz-1.json"]
    index = json.loads((tmp_path / "d" / "policies" / "imports.index").read_text("utf-8"))
    assert list(index) == ["local-hz-1"]
    code, out, _ = run(capsys, "--data-dir", data, "policies", "--search", "休息", "--status",
                       "draft", "--json")
    assert code == 0 and {h["policy_id"] for h in json.loads(out)} == {"000"}
