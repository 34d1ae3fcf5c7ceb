::meta title 调解申请书
::meta version 2026.1
::meta basis 《中华人民共和国劳动争议调解仲裁法》第十二条；《企业劳动争议协商调解规定》第二十条
{# Basis: 调解仲裁法 art 12 (written or oral application; particulars, claims, reasons, date) [V]; 企业规定 art 20 (application to the enterprise committee) [U: number not checked]. #}
::require applicant.name 申请人姓名
::require applicant.id_number 申请人身份证号码
::require applicant.domicile 申请人住所
::require applicant.phone 申请人联系电话
::require respondent.name 被申请人名称
::require claims[0].text 调解请求
::require case.facts 事实与理由
{% import "_macros.tpl" as m %}
::title 调解申请书
{% for a in applicants %}
{{ m.party(a, "申请人") }}
{{ m.agents(a) }}
{% endfor %}
{% for r in respondents %}
{{ m.party(r, "被申请人") }}
{% endfor %}
::h 调解请求
{{ m.claim_items(claims) }}
::h 事实与理由
{{ case.facts }}
{% if legal_basis %}根据{{ legal_basis | join("、") }}等规定，{% endif %}特申请调解，请依法主持调解。
::space
此致
::noindent {{ org.name }}
::sign 申请人（签名或盖章、捺印）：|
::right {{ case.received_on | date }}
