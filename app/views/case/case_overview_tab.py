"""概况 tab: the case's own fields with stage, state and status in Chinese."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QScrollArea, QWidget

from app.models.enums import CaseStatus, IntakeChannel, RelationshipCategory, Stage
from app.services.cases.detail import CaseDetail
from app.views.widgets.record_table_model import day, enum_label, money

FIELDS = ["案号", "调解组织", "申请方式", "收到申请日期", "受理日期", "地区", "职业", "平台",
          "用工关系类别", "认定理由", "集体争议", "调解员", "阶段", "办理状态", "案件状态", "请求金额合计",
          "案情摘要", "事实与理由"]


def overview_values(d: CaseDetail) -> dict[str, str]:
    region = "".join(x for x in (d.province, d.city, d.district) if x)
    collective = ("是" + (f"（代表人：{d.representatives}）" if d.representatives else "")
                  if d.collective else "否")
    return {
        "案号": d.case_no, "调解组织": d.organisation,
        "申请方式": enum_label(IntakeChannel, d.intake_channel),
        "收到申请日期": day(d.received_on), "受理日期": day(d.accepted_on) or "未受理",
        "地区": region, "职业": d.occupation, "平台": d.platform,
        "用工关系类别": enum_label(RelationshipCategory, d.category),
        "认定理由": d.category_reason, "集体争议": collective, "调解员": d.mediator or "未指派",
        "阶段": enum_label(Stage, d.stage), "办理状态": d.state_label,
        "案件状态": enum_label(CaseStatus, d.status),
        "请求金额合计": money(d.claim_total) + " 元", "案情摘要": d.summary,
        "事实与理由": d.facts,
    }


class CaseOverviewTab(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        holder = QWidget()
        form = QFormLayout(holder)
        self.values: dict[str, QLabel] = {}
        for name in FIELDS:
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(name + "：", value)
            self.values[name] = value
        self.setWidget(holder)

    def set_detail(self, detail: CaseDetail) -> None:
        for name, text in overview_values(detail).items():
            self.values[name].setText(text)
