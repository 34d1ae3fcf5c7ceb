::meta title 证据目录
::meta version 2026.1
::require evidence[0].name 证据名称
{% import "_macros.tpl" as m %}
::title 证据目录
::center {{ case.case_no }}
::noindent 提交人：{{ applicants | map(attribute="name") | join("、") }}
{{ m.evidence_table(evidence) }}
::sign 提交人（签名）：|接收人（签名）：
::right {{ today | date }}
