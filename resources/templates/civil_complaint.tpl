::meta title 民事起诉状
::meta version 2026.3
::meta per worker
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
{# 民诉法 art 124: the complaint names every defendant; one copy per defendant (art 123). #}
::title 民事起诉状
{{ m.party(applicant, "原告") }}
{{ m.agents(applicant) }}
{{ m.respondents_block(respondents, "被告") }}
::h 诉讼请求
{{ m.claim_items(claims) }}
::noindent {{ claims | length + 1 }}. 本案诉讼费用由被告承担。
::h 事实与理由
{{ case.facts }}
{% if award_text %}
{{ award_text }}
{% endif %}
为维护原告的合法权益，{% if legal_basis %}根据{{ legal_basis | join("、") }}等规定，{% endif %}特向贵院提起诉讼，请求依法判决。
::h 证据和证据来源，证人姓名和住所
{% if evidence %}
{{ m.evidence_table(evidence) }}
{% else %}
::noindent 证据另附清单提交。
{% endif %}
{{ m.witness_list(witnesses) }}
此致
::noindent {{ court }}
::sign 具状人（签名、捺印）：|
::right {{ today | date }}
::noindent 附：本起诉状副本{{ respondent_count_cn }}份（按被告人数提交）。
