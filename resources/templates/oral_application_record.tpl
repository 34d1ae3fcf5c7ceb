::meta title 口头申请调解记录
::meta version 2026.1
::meta basis 《中华人民共和国劳动争议调解仲裁法》第十二条
{# Basis: 调解仲裁法 art 12 (an oral application: the organisation records the applicant's particulars, the dispute, the reasons and the time on the spot) [V]. #}
::require applicant.name 申请人姓名
::require applicant.id_number 申请人身份证号码
::require applicant.phone 申请人联系电话
::require respondent.name 被申请人名称
::require claims[0].text 调解请求
::require case.facts 事实与理由
{% import "_macros.tpl" as m %}
::title 口头申请调解记录
::kv
申请时间|{{ case.received_on | date }}
申请方式|口头申请
记录人|{{ org.name }}
::end
{% for a in applicants %}
{{ m.party(a, "申请人") }}
{% endfor %}
{% for r in respondents %}
{{ m.party(r, "被申请人") }}
{% endfor %}
::h 申请人陈述的调解请求
{{ m.claim_items(claims) }}
::h 申请人陈述的事实与理由
{{ case.facts }}
::noindent 以上记录已向申请人宣读（或交其阅看），申请人确认无误。
::sign 申请人（签名、捺印）：|记录人（签名）：
::right {{ case.received_on | date }}
