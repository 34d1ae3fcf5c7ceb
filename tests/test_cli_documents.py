"""`render --list` from the one table of kinds, by stage; a collective case's applications per
worker or by its representatives; the texts a filing needs given with --set."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.bootstrap import open_services
from app.cli.main import main
from app.config import AppConfig
from app.documents.packs import GROUPS
from app.services.cases.dto import ClaimInput
from tests.conftest import TODAY
from tests.factories import case_input, platform, worker
from tests.services.documents.test_new_kinds import _valid_id


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_render_list_is_the_one_table_by_stage(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "d")
    code, out, _ = run(capsys, "--data-dir", data, "render", "--list")
    assert code == 0
    services = open_services(AppConfig(data_dir=Path(data)), today=lambda: TODAY)
    kinds = services.documents.kinds()
    services.close()
    lines = out.splitlines()
    assert [ln.strip("【】") for ln in lines if ln.startswith("【")] == [g for g, _ in GROUPS]
    listed = [ln.split(maxsplit=1) for ln in lines if ln.startswith("  ")]
    assert [kind for kind, _ in listed] == [k.kind for k in kinds]  # the service's order
    assert all(rest.startswith(k.title) for (_, rest), k in zip(listed, kinds, strict=True))
    assert "民事起诉状（劳动争议纠纷）" in out and "强制执行申请书" in out
    assert "--collective representative" in out


def test_render_a_collective_case_per_worker_or_by_representatives(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    services = open_services(AppConfig(data_dir=data), today=lambda: TODAY)
    workers = [worker(f"骑手{n:02d}", _valid_id(n), birth_date=date(1990, 3, 7))
               for n in range(1, 13)]
    claims = [ClaimInput("wages", f"支付骑手{i + 1:02d}的劳动报酬", str(3000 + 100 * i),
                         party_index=i) for i in range(12)]
    case_no = services.cases.create_case(case_input(
        parties=workers + [platform()], claims=claims, collective=True,
        representatives="骑手01", facts="十二名骑手被拖欠十月报酬。")).case_no
    services.close()
    base = ("--data-dir", str(data), "render", case_no, "arbitration_application")
    code, out, _ = run(capsys, *base, "-o", str(tmp_path / "each"), "--collective", "worker")
    assert code == 0 and out.count("已生成") == 12
    assert len(list((tmp_path / "each").glob("*.pdf"))) == 12
    code, out, _ = run(capsys, *base, "-o", str(tmp_path / "rep.pdf"),
                       "--collective", "representative")
    assert code == 0 and out.count("已生成") == 1 and (tmp_path / "rep.pdf").is_file()
    assert "劳动人事争议仲裁申请书（集体争议·代表人）" in out
    code, _, err = run(capsys, "--data-dir", str(data), "render", case_no, "civil_complaint",
                       "-o", str(tmp_path / "c.pdf"), "--collective", "representative")
    assert code != 0 and "代表人" in err and "Traceback" not in err
    assert not (tmp_path / "c.pdf").exists()
    # A filing's texts are typed with --set; without them nothing is written.
    post = ("--data-dir", str(data), "render", case_no, "hearing_postponement_application",
            "-o", str(tmp_path / "p.pdf"))
    code, _, err = run(capsys, *post)
    assert code != 0 and "原定开庭日期（生成文书前的补充内容）" in err
    assert not (tmp_path / "p.pdf").exists()
