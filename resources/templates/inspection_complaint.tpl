::meta title 劳动保障监察投诉书
::meta version 2026.1
::meta basis 《劳动保障监察条例》第九条、第二十条
{# Basis: 条例 art 9 (a worker may complain to the labour-security department) [S]; art 20 (violations not found within two years are not investigated) [S]; the text names the 条例 only. #}
::require applicant.name 投诉人姓名
::require applicant.id_number 投诉人身份证号码
::require applicant.phone 投诉人联系电话
::require respondent.name 被投诉单位名称
::require respondent.domicile 被投诉单位地址
::require case.facts 投诉事实
::require inspection_authority 劳动保障监察机构
{% import "_macros.tpl" as m %}
::title 劳动保障监察投诉书
{{ m.party(applicant, "投诉人") }}
被投诉单位：{{ respondent.name }}，地址：{{ respondent.domicile }}，法定代表人（负责人）：{{ respondent.legal_representative }}，联系电话：{{ respondent.phone }}。
::h 投诉请求
{{ m.claim_items(claims) }}
::h 违法事实
{{ case.facts }}
{% if legal_basis %}被投诉单位的上述行为违反了{{ legal_basis | join("、") }}等规定。
{% endif %}::noindent 投诉人保证所反映情况属实。根据《劳动保障监察条例》的规定，请依法查处。
此致
::noindent {{ inspection_authority }}
::sign 投诉人（签名）：|
::right {{ today | date }}
