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
    from app.services.cases.corrections import FilingInput
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
    services.workflow.advance(case_no, "mediation.accept", date(2026, 11, 3))
    services.records.add_agent(case_no, 1, "王明", "lawyer", authority="special",
                               authority_detail="代为承认、变更请求，进行和解", phone="13900139000",
                               workplace="浙江越城律师事务所")
    services.records.add_session(case_no, datetime(2026, 11, 10, 9, 30), place="第一调解室",
                                 mediators="周明、赵建国", attendees="张三、李四（被申请人代表）",
                                 record="双方就欠薪金额核对一致。", result="达成一致")
    services.acts.record_agreement(case_no, AgreementInput(  # with its 签订调解协议 step
        date(2026, 11, 12), [TermInput("迅达即配科技有限公司", "张三", "6000.00",
                                       date(2026, 11, 20), "银行转账"),
                             TermInput("迅达即配科技有限公司", "张三", "6345.67",
                                       date(2026, 11, 30), "银行转账")],
        effective_on=date(2026, 11, 12), content="被申请人分两期支付劳动报酬"))
    services.acts.record_filing(case_no, FilingInput("judicial_confirmation",
                                                     forum="绍兴市越城区人民法院",
                                                     filed_on=date(2026, 11, 15)))
    from app.services.cases.service_records import AddressInput, ServiceInput
    from app.services.cases.witnesses import WitnessInput
    version = services.cases.get(case_no).version
    _, version = services.witnesses.add_witness(case_no, WitnessInput(
        "王五", address="绍兴市越城区站前路5号", phone="13700001111", relation="同站点骑手",
        proves="申请人每天在站点早会后按排班接单", party_seq=1), version)
    _, version = services.service_records.add_service(case_no, ServiceInput(
        2, "acceptance_notice", date(2026, 11, 4), address="科技园8号A座前台", server="李书记员",
        signed_by="前台王某代收"), version)
    _, version = services.service_records.add_service(case_no, ServiceInput(
        2, "agreement", date(2026, 11, 13), method="post", tracking_no="EMS1234567890",
        server="李书记员"), version)
    services.service_records.confirm_address(case_no, 1, AddressInput(
        "浙江省绍兴市越城区新村3栋201室", phone="13800138000", electronic_consent=True,
        confirmed_on=date(2026, 11, 2)), version)
    # Two issues of 权利义务告知书 after the last step: the first voided (作废, struck in the
    # 文书 tab), the second listed by 撤销上一步 as voided with the undo.
    for _ in range(2):
        services.documents.render(case_no, "rights_notice", "pdf",
                                  data_dir / "文书" / "权利义务告知书.pdf")
    listed = services.document_void.documents(case_no)
    first = min(d.id for d in listed.rows)
    services.document_void.void(case_no, first, "当事人姓名打错，已重新出具", date(2026, 11, 23),
                                listed.version)
    return services, case_no


