::meta title 证据目录
::meta version 2026.1
::meta basis 《中华人民共和国劳动争议调解仲裁法》第六条、第二十八条；《中华人民共和国民事诉讼法》第六十七条
{# Basis: 调解仲裁法 art 6 (who asserts proves; evidence the employer holds) [V] and art 28 (the application states the evidence and its source) [V]; 民诉法 art 67 (2023 numbering, burden of proof) [S]. #}
::require evidence[0].name 证据名称
{% import "_macros.tpl" as m %}
::title 证据目录
::center {{ case.case_no }}
::noindent 提交人：{{ applicants | map(attribute="name") | join("、") }}
{{ m.evidence_table(evidence) }}
::sign 提交人（签名）：|接收人（签名）：
::right {{ today | date }}
