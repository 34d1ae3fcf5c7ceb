"""Policy ids become file names: reserved or over-long ones are refused and nothing is stored;
an imported policy is shown as the organisation's own, with who imported it and when."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from app.bootstrap import Services
from app.cli.main import main
from app.services.knowledge.knowledge_service import KnowledgeService
from app.services.knowledge.policy_store import PolicyFileRefused
from tests.policy_samples import local_policy, write_policy


@pytest.mark.parametrize(("policy_id", "why"), [
    ("CON", "Windows 保留的设备名"), ("aux", "Windows 保留的设备名"), ("nul", "Windows 保留的设备名"),
    ("COM1", "Windows 保留的设备名"), ("lpt3", "Windows 保留的设备名"),
    ("政" * 65, "过长（65 个字符"), ("a" * 300, "过长（300 个字符"),
])
def test_reserved_or_overlong_policy_ids_are_refused(sqlite_services: Services, tmp_path: Path,
                                                     policy_id: str, why: str) -> None:
    before = [p.id for p in sqlite_services.knowledge.policies()]
    source = write_policy(tmp_path, local_policy(policy_id))
    with pytest.raises(PolicyFileRefused, match=why) as caught:
        sqlite_services.knowledge.import_policy(source)
    assert "未保存任何内容" in caught.value.message
    assert not (sqlite_services.ctx.config.data_dir / "policies").exists()
    assert [p.id for p in KnowledgeService(sqlite_services.ctx).policies()] == before


def test_an_imported_policy_names_who_imported_it(sqlite_services: Services, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    sqlite_services.ctx.user = "王管理"
    summary = sqlite_services.knowledge.import_policy(write_policy(tmp_path, local_policy()))
    assert summary.local and summary.imported_by == "王管理"
    assert summary.imported_at is not None
    assert abs((datetime.now(summary.imported_at.tzinfo) - summary.imported_at).total_seconds()) < 60
    assert summary.origin.startswith("本单位导入（王管理，")
    fresh = KnowledgeService(sqlite_services.ctx)  # next start: read back from the folder
    origins = {p.id: p.origin for p in fresh.policies()}
    assert origins["local-hz-1"] == summary.origin and origins["004"] == "随程序提供"
    assert main(["--data-dir", str(sqlite_services.ctx.config.data_dir), "policies",
                 "--list"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("local-hz-1"))
    assert "本单位导入（王管理，" in line


def test_a_policy_file_replaced_by_hand_shows_no_importer(sqlite_services: Services,
                                                          tmp_path: Path) -> None:
    sqlite_services.knowledge.import_policy(write_policy(tmp_path, local_policy()))
    stored = sqlite_services.ctx.config.data_dir / "policies" / "local-hz-1.json"
    forged = write_policy(tmp_path, local_policy(title="杭州市某区骑手权益保障办法（私改）"), "x.json")
    stored.write_bytes(forged.read_bytes())  # someone with the folder swaps the text
    summary = KnowledgeService(sqlite_services.ctx).policy("local-hz-1")
    assert summary.imported_by is None and "导入人不详" in summary.origin