def main() -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from app.models.enums import FilingKind
    from app.views.case.case_extensions import case_tabs
    from app.views.dialogs.documents_dialog import KIND_ROLE
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
            if key == "settings":  # the forum registry (受理机关) tab
                page.setCurrentWidget(page.forums)  # type: ignore[attr-defined]
                shot(window, f"settings-forums-{suffix}")
                page.setCurrentIndex(0)  # type: ignore[attr-defined]
        window.show_named("案件")
        window.cases_page.setCurrentIndex(0)
        shot(window, f"cases-{suffix}")
        view = window.open_case(case_no)
        docs = view.tab("文书")  # 证据目录: the evidence picker and the documents list
        docs.kinds.setCurrentItem(next(  # type: ignore[attr-defined]
            docs.kinds.item(r) for r in range(docs.kinds.count())  # type: ignore[attr-defined]
            if docs.kinds.item(r).data(KIND_ROLE) == "evidence_list"))  # type: ignore[attr-defined]
        for tab, key in (("概况", "overview"), ("办理", "actions"), ("当事人", "parties"),
                         ("代理人", "agents"),
                         ("请求事项", "claims"),
                         ("证据", "evidence"), ("调解", "sessions"), ("调解协议", "agreement"),
                         ("确认/审查", "filings"), ("期限", "deadlines"), ("文书", "documents"),
                         ("送达", "service"),
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
    # Corrections (修改/删除/撤回/撤销上一步): the add dialogs pre-filled, the reason dialogs.
    fixes = view.fixes
    assert fixes is not None
    for tab, action, name in ((view.claims, fixes.edit_claim, "dialog-claim-edit"),
                              (view.evidence, fixes.edit_evidence, "dialog-evidence-edit"),
                              (view.sessions, fixes.edit_session, "dialog-session-edit"),
                              (view.agreements, fixes.edit_agreement, "dialog-agreement-edit"),
                              (view.agents, fixes.edit_agent, "dialog-agent-edit")):
        view.tabs.setCurrentWidget(tab)
        tab.table.selectRow(0)
        action()
        shot(view.open_dialog, name)  # type: ignore[arg-type]
        view.open_dialog.reject()  # type: ignore[union-attr]
    filings = view.filings["确认/审查"]
    view.tabs.setCurrentWidget(filings)
    filings.table.selectRow(0)
    fixes.edit_filing(filings)
    shot(view.open_dialog, "dialog-filing-edit")  # type: ignore[arg-type]
    view.open_dialog.reject()  # type: ignore[union-attr]
    fixes.delete_filing(filings)
    shot(view.open_dialog, "dialog-withdraw")  # type: ignore[arg-type]
    view.open_dialog.reject()  # type: ignore[union-attr]
    fixes.undo_last()
    shot(view.open_dialog, "dialog-undo")  # type: ignore[arg-type]
    view.open_dialog.reject()  # type: ignore[union-attr]
    docs = view.tab("文书")  # 文书 → a document selected → 作废…
    view.tabs.setCurrentWidget(docs)
    bar = docs.left_scroll.verticalScrollBar()  # type: ignore[attr-defined]
    bar.setValue(bar.maximum())  # down to 已生成的文书: one voided (struck), one not
    shot(window, "case-documents-history-1366x768")
    bar.setValue(0)
    voider = docs.voider  # type: ignore[attr-defined]
    voider.list.setCurrentRow(0)  # the newest, not yet voided
    voider.void_selected()
    shot(voider.open_dialog, "dialog-void-document")
    voider.open_dialog.reject()
    fixes.add_agent()  # 代理人 → 添加代理人…
    shot(view.open_dialog, "dialog-agent")  # type: ignore[arg-type]
    view.open_dialog.reject()  # type: ignore[union-attr]
    from app.views.dialogs.first_run_dialog import FirstRunDialog
    from app.views.dialogs.login_dialog import LoginDialog

    for make, name in ((window.manage_users, "dialog-users"),  # 文件 → 用户管理…
                       (window.change_password, "dialog-change-password"),
                       (lambda: LoginDialog(services.accounts), "dialog-login"),
                       (lambda: FirstRunDialog(services.first_run, 2026), "dialog-first-run")):
        dialog = make()
        if dialog is None:
            print(f"{name}: 未打开", file=sys.stderr)
            continue
        dialog.show()
        shot(dialog, name)
        dialog.reject()
    view.calculate_claim()  # 请求事项 → 计算…
    shot(view.open_dialog, "dialog-claim-calculator")  # type: ignore[arg-type]
    view.open_dialog.reject()  # type: ignore[union-attr]
    ma1 = window.statistics_page.open_ma1()  # 统计 → 导出MA1统计表…
    assert ma1 is not None
    shot(ma1, "dialog-ma1-export")
    ma1.reject()
    evidence = view.evidence
    for button, name in ((evidence.add_witness_button, "dialog-witness"),
                         (evidence.text_button, "dialog-evidence-text")):
        button.click()
        shot(evidence.open_dialog, name)  # type: ignore[arg-type]
        evidence.open_dialog.reject()  # type: ignore[union-attr]
    service = view.tab("送达")
    service.add_button.click()  # type: ignore[attr-defined]
    shot(service.open_dialog, "dialog-service")  # type: ignore[attr-defined]
    service.open_dialog.reject()  # type: ignore[attr-defined]
    service.addresses.table.selectRow(0)  # type: ignore[attr-defined]
    service.address_button.click()  # type: ignore[attr-defined]
    shot(service.open_dialog, "dialog-service-address")  # type: ignore[attr-defined]
    service.open_dialog.reject()  # type: ignore[attr-defined]
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
