::meta title 民事答辩状（劳动争议纠纷）
::meta version 2026.2
::meta per respondent
::meta basis 最高人民法院、司法部、中华全国律师协会《民事答辩状（劳动争议纠纷）》要素式示范文本（法〔2024〕46号，2024年3月4日起试行，2025年1月1日起全面应用；法〔2025〕82号修订）；《中华人民共和国民事诉讼法》第一百二十八条
::require respondent.name 答辩人名称
::require respondent.domicile 答辩人住所
::require respondent.legal_representative 答辩人法定代表人
::require applicant.name 原告姓名
::require claims[0].text 原告的诉讼请求
::require court 受诉人民法院
{% import "_macros.tpl" as m %}
{# The defendant's answer, one per defendant (::meta per respondent). The notices are [V]:
   法〔2024〕46号 《部分案件民事起诉状答辩状示范文本（试行）》 from 2024-03-04 for 11 causes
   incl. 劳动争议 (acla.org.cn, 2024-04-25) and 法明传〔2024〕173号, every court applying them
   from 2025-01-01 (yctgfy.jxfy.gov.cn, 2025-01); 法〔2025〕82号 of 2025-05-28 revised them, in
   force 2025-07-14 [S: a copy of the notice, 055110.com]. 民诉法 art 128 (answer within 15
   days of receiving the complaint) [V2].
   Element list [S2, 2026-12-01: the official model text itself was not found in any stored
   copy; two independent filing-assistant programs that reproduce it agree item by item —
   a "laborDisputeDefenseConfig" (民事答辩状（劳动争议纠纷）, TypeScript form config) and a
   Streamlit page (REPLY_QUESTIONS, 劳动争议纠纷 答辩状); a reviewer with the SPC text checks]:
   当事人信息 (答辩人, 委托诉讼代理人); 答辩事项和依据（对原告诉讼请求的确认或者异议）, each
   item 确认□ 异议□ with its 事由: 1 工资支付, 2 未签订书面劳动合同双倍工资, 3 加班费,
   4 未休年休假工资, 5 未依法缴纳社会保险费造成的经济损失, 6 解除劳动合同经济补偿, 7 违法
   解除劳动合同赔偿金, 8 劳动仲裁相关情况, 9 其他事由, 10 答辩的依据（法律及司法解释的规定，
   要写明具体条文）, 11 证据清单（可另附页）. Neither has a separate 事实和理由 part for this
   cause (the models of other causes do), nor an item on 诉讼费用. 对纠纷解决方式的意愿 as in
   the complaint model [S]. #}
::title 民事答辩状
::center （劳动争议纠纷）
::noindent ★特别提示★诉讼参加人应遵守诚信原则如实认真填写表格。如果诉讼参加人违反有关规定，虚假诉讼、恶意诉讼、滥用诉权，人民法院将视违法情形依法追究责任。
::h 当事人信息
::kv
答辩人（{{ "自然人" if respondent.is_person else "法人、非法人组织" }}）|名称：{{ respondent.name }}
住所地（主要办事机构所在地）|{{ respondent.domicile }}
法定代表人/负责人、职务|{{ [respondent.legal_representative, respondent.representative_title] | select | join("，") }}
统一社会信用代码、联系电话|{{ [respondent.credit_code, respondent.phone and ("联系电话：" ~ respondent.phone)] | select | join("；") }}
{% if respondent.agents %}
{% for a in respondent.agents %}
委托诉讼代理人|有■ 姓名：{{ a.name }}；{{ [a.workplace and ("单位：" ~ a.workplace), a.phone and ("联系电话：" ~ a.phone)] | select | join("；") }}；代理权限：{{ "一般授权□ 特别授权■" if a.authority == "special" else "一般授权■ 特别授权□" }}
{% endfor %}
{% else %}
委托诉讼代理人|有□ 无□
{% endif %}
::end
::noindent 答辩人因与原告{{ applicant.name }}劳动争议纠纷一案，{% if court_case_no %}（{{ court_case_no }}），{% endif %}提出答辩如下：
::h 答辩事项和依据（对原告诉讼请求的确认或者异议）
::kv
{% for item in element_claims["items"] %}
{{ loop.index }}. 对{{ item.title | replace("是否主张", "") }}诉请的确认和异议|{{ ("原告主张：" ~ item.detail ~ "。确认□ 异议□ 事由：") if item.claimed else "原告未主张" }}
{% endfor %}
8. 对劳动仲裁相关情况的确认和异议|{{ ("仲裁案号：" ~ arbitration_filing.external_no ~ "。") if arbitration_filing and arbitration_filing.external_no else "" }}确认□ 异议□ 事由：
9. 其他事由|{{ ("原告另主张：" ~ element_claims.other ~ "。") if element_claims.other else "" }}{{ defence_text or "" }}
10. 答辩的依据|（法律及司法解释的规定，要写明具体条文）
11. 证据清单|（可另附页）
::end
::h 对纠纷解决方式的意愿
::kv
是否了解调解作为非诉讼纠纷解决方式|了解□ 不了解□
是否了解先行调解解决纠纷的好处|了解□ 不了解□
是否考虑先行调解|是□ 否□ 暂不确定，想要了解更多内容□
::end
此致
::noindent {{ court }}
::sign 答辩人（签字、盖章）：|
::right {{ today | date }}
::noindent 附：本答辩状副本{{ applicant_count_cn }}份（按原告人数提交）。
