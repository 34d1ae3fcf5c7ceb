"""Personal data masked for restricted roles; anonymised typical-case export."""

from __future__ import annotations

import json

import pytest

from app.bootstrap import Services
from app.errors import AppError
from app.services.security.privacy import mask_id, mask_phone
from tests.factories import WORKER_ID, case_input


def test_masks() -> None:
    assert mask_id(WORKER_ID) == WORKER_ID[:6] + "********" + WORKER_ID[-4:]
    assert mask_phone("13800138000") == "138****8000"
    assert mask_phone("0575-88001234") == "0575-8800****"


def test_read_only_role_sees_masked_numbers(sqlite_services: Services) -> None:
    case_no = sqlite_services.cases.create_case(case_input()).case_no
    assert sqlite_services.exchange.export_for_viewer(case_no)["parties"][0]["id_number"] == \
        WORKER_ID
    sqlite_services.ctx.role = "read_only"
    shown = sqlite_services.exchange.export_for_viewer(case_no)
    assert shown["parties"][0]["id_number"] == mask_id(WORKER_ID)
    assert shown["parties"][0]["phone"] == "138****8000"
    assert WORKER_ID not in json.dumps(shown)
    sqlite_services.ctx.role = "mediator"
    assert sqlite_services.exchange.export_for_viewer(case_no)["parties"][0]["id_number"] == \
        WORKER_ID


def test_anonymised_export_replaces_names_consistently(sqlite_services: Services) -> None:
    data = case_input(summary="外卖骑手张三与迅达即配科技有限公司工资纠纷",
                      facts="张三于2025年入职，迅达即配科技有限公司拖欠张三工资。")
    case_no = sqlite_services.cases.create_case(data).case_no
    with pytest.raises(AppError, match="只能匿名导出已结案"):
        sqlite_services.exchange.export_anonymised(case_no)
    version = sqlite_services.cases.get(case_no).version
    sqlite_services.case_edit.update_case(case_no, {"status": "closed"}, version)
    doc = sqlite_services.exchange.export_anonymised(case_no)
    text = json.dumps(doc, ensure_ascii=False)
    for secret in ("张三", "迅达即配", WORKER_ID, "13800138000", "人民路1号", case_no):
        assert secret not in text
    assert doc["case"]["facts"] == "劳动者甲于2025年入职，某公司甲拖欠劳动者甲工资。"
    assert [p["name"] for p in doc["parties"]] == ["劳动者甲", "某公司甲"]
