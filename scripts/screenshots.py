"""Screenshots of every main screen and dialog (make screenshots): a demo database in a temporary
folder, the real window under Xvfb, PNGs into docs/screenshots/ at 1366×768 and 1920×1080."""

from __future__ import annotations

import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
SIZES = [(1366, 768), (1920, 1080)]


def prepare(data_dir: Path):  # type: ignore[no-untyped-def]
    from app.bootstrap import open_services
    from app.config import AppConfig
    from app.services.cases.records import AgreementInput, TermInput
    from tests.factories import case_input, week_of_orders, write_orders

    services = open_services(AppConfig(data_dir=data_dir), user="李书记员",
                             today=lambda: date(2026, 11, 23))
    org = services.organisations.default_id()  # the enterprise committee, before the demo's
    services.organisations.update(org, name="迅达即配科技有限公司劳动争议调解委员会",
                                  address="浙江省绍兴市越城区科技园8号", phone="0575-88001234",
                                  case_no_pattern="企调〔{year}〕{seq:04d}号")
    services.demo.generate(400, seed=7)
    for name, side, title in (("赵建国", "union", "工会主席"), ("钱丽", "worker", "骑手代表"),
                              ("孙伟", "enterprise", "人力资源经理")):
        services.roster.add_member(org, name, side, title=title, phone="13800138000")
    services.roster.add_mediator("周明", kind="invited", phone="0575-88001234",
                                 speciality="劳动争议", court_roster_no="越法特调-017")
    case_no = services.cases.create_case(case_input(category="2")).case_no
    services.rights.save_answers(case_no, {"deposit_amount": "500", "pay_cycle_days": "45",
                                           "work_injury_insured": "no", "hire_date": "2026-08-01",
                                           "si_registered": "no"})
    evidence = data_dir / "工资条-2026年10月.txt"
    evidence.write_text("2026年10月 应发 6800.00 实发 3300.00", encoding="utf-8")
    services.records.add_evidence(case_no, "2026年10月工资条", source="申请人提供",
                                  proves="被申请人拖欠工资", file_path=evidence)
    services.records.add_evidence(case_no, "派单记录截图", source="申请人手机", form="electronic")
    orders = write_orders(data_dir / "骑手订单-11月第1周.csv", week_of_orders())
    services.worktime.attach(case_no, orders)
    services.records.add_session(case_no, datetime(2026, 11, 10, 9, 30), place="第一调解室",
                                 mediators="周明、赵建国", attendees="张三、李四（被申请人代表）",
                                 record="双方就欠薪金额核对一致。", result="达成一致")
    services.records.add_agreement(case_no, AgreementInput(
        date(2026, 11, 12), [TermInput("迅达即配科技有限公司", "张三", "12345.67",
                                       date(2026, 11, 30), "银行转账")],
        effective_on=date(2026, 11, 12), content="被申请人于2026年11月30日前支付劳动报酬"))
    services.records.add_filing(case_no, "judicial_confirmation", forum="绍兴市越城区人民法院",
                                filed_on=date(2026, 11, 15))
    return services, case_no


