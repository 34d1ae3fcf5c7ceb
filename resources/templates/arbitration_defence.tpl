::meta title 仲裁答辩书
::meta version 2026.1
::meta per respondent
::meta basis 《中华人民共和国劳动争议调解仲裁法》第三十条；《劳动人事争议仲裁办案规则》第三十三条
::require respondent.name 答辩人名称
::require respondent.domicile 答辩人住所
::require respondent.legal_representative 答辩人法定代表人
::require respondent.phone 答辩人联系电话
::require applicant.name 申请人姓名
::require defence_text 答辩意见
::require arbitration_commission 受理的劳动人事争议仲裁委员会
{% import "_macros.tpl" as m %}
{# 调解仲裁法 art 30 [V]: the respondent answers within ten days of receiving the copy of
   the application; 办案规则 art 33 (申请书和答辩书的送达) [S: numbering from the rules'
   commentary's table of contents]. One answer per respondent (::meta per respondent), one
   copy per applicant. #}
::title 仲裁答辩书
{{ m.party(respondent, "答辩人") }}
{{ m.agents(respondent) }}
{% for a in applicants %}
{{ m.party(a, "被答辩人" ~ (a.number_cn if applicants | length > 1 else "")) }}
{% endfor %}
::noindent 答辩人就被答辩人{{ applicant.name }}{% if applicants | length > 1 %}等{{ applicants | length }}人{% endif %}申请劳动争议仲裁{% if arbitration_filing and arbitration_filing.external_no %}（{{ arbitration_filing.external_no }}）{% endif %}一案，依照《中华人民共和国劳动争议调解仲裁法》第三十条的规定，在收到仲裁申请书副本之日起十日内提出答辩如下：
::h 对仲裁请求的意见
{{ m.claim_items(claims) }}
::h 答辩意见及事实和理由
{{ defence_text }}
::h 证据和证据来源
::noindent 证据另附清单提交。
此致
::noindent {{ arbitration_commission }}
::sign 答辩人：{{ respondent.sign_label }}
::right {{ today | date }}
::noindent 附：本答辩书副本{{ applicant_count_cn }}份（按被答辩人人数提交）。
