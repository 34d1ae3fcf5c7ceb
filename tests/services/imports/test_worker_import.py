"""Importing a collective dispute's workers from CSV/XLSX into a case: every row checked,
refused rows reported by line, and nothing half-imported."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook  # type: ignore[import-untyped]
from sqlmodel import select

from app.bootstrap import Services, open_services
from app.cli.main import main
from app.config import AppConfig
from app.errors import AppError, NotFound, ValidationFailed
from app.models import Case, Claim, Party
from app.services.cases.dto import CaseQuery
from app.services.imports.worker_service import MAPPING_FILE
from tests.conftest import TODAY
from tests.factories import WORKER_ID, case_input, resident_id

HEADER = ["姓名", "身份证号码", "手机号", "起始日期", "截止日期", "欠薪金额"]


def worker_id(n: int) -> str:
    """A valid ID for test worker n (10..99), different from the case's own worker."""
    return resident_id(f"33060219900307{n:02d}1")


def bad_check_digit(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def write_csv(path: Path, rows: list[list[str]], *, encoding: str = "utf-8",
              delimiter: str = ",") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def new_case(services: Services) -> str:
    return services.cases.create_case(case_input()).case_no


def snapshot(services: Services, case_no: str) -> tuple[list[Party], list[Claim], Case]:
    with services.ctx.session() as s:
        case = s.exec(select(Case).where(Case.case_no == case_no)).one()
        parties = list(s.exec(select(Party).where(Party.case_id == case.id).order_by(Party.seq)))
        claims = list(s.exec(select(Claim).where(Claim.case_id == case.id).order_by(Claim.seq)))
        return parties, claims, case


def mixed_rows() -> list[list[str]]:
    good = worker_id(11)
    return [
        HEADER,                                                                   # line 1
        ["王五", good, "13900000001", "2026-01-01", "2026-03-31", "3000"],       # 2 accepted
        ["赵六", bad_check_digit(worker_id(12)), "", "", "", "100"],             # 3
        ["钱七", worker_id(13), "", "2026-01-01", "2026-02-28", "-100"],          # 4
        ["孙八", good, "", "", "", "200"],                                        # 5 same ID as 2
        ["", "", "", "", "", ""],                                                 # 6 blank
        ["周九", worker_id(14), "", "2026-03-01", "2026-01-01", "500"],           # 7
        ["张三", WORKER_ID, "", "", "", "100"],                 # 8 the case's own worker: known
        ["吴十", worker_id(15), "0575-88001234", "2026年1月1日", "2026/2/28", ""],  # 9 accepted
    ]


MIXED_REFUSED = [
    "第3行：身份证号码校验位不正确，请逐位核对",
    "第4行：金额不能为负数（现为-100），请填写0或正数",
    "第5行：身份证号码与第2行重复",
    "第7行：截止日期（2026年01月01日）不能早于起始日期（2026年03月01日），请核对日期",
]
# 张三 is the wizard's worker: recognised, and the wages claim the wizard stored (for the first
# applicant) is not added again.
MIXED_NOTE = ("第8行：张三已是本案申请人，本案已有其“支付拖欠的劳动报酬”请求（12,345.67元），"
              "未重复添加；名单中的金额为100.00元，如需更正请在请求事项中修改")


def test_utf8_csv_adds_applicants_with_their_claims(services: Services, tmp_path: Path) -> None:
    case_no = new_case(services)
    path = write_csv(tmp_path / "workers.csv", [
        HEADER,
        ["王五", worker_id(11), "13900000001", "2026-01-01", "2026-03-31", "3,000.50"],
        ["李雷", worker_id(12), "", "2026/02/01", "2026年2月28日", ""],
    ])
    report = services.worker_import.apply(case_no, path)
    assert (report.parties_added, report.claims_added, report.refused) == (2, 1, ())
    assert report.encoding == "utf-8" and report.columns["amount"] == "欠薪金额"
    parties, claims, case = snapshot(services, case_no)
    assert [p.seq for p in parties] == [1, 2, 3, 4]
    wang = parties[2]
    assert (wang.name, wang.role, wang.kind, wang.party_type, wang.id_type) == (
        "王五", "applicant", "worker", "person", "resident_id")
    assert (wang.id_number, wang.phone, wang.sex, wang.birth_date) == (
        worker_id(11), "13900000001", "male", date(1990, 3, 7))
    new_claim = claims[-1]
    assert (new_claim.seq, new_claim.party_id, new_claim.claim_type, new_claim.description) == (
        3, wang.id, "wages", "支付拖欠的劳动报酬")
    assert new_claim.amount == Decimal("3000.50")
    assert (new_claim.period_start, new_claim.period_end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert not case.collective
    found = services.cases.list_cases(CaseQuery(search="李雷")).rows
    assert [r.case_no for r in found] == [case_no]


def test_a_title_above_the_header_and_a_totals_line_are_not_workers(
        sqlite_services: Services, tmp_path: Path) -> None:
    case_no = new_case(sqlite_services)
    path = write_csv(tmp_path / "workers.csv", [
        ["某某配送站拖欠工资人员名单"], ["制表日期：2026年11月1日"], HEADER,
        ["王五", worker_id(11), "", "", "", "3000"],
        ["合计", "", "", "", "", "3000"],
    ])
    report = sqlite_services.worker_import.apply(case_no, path)
    assert (report.parties_added, report.refused) == (1, ())


def test_gbk_tab_delimited_csv_as_excel_writes_it(services: Services, tmp_path: Path) -> None:
    case_no = new_case(services)
    path = write_csv(tmp_path / "workers.txt", [
        ["姓名", "身份证号", "联系电话", "工作起始日期", "截止日期", "金额（元）"],
        ["韩梅梅", worker_id(21), "13900000002", "2026-01-01", "2026-01-31", "1800"],
    ], encoding="gbk", delimiter="\t")
    report = services.worker_import.preview(case_no, path)
    assert report.encoding == "gbk" and not report.written
    assert [(r.line, r.name, r.amount) for r in report.accepted] == [(2, "韩梅梅", Decimal("1800.00"))]
    assert len(snapshot(services, case_no)[0]) == 2  # a preview writes nothing


def test_xlsx_with_date_cells_and_float_amounts(services: Services, tmp_path: Path) -> None:
    case_no = new_case(services)
    wb = Workbook()
    ws = wb.active
    ws.append([])  # a blank first row: the header is the first non-empty row
    ws.append(HEADER)
    ws.append(["王五", worker_id(11), 13900000001, datetime(2026, 1, 1), datetime(2026, 3, 31),
               3200.5])
    ws.append(["李雷", worker_id(12), None, datetime(2026, 2, 1), datetime(2026, 2, 28),
               0.1 + 0.2 + 1234.26])  # a formula's float noise: 1234.56
    ws.append(["韩梅梅", worker_id(13), None, datetime(2026, 2, 1), None, 12.345])
    path = tmp_path / "workers.xlsx"
    wb.save(path)
    with pytest.raises(ValidationFailed) as refused:
        services.worker_import.apply(case_no, path)
    assert [(e.field, e.message) for e in refused.value.errors] == [
        ("rows[5]", "第5行：金额“12.345”最多保留两位小数（到分），请修改")]
    report = services.worker_import.apply(case_no, path, accepted_only=True)
    assert report.encoding is None and report.parties_added == 2
    assert [r.line for r in report.accepted] == [3, 4]
    parties, claims, _ = snapshot(services, case_no)
    assert parties[2].phone == "13900000001"
    assert [(c.amount, c.period_start, c.period_end) for c in claims[2:]] == [
        (Decimal("3200.50"), date(2026, 1, 1), date(2026, 3, 31)),
        (Decimal("1234.56"), date(2026, 2, 1), date(2026, 2, 28))]


def test_xlsx_addresses_and_header_variants_reach_each_worker(services: Services,
                                                              tmp_path: Path) -> None:
    from app.services.cases.dto import PartyInput

    case = case_input()  # the wizard's first worker, typed without an address
    first = case.parties[0]
    assert isinstance(first, PartyInput)
    first.domicile = first.mailing_address = ""
    case_no = services.cases.create_case(case).case_no
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "证件号码", "联系方式", "欠薪金额", "户籍地址", "现住址"])
    ws.append([first.name, first.id_number, "", "", "浙江省绍兴市越城区府山街道1号", ""])
    ws.append(["王五", worker_id(11), "13900000001", "3000", "浙江省诸暨市暨阳街道2号",
               "浙江省绍兴市越城区中兴路3号"])
    ws.append(["李雷", worker_id(12), "13900000002", "3100", "", "浙江省绍兴市柯桥区笛扬路4号"])
    ws.append(["韩梅梅", worker_id(13), "13900000003", "3200", "某" * 301, ""])
    path = tmp_path / "workers.xlsx"
    wb.save(path)
    preview = services.worker_import.preview(case_no, path)
    assert preview.columns["domicile"] == "户籍地址" and preview.columns["mailing_address"] == "现住址"
    assert preview.columns["id_number"] == "证件号码" and preview.columns["phone"] == "联系方式"
    assert [(p.line, p.reason) for p in preview.refused] == [(5, "住所超过300个字，请检查是否错列")]
    report = services.worker_import.apply(case_no, path, accepted_only=True)
    assert report.parties_added == 2
    parties, _claims, _ = snapshot(services, case_no)
    addresses = {p.name: (p.domicile, p.mailing_address, p.phone) for p in parties}
    assert addresses["王五"] == ("浙江省诸暨市暨阳街道2号", "浙江省绍兴市越城区中兴路3号", "13900000001")
    # One address only: it stands for both.
    assert addresses["李雷"][:2] == ("浙江省绍兴市柯桥区笛扬路4号",) * 2
    # The wizard's worker, recognised, gets the address the list adds (nothing else doubled).
    assert addresses[first.name][:2] == ("浙江省绍兴市越城区府山街道1号",) * 2
    assert [p.name for p in parties].count(first.name) == 1
    # Each worker's documents show their address.
    text = json.dumps(services.documents.context(case_no), ensure_ascii=False, default=str)
    assert "浙江省绍兴市柯桥区笛扬路4号" in text and "浙江省绍兴市越城区中兴路3号" in text