def main() -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from app.models.enums import FilingKind
    from app.views.case.case_extensions import case_tabs
    from app.views.launcher import ensure_cjk_font, install_qt_translations
    from app.views.main_window import MainWindow
    from app.views.widgets.messages import QtDialogs

    app = QApplication(sys.argv)
    install_qt_translations(app)
    if warning := ensure_cjk_font():
        print(warning, file=sys.stderr)
    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="md-shots-"))
    services, case_no = prepare(folder)
    settings = QSettings(str(folder / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(services, settings, QtDialogs(),
                        case_tab_factories=case_tabs(services, folder))
    window.show()
    saved: list[str] = []

    def shot(widget: QWidget, name: str) -> None:
        for _ in range(3):
            app.processEvents()
        widget.grab().save(str(OUT / f"{name}.png"))
        saved.append(name)

    window.policy_page.search_box.setText("休息")  # the policies page as used: a search
    for width, height in SIZES:
        suffix = f"{width}x{height}"
        window.resize(width, height)
        for title, key in (("工作台", "dashboard"), ("期限日历", "calendar"), ("调解员名册", "roster"),
                           ("设置", "settings"), ("统计", "statistics"),
                           ("政策法规", "policies")):
            page = window.show_named(title)
            while getattr(page, "task", None) is not None and page.task.running:  # type: ignore[attr-defined]
                app.processEvents()  # the statistics are computed on a worker thread
            shot(window, f"{key}-{suffix}")
        window.show_named("案件")
        window.cases_page.setCurrentIndex(0)
        shot(window, f"cases-{suffix}")
        view = window.open_case(case_no)
        for tab, key in (("概况", "overview"), ("办理", "actions"), ("当事人", "parties"),
                         ("请求事项", "claims"),
                         ("证据", "evidence"), ("调解", "sessions"), ("调解协议", "agreement"),
                         ("确认/审查", "filings"), ("期限", "deadlines"), ("文书", "documents"),
                         ("权益核查", "rights"), ("工作时长", "worktime"),
                         ("时间线", "timeline")):
            view.tabs.setCurrentWidget(view.tab(tab))
            shot(window, f"case-{key}-{suffix}")
    window.resize(*SIZES[0])
    wizard = window.new_case()
    applicant = wizard.parties_page.forms()[0]
    applicant.edits["name"].setText("王小明")
    applicant.edits["id_number"].setText("330602199003071230")
    applicant.edits["phone"].setText("1380013")
    for field in ("name", "id_number", "phone"):
        applicant._left(field)  # what leaving the field does
    shot(wizard, "wizard-parties-errors")
    applicant.edits["id_number"].setText("")
    applicant.edits["phone"].setText("")
    wizard.parties_page.forms()[1].edits["name"].setText("迅达即配科技有限公司")
    wizard.next()
    for key in ("capacity", "managed", "integral", "time_control", "rules"):
        wizard.classification_page.answer(key, True)
    shot(wizard, "wizard-classification")
    wizard.next()
    row = wizard.claims_page.rows()[0]
    row.description.setText("支付2026年9月至10月劳动报酬")
    row.amount.setText("6800.005")
    row.field_left.emit()
    shot(wizard, "wizard-claims")
    row.amount.setText("6800")
    wizard.next()
    shot(wizard, "wizard-intake")
    wizard.reject()
    view.record_session()
    shot(view.open_dialog, "dialog-session")  # type: ignore[arg-type]
    view.open_dialog.reject()  # type: ignore[union-attr]
    view.enter_agreement()
    shot(view.open_dialog, "dialog-agreement")  # type: ignore[arg-type]
    view.open_dialog.reject()  # type: ignore[union-attr]
    view.register_filing((FilingKind.JUDICIAL_CONFIRMATION, FilingKind.ARBITRATION_REVIEW))
    shot(view.open_dialog, "dialog-filing")  # type: ignore[arg-type]
    view.open_dialog.reject()  # type: ignore[union-attr]
    view.edit_case()
    shot(view.open_dialog, "dialog-case-edit")  # type: ignore[arg-type]
    view.open_dialog.reject()  # type: ignore[union-attr]
    view.classify()
    shot(view.open_dialog, "dialog-classification")  # type: ignore[arg-type]
    view.open_dialog.reject()  # type: ignore[union-attr]
    register = folder / "旧系统台账.csv"
    register.write_text("案号,收案日期,受理日期,申请人,被申请人,城市,请求事项,请求金额（元）,案件状态,结案日期\n"
                        "旧调〔2025〕1号,2025-03-01,2025-03-03,张三,某某餐饮店,绍兴市,拖欠工资,3000,调解成功,2025-03-20\n"
                        "旧调〔2025〕2号,2025-13-01,,李四,,绍兴市,加班费,abc,火星,\n", encoding="utf-8")
    importer = window.case_list.import_register()
    assert importer is not None
    importer.load(register)
    shot(importer, "dialog-import-register")
    importer.reject()
    view.parties.table.selectRow(0)
    view.edit_party()
    shot(view.open_dialog, "dialog-party-edit")  # type: ignore[arg-type]
    view.open_dialog.reject()  # type: ignore[union-attr]
    view.agreements.table.selectRow(0)
    view.record_performance()
    shot(view.open_dialog, "dialog-term-performed")  # type: ignore[arg-type]
    view.open_dialog.reject()  # type: ignore[union-attr]
    window.roster_page.add_member()
    shot(window.roster_page.open_dialog, "dialog-member")  # type: ignore[arg-type]
    window.roster_page.open_dialog.reject()  # type: ignore[union-attr]
    view.calculate_claim()  # 请求事项 → 计算…
    shot(view.open_dialog, "dialog-claim-calculator")  # type: ignore[arg-type]
    view.open_dialog.reject()  # type: ignore[union-attr]
    ma1 = window.statistics_page.open_ma1()  # 统计 → 导出MA1统计表…
    assert ma1 is not None
    shot(ma1, "dialog-ma1-export")
    ma1.reject()
    from app.views.widgets.error_dialog import ErrorDialog

    error = ErrorDialog("RuntimeError：数据库连接中断", "Traceback (most recent call last): …",
                        folder)
    error.show()
    shot(error, "dialog-unexpected-error")
    error.close()
    window.close()
    services.close()
    print(f"{len(saved)} 张截图已保存到 {OUT}")
    app.shutdown()  # Qt's objects go before Python finalizes (it aborted with none_dealloc)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
