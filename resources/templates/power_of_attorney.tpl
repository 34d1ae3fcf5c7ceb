::meta title 授权委托书
::meta version 2026.2
::meta per agent
::meta basis 《中华人民共和国劳动争议调解仲裁法》第二十四条；《中华人民共和国民事诉讼法》第六十一条、第六十二条
{# Basis: 调解仲裁法 art 24 (a written power naming the matters and the authority, for arbitration) [V]; 民诉法 arts 61-62 (who may act as agent; the power of attorney, special authority; 2023 numbering) [S]. #}
::require principal.name 委托人姓名
::require agent.name 受托人姓名
::require agent.authority_label 代理权限
{% import "_macros.tpl" as m %}
::title 授权委托书
{{ m.party(principal, "委托人") }}
受托人：{{ agent.name }}，{{ agent.type_label }}{% if agent.workplace %}，工作单位：{{ agent.workplace }}{% endif %}{{ m.seg(agent.id_number, "身份证号码") }}{{ m.seg(agent.phone, "联系电话") }}。
现委托上列受托人在{{ principal.name }}与{{ counterparty }}{{ case.cause }}一案的{{ procedure.name }}中{{ ("（" ~ procedure.body ~ "）") if procedure.body else "" }}，作为{{ principal.role_label }}的委托代理人。
{% if agent.authority == "special" %}
代理权限：特别授权，代为参加{{ procedure.name }}，代为陈述、举证、质证，代为提出、承认、放弃、变更请求，代为进行和解、调解，代为签收法律文书{{ ("；" ~ agent.authority_detail) if agent.authority_detail else "" }}。
{% else %}
代理权限：一般授权，代为参加{{ procedure.name }}，代为陈述、举证、质证和签收法律文书，不包括代为承认、放弃、变更请求和进行和解。
{% endif %}
::sign 委托人（签名或盖章）：|受托人（签名）：
::right {{ today | date }}
