::meta title 民事起诉状
::meta version 2026.3
::meta per worker
::meta basis 《中华人民共和国民事诉讼法》第一百二十二条、第一百二十三条、第一百二十四条；《中华人民共和国劳动争议调解仲裁法》第四十八条、第五十条
{# Basis: 民诉法 arts 122-124 (2023 numbering: conditions, written complaint with copies, contents) [S: as in civil_complaint_labour]; 调解仲裁法 art 48 (worker sues against a final award) and art 50 (suit against a non-final award), fifteen days [V]. #}
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
