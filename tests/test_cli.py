"""The command line end to end, through the same services as the GUI."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
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


def test_init_runs_every_day_once_accounts_exist(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """`make run` calls init before opening the window, also on day 2: no sign-in needed for
    it, while every other command still asks who is working."""
    data = str(tmp_path / "office")
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", "secret-pass-1")
    assert run(capsys, "--data-dir", data, "init")[0] == 0
    assert run(capsys, "--data-dir", data, "user", "add", "admin", "--role",
               "administrator")[0] == 0
    monkeypatch.delenv("MEDIATION_DESK_PASSWORD")
    for _day in (2, 3):
        code, out, err = run(capsys, "--data-dir", data, "init")
        assert code == 0 and err == "" and "已有用户账户，打开程序后请登录" in out
    code, _, err = run(capsys, "--data-dir", data, "cases")
    assert code == 1 and "已启用用户账户" in err


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


@pytest.fixture
def on_1_december(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI opens its services with this clock (the day the 2027 notice is still awaited)."""
    import functools

    import app.bootstrap  # the CLI imports open_services from here when a command runs

    monkeypatch.setattr(app.bootstrap, "open_services",
                        functools.partial(open_services, today=lambda: date(2026, 12, 1)))


def test_deadline_holidays_2027_plain_and_json(sqlite_config: AppConfig, on_1_december: None,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    # 全国年节及纪念日放假办法 art 2: the fixed days are known before the State Council's notice.
    data = str(sqlite_config.data_dir)
    code, out, err = run(capsys, "--data-dir", data, "deadline", "--holidays", "2027")
    assert code == 0 and err == ""
    assert "春节：2027年02月05日 至 2027年02月08日（4天）" in out
    assert "元旦：2027年01月01日（星期五）" in out and "第二条第（一）项" in out
    assert "注意：2027年无官方节假日数据" in out and "提醒：2027年的放假安排尚未录入" in out
    code, out, err = run(capsys, "--data-dir", data, "deadline", "--holidays", "2029", "--json")
    listed = json.loads(out)  # the reminder goes to stderr, the JSON stays clean
    assert code == 0 and listed["year"] == 2029 and listed["official"] is False
    assert [d["date"] for d in listed["days"] if d["name"] == "中秋节"] == ["2029-09-22"]
    assert listed["warnings"] and "提醒：2027年" in err


def test_deadline_five_days_into_new_year_2027(sqlite_config: AppConfig, on_1_december: None,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    # 调解仲裁法 art 29, 5 days: 2027-01-01 is 元旦 (放假办法 art 2(一)) → weekend → Monday.
    code, out, _ = run(capsys, "--data-dir", str(sqlite_config.data_dir), "deadline", "arbitration.accept",
                       "--from", "2026-12-27", "--json")
    result = json.loads(out)
    assert code == 0 and result["due"] == "2027-01-04" and result["warnings"]


def test_deadline_limitation_steps(sqlite_config: AppConfig, on_1_december: None,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    # 调解仲裁法 art 27 ¶2: the interruption on 2026-10-08, the end moved off National Day
    # (民法典 art 203), restarts the year; ¶3: 31 days suspended are added.
    args = ("--data-dir", str(sqlite_config.data_dir), "deadline", "limitation", "--from", "2025-10-01",
            "--interrupted", "2026-10-08", "--suspended", "2027-01-01..2027-02-01")
    code, out, _ = run(capsys, *args)
    lines = out.splitlines()
    assert code == 0 and lines[0] == ("仲裁时效：最迟应于 2027年11月08日 申请仲裁。"
                                      "依据：《劳动争议调解仲裁法》第二十七条")
    assert lines[1].startswith("  1. ") and lines[1].endswith("（第二十七条第一款）")
    assert lines[2].endswith("（第二十七条第二款）") and lines[3].endswith("（第二十七条第三款）")
    assert any(line.startswith("注意：2027年") for line in lines)
    code, out, _ = run(capsys, *args, "--json")
    result = json.loads(out)
    assert code == 0 and result["due"] == "2027-11-08" and len(result["steps"]) == 4
    assert result["interrupted"] == ["2026-10-08"]
    assert result["suspended"] == [{"from": "2027-01-01", "to": "2027-02-01"}]


@pytest.mark.parametrize("extra, fragment", [
    (("--from", "2025-10-01", "--suspended", "2026-03-01..2026-02-01"), "结束日2026年02月01日早于开始日"),
    (("--from", "2025-10-01", "--interrupted", "2025-09-30"), "早于起算日"),
    (("--from", "2025-13-01"), "“2025-13-01”无法识别"),
    (("--from", "2025-10-01", "--interrupted", "明天"), "“明天”无法识别"),
    (("--from", "2025-10-01", "--suspended", "2026-03-01"), "应写作 开始日..结束日"),
    (("--from", "2025-10-01", "--suspended", "2026-03-01..2026-02-30"), "无法识别"),
    ((), "请用 --from"),
])
def test_deadline_limitation_bad_input_is_one_chinese_line(
        sqlite_config: AppConfig, on_1_december: None, capsys: pytest.CaptureFixture[str],
        extra: tuple[str, ...], fragment: str) -> None:
    for json_flag in ((), ("--json",)):
        code, out, err = run(capsys, "--data-dir", str(sqlite_config.data_dir), "deadline", "limitation",
                             *extra, *json_flag)
        assert (code, out) == (2, "") and err.count("\n") == 1, err
        assert err.startswith("错误：") and fragment in err


@pytest.mark.parametrize("args, fragment", [
    (("--holidays", "明年"), "应为年份"), (("--holidays", "2101"), "2004到2100"),
    (("arbitration.accept", "--from", "2026-12-27", "--interrupted", "2027-01-01"), "只用于"),
    (("arbitration.accept", "--holidays", "2027"), "不能与"),
])
def test_deadline_other_bad_input(sqlite_config: AppConfig, capsys: pytest.CaptureFixture[str],
                                  args: tuple[str, ...], fragment: str) -> None:
    code, out, err = run(capsys, "--data-dir", str(sqlite_config.data_dir), "deadline", *args)
    assert (code, out) == (2, "") and err.count("\n") == 1 and fragment in err


def test_deadline_output_survives_a_gbk_console(sqlite_config: AppConfig, on_1_december: None,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    # Redirected output on Windows uses the ANSI code page (GBK): every character must fit.
    data = str(sqlite_config.data_dir)
    for args in (("deadline", "--holidays", "2028"), ("deadline", "--holidays", "2026"),
                 ("deadline", "limitation", "--from", "2025-10-01", "--interrupted", "2026-10-08"),
                 ("deadline", "limitation", "--from", "2025-10-01", "--suspended", "2026-03-01.."),
                 ("deadline", "limitation", "--from", "2025-10-01", "--interrupted", "x"),
                 ("deadline", "arbitration.accept", "--from", "2026-12-27")):
        code, out, err = run(capsys, "--data-dir", data, *args)
        assert code in (0, 2) and out + err
        (out + err).encode("gbk")  # raises UnicodeEncodeError otherwise


def test_an_unexpected_error_is_one_chinese_line_and_a_logged_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.cli import main as cli_main

    def broken(_services: object, _args: object) -> int:
        raise KeyError("330602199003071236")  # e.g. a bug reading a party's record

    monkeypatch.setitem(cli_main.COMMANDS, "cases", broken)
    code, out, err = run(capsys, "--data-dir", str(tmp_path), "cases")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert err.startswith("错误：程序遇到意外错误") and "Traceback" not in err
    assert "330602199003071236" not in err  # the user sees no data from the failure
    log = tmp_path / "logs" / "mediation-desk.log"
    assert str(log) in err
    logged = log.read_text(encoding="utf-8")
    assert "命令 cases 意外出错" in logged and "Traceback" in logged and "KeyError" in logged


def test_a_gbk_console_never_crashes_on_a_name(tmp_path: Path) -> None:
    """A Chinese Windows console is GBK; 𠮷 (an extension-B character) is not in GBK."""
    env = {**__import__("os").environ, "PYTHONIOENCODING": "gbk"}
    result = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path), "show",
                             "𠮷调〔2026〕0001号"], capture_output=True, env=env, timeout=60)
    assert result.returncode == 1
    err = result.stderr.decode("gbk")
    assert "找不到" in err and "?调〔2026〕0001号" in err and "Traceback" not in err


def test_backup_restore_and_bundle_export_by_role(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only user may not back up or restore; their bundle carries masked numbers; a
    backup that had to leave a damaged file out says so and exits 1."""
    data = str(tmp_path / "roles")
    monkeypatch.setenv("MEDIATION_DESK_PASSWORD", "secret-pass-1")
    assert run(capsys, "--data-dir", data, "user", "add", "boss", "--role", "administrator")[0] == 0
    assert run(capsys, "--data-dir", data, "--user", "boss", "user", "add", "viewer",
               "--role", "read_only")[0] == 0
    assert run(capsys, "--data-dir", data, "--user", "boss", "demo", "--cases", "2")[0] == 0
    listing = json.loads(run(capsys, "--data-dir", data, "--user", "viewer", "cases", "--json")[1])
    case_no = listing["cases"][0]["case_no"]
    code, _, err = run(capsys, "--data-dir", data, "--user", "viewer", "backup",
                       "-o", str(tmp_path / "v.zip"))
    assert code == 1 and "无权" in err and not (tmp_path / "v.zip").exists()
    assert run(capsys, "--data-dir", data, "--user", "boss", "backup",
               "-o", str(tmp_path / "b.zip"))[0] == 0
    code, _, err = run(capsys, "--data-dir", data, "--user", "viewer", "restore",
                       str(tmp_path / "b.zip"))
    assert code == 1 and "无权" in err
    code, _, err = run(capsys, "--data-dir", data, "--user", "viewer", "user", "set-role",
                       "viewer", "--role", "administrator")
    assert code == 1 and "无权" in err
    code, _, err = run(capsys, "--data-dir", data, "--user", "boss", "user", "set-role", "viewer")
    assert code == 1 and "--role" in err

    def id_numbers(bundle: Path) -> list[str]:
        import zipfile

        with zipfile.ZipFile(bundle) as zf:
            document = json.loads(zf.read("case.json"))
        return [p["id_number"] for p in document["parties"] if p.get("id_number")]

    code, out, _ = run(capsys, "--data-dir", data, "--user", "viewer", "bundle-export", case_no,
                       "-o", str(tmp_path / "viewer.zip"))
    assert code == 0 and "已遮盖" in out
    assert id_numbers(tmp_path / "viewer.zip") and all("****" in n
                                                       for n in id_numbers(tmp_path / "viewer.zip"))
    code, out, _ = run(capsys, "--data-dir", data, "--user", "boss", "bundle-export", case_no,
                       "-o", str(tmp_path / "boss.zip"))
    assert code == 0 and "已遮盖" not in out
    assert not any("*" in n for n in id_numbers(tmp_path / "boss.zip"))

    services = open_services(AppConfig(data_dir=Path(data)), today=lambda: TODAY)
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG evidence")
    services.records.add_evidence(case_no, "现场照片", file_path=scan)
    services.close()
    stored = next(p for p in (Path(data) / "files").rglob("*") if p.is_file())
    stored.write_bytes(b"altered")
    code, out, err = run(capsys, "--data-dir", data, "--user", "boss", "backup",
                         "-o", str(tmp_path / "damaged.zip"))
    assert code == 1 and "已备份到" in out and stored.name[:12] in err and "已损坏" in err
    assert (tmp_path / "damaged.zip").is_file()
    code, out, err = run(capsys, "--data-dir", data, "--user", "boss", "restore",
                         str(tmp_path / "damaged.zip"))
    assert code == 1 and "已从" in out and stored.name[:12] in err
    assert "Traceback" not in out + err