def test_mixed_file_reports_each_refused_line_and_reason(services: Services,
                                                         tmp_path: Path) -> None:
    case_no = new_case(services)
    path = write_csv(tmp_path / "mixed.csv", mixed_rows())
    report = services.worker_import.preview(case_no, path)
    assert report.refused_lines == MIXED_REFUSED
    assert [(r.line, r.name) for r in report.accepted] == [(2, "王五"), (8, "张三"), (9, "吴十")]
    assert [r.existing for r in report.accepted] == [False, True, False]
    assert report.accepted[2].amount is None and report.accepted[2].period_end == date(2026, 2, 28)
    assert report.notes == (MIXED_NOTE,) and report.recognised == 1


def test_all_or_nothing_unless_accepted_only(services: Services, tmp_path: Path) -> None:
    case_no = new_case(services)
    path = write_csv(tmp_path / "mixed.csv", mixed_rows())
    before_parties, before_claims, before_case = snapshot(services, case_no)
    with pytest.raises(ValidationFailed) as refused:
        services.worker_import.apply(case_no, path)
    assert [e.field for e in refused.value.errors] == [f"rows[{n}]" for n in (3, 4, 5, 7)]
    assert [e.message for e in refused.value.errors] == MIXED_REFUSED
    parties, claims, case = snapshot(services, case_no)
    assert (len(parties), len(claims)) == (len(before_parties), len(before_claims))
    assert (case.version, case.search_text) == (before_case.version, before_case.search_text)

    report = services.worker_import.apply(case_no, path, accepted_only=True)
    assert (report.parties_added, report.claims_added, report.recognised) == (2, 1, 1)
    assert report.refused_lines == MIXED_REFUSED
    assert report.total_claimed == Decimal("12845.67") + Decimal("3000")  # not + 100 for 张三
    parties, claims, _ = snapshot(services, case_no)
    assert [p.name for p in parties[2:]] == ["王五", "吴十"]
    assert len(claims) == len(before_claims) + 1
    # Importing the same file again: the accepted workers are now parties of the case, so they
    # are recognised and nothing is added twice.
    again = services.worker_import.apply(case_no, path, accepted_only=True)
    assert (again.parties_added, again.claims_added, again.recognised) == (0, 0, 3)
    assert not again.written and again.total_claimed == report.total_claimed
    assert any(n.startswith("第2行：王五已是本案申请人") for n in again.notes)


