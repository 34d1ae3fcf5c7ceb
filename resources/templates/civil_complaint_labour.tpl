::meta title 民事起诉状（劳动争议纠纷）
::meta version 2026.1
::meta per worker
::meta basis 最高人民法院、司法部、中华全国律师协会《民事起诉状（劳动争议纠纷）》要素式示范文本（法〔2024〕46号，2024年3月4日起试行，2025年1月1日起全面应用；法〔2025〕82号修订）；《中华人民共和国民事诉讼法》第一百二十二条、第一百二十四条；《中华人民共和国劳动争议调解仲裁法》第四十八条、第五十条
::require applicant.name 原告姓名
::require applicant.id_number 原告身份证号码
::require applicant.domicile 原告住所
::require applicant.phone 原告联系电话
::require respondents[*].name 被告名称
::require respondents[*].domicile 被告住所
::require respondents[*].legal_representative 被告法定代表人
::require claims[0].text 诉讼请求
::require case.facts 事实与理由
::require court 受诉人民法院
{% import "_macros.tpl" as m %}
{# Element list item by item as the model text (要素式, 劳动争议纠纷): 当事人信息 (原告 自然人,
   委托诉讼代理人, 被告 法人、非法人组织), 诉讼请求 1-10 (工资支付, 未签书面劳动合同双倍工资,
   加班费, 未休年休假工资, 未缴社保经济损失, 解除经济补偿, 违法解除赔偿金, 诉讼费用, 其他,
   标的总额), 诉前保全, 事实与理由 1-7 (签订, 履行, 解除或终止, 工伤, 劳动仲裁, 其他, 诉请依据),
   证据清单, 对纠纷解决方式的意愿, 具状人. Element list taken from the published model text
   as reproduced in cat-xierluo/legal-skills (法〔2025〕82号 edition) [S: not read on
   court.gov.cn]. 民诉法 arts 122, 124 (2023 text, unchanged numbering in that chapter) [V2].
   One complaint naming every defendant, one copy per defendant; a collective dispute: one per
   worker with that worker's own claims (::meta per worker). #}
::title 民事起诉状
::center （劳动争议纠纷）
::noindent ★特别提示★诉讼参加人应遵守诚信原则如实认真填写表格。如果诉讼参加人违反有关规定，虚假诉讼、恶意诉讼、滥用诉权，人民法院将视违法情形依法追究责任。
::h 当事人信息
::kv
原告（自然人）|姓名：{{ applicant.name }}；性别：{{ applicant.sex_label }}；出生日期：{{ applicant.birth_date | date }}；民族：{{ applicant.ethnicity }}
工作单位、职务、联系电话|{{ [applicant.workplace, applicant.occupation, applicant.phone and ("联系电话：" ~ applicant.phone)] | select | join("；") }}
住所地（户籍所在地）、经常居住地|{{ applicant.domicile }}{{ ("；经常居住地：" ~ applicant.mailing_address) if applicant.mailing_address and applicant.mailing_address != applicant.domicile else "" }}
证件类型、证件号码|{{ applicant.id_type_label }}：{{ applicant.id_number }}
{% if applicant.agents %}
{% for a in applicant.agents %}
委托诉讼代理人|有■ 姓名：{{ a.name }}；{{ [a.workplace and ("单位：" ~ a.workplace), a.phone and ("联系电话：" ~ a.phone)] | select | join("；") }}；代理权限：{{ "一般授权□ 特别授权■" if a.authority == "special" else "一般授权■ 特别授权□" }}
{% endfor %}
{% else %}
委托诉讼代理人|无■
{% endif %}
{% for r in respondents %}
被告{{ r.number_cn }}（{{ "自然人" if r.is_person else "法人、非法人组织" }}）|名称：{{ r.name }}
住所地（主要办事机构所在地）|{{ r.domicile }}
法定代表人/负责人、职务|{{ [r.legal_representative, r.representative_title] | select | join("，") }}
统一社会信用代码、联系电话|{{ [r.credit_code, r.phone and ("联系电话：" ~ r.phone)] | select | join("；") }}
{% endfor %}
::end
::h 诉讼请求
{{ m.claim_items(claims) }}
::noindent （为方便、准确梳理要点，相关内容在下方要素式表格中填写）
::kv
{% for item in element_claims["items"] %}
{{ loop.index }}. {{ item.title }}|{{ item.box }}{{ ("　明细：" ~ item.detail) if item.detail else "" }}
{% endfor %}
8. 是否主张诉讼费用|{{ element_claims.costs_box }}
9. 其他诉讼请求|{{ element_claims.other or "无" }}
10. 标的总额|{{ element_claims.total | money }}
::end
::h 诉前保全
::kv
是否已经诉前保全|否■（如申请诉讼保全，另行提交诉讼保全申请及相关材料）
::end
::h 事实与理由
{{ case.facts }}
::kv
1. 劳动合同签订情况|{{ contract_signing or ("用工关系：" ~ case.category_label) }}
2. 劳动合同履行情况|{{ contract_performance or ([(applicant.occupation or case.occupation) and ("工作岗位：" ~ (applicant.occupation or case.occupation)), applicant.workplace and ("工作地点：" ~ applicant.workplace), case.platform and ("接单平台：" ~ case.platform)] | select | join("；")) or "见上文事实与理由" }}
3. 解除或终止劳动关系情况|{{ termination or "见上文事实与理由" }}
4. 工伤情况|{{ injury or "无" }}
5. 劳动仲裁相关情况|{% if arbitration_filing %}{{ [arbitration_filing.forum, arbitration_filing.filed_on and ("申请日期：" ~ (arbitration_filing.filed_on | date)), arbitration_filing.external_no and ("案号：" ~ arbitration_filing.external_no), arbitration_filing.result and ("结果：" ~ arbitration_filing.result)] | select | join("；") }}{% else %}无{% endif %}{{ ("；" ~ (award_text | replace("\n", " "))) if award_text else "" }}
6. 其他（如是否是农民工）|{{ other_facts or "无" }}
7. 诉请依据|{{ legal_basis | join("、") if legal_basis else "《中华人民共和国劳动合同法》《中华人民共和国劳动争议调解仲裁法》相关规定" }}
::end
::h 证据清单
{% if evidence %}
{{ m.evidence_table(evidence) }}
{% else %}
::noindent 证据清单另附。
{% endif %}
{% if witnesses %}
{% for w in witnesses %}
::noindent 证人：{{ w.name }}{{ m.seg(w.address, "住所") }}{{ m.seg(w.proves, "证明事项") }}。
{% endfor %}
{% endif %}
::h 对纠纷解决方式的意愿
::kv
是否了解调解作为非诉讼纠纷解决方式|了解□ 不了解□
是否了解先行调解解决纠纷的好处|了解□ 不了解□
是否考虑先行调解|是□ 否□ 暂不确定，想要了解更多内容□
::end
此致
::noindent {{ court }}
::sign 具状人（签字、盖章）：|
::right {{ today | date }}
::noindent 附：本起诉状副本{{ respondent_count_cn }}份（按被告人数提交）。
