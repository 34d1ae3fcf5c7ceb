::meta title 劳动人事争议仲裁申请书
::meta version 2026.3
::meta per worker
::meta basis 《中华人民共和国劳动争议调解仲裁法》第二十八条、第二十九条；《劳动人事争议仲裁办案规则》第二十九条
{# Basis: 调解仲裁法 art 28 (contents of the application, one copy per respondent) and art 29 (accept or refuse within five days) [V]; 办案规则 art 29 (contents and copies) [S: DOMAIN.md §8, not read in the rules' text]. #}
::require applicant.name 申请人姓名
::require applicant.sex_label 申请人性别
::require applicant.birth_date 申请人出生日期
::require applicant.id_number 申请人身份证号码
::require applicant.domicile 申请人住所
::require applicant.mailing_address 申请人通讯地址
::require applicant.phone 申请人联系电话
::require respondents[*].name 被申请人名称
::require respondents[*].domicile 被申请人住所
::require respondents[*].mailing_address 被申请人通讯地址
::require respondents[*].legal_representative 被申请人法定代表人
::require respondents[*].phone 被申请人联系电话
::require claims[0].text 仲裁请求
::require case.facts 事实与理由
::require arbitration_commission 受理的劳动人事争议仲裁委员会
{% import "_macros.tpl" as m %}
{# 调解仲裁法 art 28, 办案规则 art 29: one application naming every respondent, and one copy
   for each respondent. In a collective dispute each worker files his own (::meta per worker). #}
::title 劳动人事争议仲裁申请书
{{ m.party(applicant, "申请人") }}
{{ m.agents(applicant) }}
{{ m.respondents_block(respondents, "被申请人") }}
::h 仲裁请求
{{ m.claim_items(claims) }}
::h 事实和理由
{{ case.facts }}
为维护申请人的合法权益，{% if legal_basis %}根据{{ legal_basis | join("、") }}等规定，{% endif %}特向贵委申请仲裁，请求依法裁决。
::h 证据和证据来源、证人姓名和住所
{% if evidence %}
{{ m.evidence_table(evidence) }}
{% else %}
::noindent 证据另附清单提交。
{% endif %}
{{ m.witness_list(witnesses) }}
此致
::noindent {{ arbitration_commission }}
::sign 申请人（签名、捺印）：|
::right {{ today | date }}
::noindent 附：本申请书副本{{ respondent_count_cn }}份（按被申请人人数提交，每名被申请人一份）。