def test_ten_workers_make_the_case_collective(services: Services, tmp_path: Path) -> None:
    case_no = new_case(services)  # one worker already
    rows = [HEADER] + [[f"工人{n}", worker_id(n), "", "", "", "100"] for n in range(30, 39)]
    report = services.worker_import.apply(case_no, write_csv(tmp_path / "w.csv", rows))
    assert report.parties_added == 9 and report.collective
    assert snapshot(services, case_no)[2].collective


def test_junk_and_unusable_files_are_refused_clearly(sqlite_services: Services,
                                                    tmp_path: Path) -> None:
    case_no = new_case(sqlite_services)
    junk = tmp_path / "workers.csv"
    junk.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(AppError, match="既不是 UTF-8 也不是 GBK 编码"):
        sqlite_services.worker_import.preview(case_no, junk)
    junk.write_bytes(b"\x00\x01\x02image data\x00\x7f" * 50)  # decodes, but is binary
    with pytest.raises(AppError, match="不是 CSV 文本文件（含有二进制内容）"):
        sqlite_services.worker_import.apply(case_no, junk)
    fake_excel = tmp_path / "workers.xlsx"
    fake_excel.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(AppError, match="无法打开 Excel 文件“workers.xlsx”"):
        sqlite_services.worker_import.apply(case_no, fake_excel)
    no_ids = write_csv(tmp_path / "no_ids.csv", [["姓名", "金额"], ["王五", "1"]])
    with pytest.raises(AppError, match="表头中找不到身份证号码列"):
        sqlite_services.worker_import.preview(case_no, no_ids)
    header_only = write_csv(tmp_path / "header.csv", [HEADER])
    with pytest.raises(AppError, match="只有表头"):
        sqlite_services.worker_import.preview(case_no, header_only)
    with pytest.raises(AppError, match="未知字段：salary"):
        sqlite_services.worker_import.preview(case_no, no_ids, {"salary": "金额"})
    with pytest.raises(NotFound):
        sqlite_services.worker_import.preview("（2026）无此案号", no_ids)


