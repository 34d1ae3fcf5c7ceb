"""拖欠工资 (劳动合同法 art 30, art 85): the arrears themselves, and the 50 %-100 % additional
compensation the labour administration may order once its deadline to pay is missed — noted,
not claimed, because only the administration orders it (劳动保障监察), not arbitration."""

from __future__ import annotations

from decimal import Decimal

from app.knowledge.calculators.base import CalcResult, amount, fen, yuan

BASIS = "《中华人民共和国劳动合同法》第三十条、第八十五条"


def wage_arrears(unpaid: object) -> CalcResult:
    owed = fen(amount(unpaid, "拖欠的工资"))
    low, high = fen(owed * Decimal("0.5")), owed
    steps = (f"拖欠的劳动报酬：{yuan(owed)}",
             f"逾期不支付的加付赔偿金（由劳动行政部门责令，不在此请求）：{yuan(low)}至{yuan(high)}")
    warnings = ("加付赔偿金须先由劳动行政部门责令限期支付、逾期仍不支付才产生，可向劳动保障监察机构投诉；"
                "默认不计入仲裁请求",)
    basis = (f"依据{BASIS}，被申请人应及时足额支付劳动报酬，尚欠申请人劳动报酬{yuan(owed)}。")
    return CalcResult("wages", "拖欠工资", owed, basis, "请求裁决被申请人支付拖欠的劳动报酬",
                      None, steps, warnings)
