"""Human-readable and JSON renderings of service results for the command line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.models.enums import CaseStatus, ClaimType, PartyRole, RelationshipCategory, Stage, label

if TYPE_CHECKING:  # types only: the command's own modules load when it runs
    from app.services.cases.dto import CasePage
    from app.services.reports.statistics import Statistics


def _label(enum: type, value: str) -> str:
    try:
        return label(enum(value))
    except ValueError:
        return value


def case_rows_json(page: CasePage) -> dict[str, Any]:
    """Stable JSON of a case list (documented in docs/cli-json.md)."""
    return {"total": page.total, "capped": page.capped, "count": len(page.rows), "cases": [{
        "case_no": r.case_no, "received_on": r.received_on.isoformat(),
        "applicants": r.applicants, "respondents": r.respondents, "city": r.city,
        "occupation": r.occupation, "platform": r.platform, "category": r.category,
        "stage": r.stage, "status": r.status, "collective": r.collective, "summary": r.summary,
    } for r in page.rows]}


def print_case_table(page: CasePage) -> None:
    for r in page.rows:
        print(f"{r.case_no}\t{r.received_on:%Y-%m-%d}\t{_label(Stage, r.stage)}\t"
              f"{_label(CaseStatus, r.status)}\t{r.applicants} 诉 {r.respondents}\t{r.city}")
    if page.capped:
        print(f"{page.total:,} 件以上（请输入更多字缩小范围），显示 {len(page.rows)} 件")
    else:
        print(f"共 {page.total} 件，显示 {len(page.rows)} 件")


def print_case_text(data: dict[str, Any]) -> None:
    case = data["case"]
    print(f"案号：{case['case_no']}")
    print(f"组织：{data['organisation']['name']}")
    print(f"收到申请：{case['received_on']}　受理：{case['accepted_on'] or '—'}")
    print(f"地区：{case['province']}{case['city']}{case['district']}　职业：{case['occupation']}"
          f"　平台：{case['platform']}")
    print(f"用工关系：{_label(RelationshipCategory, case['category'])}　阶段："
          f"{_label(Stage, case['stage'])}　状态：{_label(CaseStatus, case['status'])}")
    print("当事人：")
    for p in data["parties"]:
        print(f"  {_label(PartyRole, p['role'])}：{p['name']}　{p['id_number'] or p['credit_code']}"
              f"　{p['phone']}")
    print("请求事项：")
    for c in data["claims"]:
        amount = f"　{c['amount']}元" if c["amount"] is not None else ""
        print(f"  {c['seq']}. {_label(ClaimType, c['claim_type'])}：{c['description']}{amount}")
    print(f"证据 {len(data['evidence'])} 项，调解 {len(data['sessions'])} 次，"
          f"协议 {len(data['agreements'])} 份，申请/诉讼 {len(data['filings'])} 件")


def print_statistics(result: Statistics) -> None:
    from app.workflow.calendar import date_zh  # loads the holiday calendars: only when used

    print(f"统计期间：{date_zh(result.period_from)} 至 {date_zh(result.period_to)}")
    print(f"收到申请 {result.received} 件，受理 {result.accepted} 件，不予受理 {result.refused} 件，"
          f"撤回 {result.withdrawn} 件")
    rate = "—" if result.mediation_success_rate is None else f"{result.mediation_success_rate:.1%}"
    print(f"达成调解协议 {result.with_agreement} 件，调解成功率 {rate}")
    print(f"集体争议 {result.collective_cases} 件，涉及劳动者 {result.collective_workers} 人")
    print(f"请求金额 {result.amount_claimed} 元，协议金额 {result.amount_agreed} 元，"
          f"已履行 {result.amount_paid} 元")
    d = result.deadlines
    print(f"期间内届满的法定期限：按期完成 {d.get('met', 0)} 项，逾期 {d.get('missed', 0)} 项，"
          f"尚在办理 {d.get('open', 0)} 项")
    print("每月收案：" + "，".join(f"{m} {n}" for m, n in result.by_month.items()))
    stages = {_label(Stage, k): v for k, v in result.by_stage.items()}
    for title, table in (("阶段", stages), ("城市", result.by_city),
                         ("职业", result.by_occupation)):
        print(f"按{title}：" + "，".join(f"{k} {v}" for k, v in table.items()))