def test_mapping_is_remembered_for_the_organisation(services: Services, tmp_path: Path) -> None:
    case_no = new_case(services)
    custom = ["职工", "证件号", "应发未发", "备注"]
    first = write_csv(tmp_path / "first.csv", [custom, ["王五", worker_id(11), "1000", ""]])
    with pytest.raises(AppError, match="表头中找不到姓名、身份证号码列"):
        services.worker_import.preview(case_no, first)
    with pytest.raises(AppError, match="找不到“金额”对应的列“工资”"):
        services.worker_import.preview(case_no, first, {"amount": "工资"})
    mapping = {"name": "职工", "id_number": "证件号", "amount": "应发未发"}
    assert services.worker_import.apply(case_no, first, mapping).claims_added == 1
    stored = json.loads((services.ctx.config.data_dir / MAPPING_FILE).read_text("utf-8"))
    assert list(stored.values()) == [mapping]

    second = write_csv(tmp_path / "second.csv", [custom, ["李雷", worker_id(12), "2000", "x"]])
    report = services.worker_import.apply(case_no, second)  # no mapping given this time
    assert report.columns == mapping and report.claims_added == 1
    assert snapshot(services, case_no)[1][-1].amount == Decimal("2000.00")
    # A file with the usual headers still imports: a remembered header absent here is skipped.
    usual = write_csv(tmp_path / "usual.csv", [HEADER, ["韩梅梅", worker_id(13), "", "", "", "5"]])
    assert services.worker_import.apply(case_no, usual).parties_added == 1


def test_cli_import_workers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "d"
    svc = open_services(AppConfig(data_dir=data), today=lambda: TODAY)
    case_no = new_case(svc)
    svc.close()
    mixed = write_csv(tmp_path / "mixed.csv", mixed_rows())
    base = ["--data-dir", str(data), "import-workers", case_no, str(mixed)]

    assert main(base) == 1
    out = capsys.readouterr().out
    assert "合格 3 行，不合格 4 行" in out and "未导入任何劳动者" in out
    assert all(f"不合格：{line}" in out for line in MIXED_REFUSED)
    assert main([*base, "--dry-run", "--accepted-only"]) == 1
    assert "试运行" in capsys.readouterr().out
    assert main([*base, "--accepted-only"]) == 0
    assert f"已向案件 {case_no} 导入劳动者 2 名、请求 1 项" in capsys.readouterr().out

    custom = write_csv(tmp_path / "custom.csv", [["员工", "证件号"], ["李雷", worker_id(12)]])
    args = ["--data-dir", str(data), "import-workers", case_no, str(custom)]
    assert main([*args, "--map", "姓名=员工", "--map", "id_number=证件号", "--dry-run"]) == 0
    assert "合格 1 行，不合格 0 行" in capsys.readouterr().out
    assert main([*args, "--map", "工资"]) == 1
    assert "应写作 字段=列名" in capsys.readouterr().err
    assert main([*args, "--map", "姓名=员工", "--map", "id_number=证件号"]) == 0
    assert "导入劳动者 1 名、请求 0 项" in capsys.readouterr().out
