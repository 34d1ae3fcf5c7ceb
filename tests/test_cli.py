"""The command line end to end, through the same services as the GUI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.bootstrap import open_services
from app.cli.main import main
from app.config import AppConfig
from app.services.cases.dto import CaseQuery
from tests.conftest import TODAY


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "d"
    assert run(capsys, "--data-dir", str(data), "demo", "--cases", "200", "--seed", "1")[0] == 0
    return data


def test_demo_then_cases_json_lists_200(demo_dir: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "cases", "--json")
    listing = json.loads(out)
    assert code == 0 and listing["total"] == 200 and len(listing["cases"]) == 200
    assert set(listing["cases"][0]) == {"case_no", "received_on", "applicants", "respondents",
                                        "city", "occupation", "platform", "category", "stage",
                                        "status", "collective", "summary"}
    cities = {c["city"] for c in listing["cases"]}
    assert cities == {"乌鲁木齐市", "西宁市", "某市", "淄博市", "绍兴市"}


def test_demo_is_deterministic_per_seed(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        run(capsys, "--data-dir", str(tmp_path / name), "demo", "--cases", "30", "--seed", seed)
        listing = json.loads(run(capsys, "--data-dir", str(tmp_path / name), "cases",
                                 "--json")[1])
        outputs.append(listing["cases"])
    assert outputs[0] == outputs[1]
    assert outputs[0] != outputs[2]


def test_export_import_round_trip(demo_dir: Path, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    listing = json.loads(run(capsys, "--data-dir", str(demo_dir), "cases", "--json")[1])
    case_no = listing["cases"][0]["case_no"]
    exported = tmp_path / "case.json"
    assert run(capsys, "--data-dir", str(demo_dir), "export", case_no, "-o", str(exported))[0] == 0
    other = tmp_path / "other"
    code, out, _ = run(capsys, "--data-dir", str(other), "import", str(exported))
    assert code == 0 and "已导入" in out
    shown = json.loads(run(capsys, "--data-dir", str(other), "show", case_no, "--json")[1])
    assert shown == json.loads(exported.read_text(encoding="utf-8"))
    code, out, _ = run(capsys, "--data-dir", str(other), "import", str(exported))
    assert code == 0 and "未做任何改动" in out
    count = json.loads(run(capsys, "--data-dir", str(other), "cases", "--json")[1])["total"]
    assert count == 1


def test_check_exit_codes(demo_dir: Path, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--data-dir", str(demo_dir), "check")[0] == 0
    services = open_services(AppConfig(data_dir=demo_dir), today=lambda: TODAY)
    case_no = services.cases.list_cases(CaseQuery(limit=1)).rows[0].case_no
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG evidence")
    services.records.add_evidence(case_no, "现场照片", file_path=scan)
    services.close()
    assert run(capsys, "--data-dir", str(demo_dir), "check")[0] == 0
    stored = next(p for p in (demo_dir / "files").rglob("*") if p.is_file())
    stored.write_bytes(b"altered")
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "check")
    assert code == 1 and "哈希不符" in err


@pytest.mark.parametrize("args, fragment", [
    (["show", "不存在〔2026〕1号"], "找不到案号"),
    (["export", "不存在〔2026〕1号", "-o", "x.json"], "找不到案号"),
    (["demo", "--cases", "0"], "--cases"),
    (["cases", "--limit", "-1"], "--limit"),
    (["import", "missing.json"], "找不到文件"),
])
def test_bad_input_gives_chinese_error_and_exit_1(
        demo_dir: Path, capsys: pytest.CaptureFixture[str], args: list[str],
        fragment: str) -> None:
    before = json.loads(run(capsys, "--data-dir", str(demo_dir), "cases", "--json")[1])
    code, out, err = run(capsys, "--data-dir", str(demo_dir), *args)
    assert code == 1 and out == ""
    assert err.startswith("错误：") and fragment in err
    assert json.loads(run(capsys, "--data-dir", str(demo_dir), "cases", "--json")[1]) == before


def test_import_of_invalid_case_changes_nothing(demo_dir: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    listing = json.loads(run(capsys, "--data-dir", str(demo_dir), "cases", "--json")[1])
    case_no = listing["cases"][0]["case_no"]
    path = tmp_path / "c.json"
    run(capsys, "--data-dir", str(demo_dir), "export", case_no, "-o", str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    data["parties"][0]["id_number"] = "110105194912310021"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = run(capsys, "--data-dir", str(demo_dir), "show", case_no, "--json")[1]
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "import", str(path))
    assert code == 1 and "校验位" in err
    assert run(capsys, "--data-dir", str(demo_dir), "show", case_no, "--json")[1] == before


def test_import_replaces_only_when_asked(demo_dir: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = ("--data-dir", str(demo_dir))
    case_no = json.loads(run(capsys, *data_dir, "cases", "--json")[1])["cases"][0]["case_no"]
    original, changed = tmp_path / "original.json", tmp_path / "changed.json"
    run(capsys, *data_dir, "export", case_no, "-o", str(original))
    document = json.loads(original.read_text(encoding="utf-8"))
    document["parties"][0]["phone"] = "13911112222"
    changed.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    shown = run(capsys, *data_dir, "show", case_no, "--json")[1]

    code, out, err = run(capsys, *data_dir, "import", str(changed))
    assert (code, out) == (1, "") and err.startswith("错误：")
    assert f"当事人“{document['parties'][0]['name']}”的电话不同" in err and "--replace" in err
    assert run(capsys, *data_dir, "show", case_no, "--json")[1] == shown

    code, out, _ = run(capsys, *data_dir, "import", str(changed), "--replace")
    assert code == 0 and f"已用文件内容替换案件 {case_no}" in out
    code, out, _ = run(capsys, *data_dir, "import", str(changed))
    assert code == 0 and "与文件内容完全相同，未做任何改动" in out
    shown = run(capsys, *data_dir, "show", case_no, "--json")[1]

    for args, fragment in ((["--replace"], "--replace --allow-older"),
                           (["--allow-older"], "--allow-older 须与 --replace 一起使用")):
        code, out, err = run(capsys, *data_dir, "import", str(original), *args)
        assert (code, out) == (1, "") and fragment in err and "Traceback" not in err
    assert run(capsys, *data_dir, "show", case_no, "--json")[1] == shown
    code, out, _ = run(capsys, *data_dir, "import", str(original), "--replace", "--allow-older")
    assert code == 0 and "已用文件内容替换" in out


def test_bundle_import_says_when_nothing_changed(demo_dir: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = ("--data-dir", str(demo_dir))
    case_no = json.loads(run(capsys, *data_dir, "cases", "--json")[1])["cases"][0]["case_no"]
    bundle = tmp_path / "case.zip"
    assert run(capsys, *data_dir, "bundle-export", case_no, "-o", str(bundle))[0] == 0
    code, out, _ = run(capsys, *data_dir, "bundle-import", str(bundle), "--replace")
    assert code == 0 and f"案件 {case_no} 已存在且与文件内容完全相同" in out
    other = ("--data-dir", str(tmp_path / "other"))
    code, out, _ = run(capsys, *other, "bundle-import", str(bundle))
    assert code == 0 and f"已导入案件 {case_no}（证据文件" in out


def test_wrong_usage_exits_2_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["no-such-command"])
    assert caught.value.code == 2
    assert "命令行参数有误" in capsys.readouterr().err


def test_console_script_without_display_says_so(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path)],
                            capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 3
    assert result.stderr.strip().count("\n") == 0 and "未检测到图形显示环境" in result.stderr
    assert "Traceback" not in result.stderr


def test_init_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "已升级" in run(capsys, "--data-dir", str(tmp_path), "init")[1]
    assert "已是最新结构" in run(capsys, "--data-dir", str(tmp_path), "init")[1]


def test_accounts_through_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    data = str(tmp_path / "acc")
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", "secret-pass-1")
    assert run(capsys, "--data-dir", data, "user", "add", "boss", "--role", "administrator")[0] == 0
    code, _, err = run(capsys, "--data-dir", data, "demo", "--cases", "2")
    assert code == 1 and "--user" in err  # accounts exist: anonymous use is refused
    assert run(capsys, "--data-dir", data, "--user", "boss", "user", "add", "viewer",
               "--role", "read_only")[0] == 0
    assert run(capsys, "--data-dir", data, "--user", "boss", "demo", "--cases", "2")[0] == 0
    code, _, err = run(capsys, "--data-dir", data, "--user", "viewer", "demo", "--cases", "2")
    assert code == 1 and "无权" in err
    listing = json.loads(run(capsys, "--data-dir", data, "--user", "viewer", "cases", "--json")[1])
    assert listing["total"] == 2
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", "wrong-password")
    code, _, err = run(capsys, "--data-dir", data, "--user", "viewer", "cases")
    assert code == 1 and "用户名或密码不正确" in err
