{# Shared wording for parties, agents and claims. Organisations may override this file too. #}
{# "，联系电话：…" only when there is one: an empty field leaves no "联系电话：。". #}
{% macro seg(value, label="") -%}
{% if value %}，{% if label %}{{ label }}：{% endif %}{{ value }}{% endif %}
{%- endmacro %}

{% macro party(p, role) -%}
{% if p.is_person -%}
{{ role }}：{{ p.name }}{{ seg(p.sex_label) }}{{ seg(p.ethnicity) }}{{ seg(p.birth_date and (p.birth_date | date) ~ "出生") }}{{ seg(p.id_number, p.id_type_label or "公民身份号码") }}{{ seg(p.domicile, "住所地") }}{{ seg(p.mailing_address or p.domicile, "通讯地址") }}{{ seg(p.phone, "联系电话") }}{{ seg(p.occupation, "职业") }}{{ seg(p.workplace, "工作单位") }}。
{%- else -%}
{{ role }}：{{ p.name }}{{ seg(p.credit_code, "统一社会信用代码") }}{{ seg(p.domicile, "住所地") }}{{ seg(p.mailing_address or p.domicile, "通讯地址") }}{{ seg(p.legal_representative, "法定代表人（主要负责人）") }}{{ seg(p.representative_title, "职务") }}{{ seg(p.phone, "联系电话") }}。
{%- endif %}
{%- endmacro %}

{% macro agents(p) -%}
{% for a in p.agents %}
委托代理人：{{ a.name }}，{{ a.type_label }}（{{ a.authority_label }}）{{ seg(a.phone, "联系电话") }}{{ seg(a.workplace, "工作单位") }}。
{% endfor %}
{%- endmacro %}

{% macro claim_items(claims) -%}
{% for c in claims %}
::noindent {{ loop.index }}. {{ c.text }}{% if c.amount is not none %}：{{ c.amount | money }}{% endif %}{% if c.period_start %}（{{ c.period_start | date }}至{{ c.period_end | date }}）{% endif %}{{ "。" if loop.last else "；" }}
{% endfor %}
{%- endmacro %}

{% macro evidence_table(evidence) -%}
::table 序号|证据名称|证据来源|证明内容|页数|原件/复印件
{% for e in evidence %}
{{ e.seq }}|{{ e.name }}|{{ e.source }}|{{ e.proves }}|{{ e.pages or "" }}|{{ e.form_label }}
{% endfor %}
::end
{%- endmacro %}

{# Every respondent with its own entry: 被申请人一、被申请人二… when there are several. #}
{% macro respondents_block(respondents, role) -%}
{% for r in respondents %}
{{ party(r, role ~ r.number_cn) }}
{{ agents(r) }}
{% endfor %}
{%- endmacro %}

{# One signature place per party: ::sign 申请人一：X（签名、捺印）|申请人二：Y（盖章）…
   People first (short places, side by side), then organisations (seal and signature). #}
{% macro sign_each(parties) -%}
{% set people = parties | selectattr("is_person") | list %}
{% set bodies = parties | rejectattr("is_person") | list %}
{% if people %}
::sign {% for p in people %}{{ p.joint_label }}：{{ p.sign_label }}{{ "|" if not loop.last }}{% endfor %}{{ "" }}
{% endif %}
{% if bodies %}
::sign {% for p in bodies %}{{ p.joint_label }}：{{ p.sign_label }}{{ "|" if not loop.last }}{% endfor %}{{ "" }}
{% endif %}
{%- endmacro %}

{# The same, each place named by the role (申请人王小明（签名、捺印）：), as agreements sign. #}
{% macro sign_roles(parties) -%}
{% set people = parties | selectattr("is_person") | list %}
{% set bodies = parties | rejectattr("is_person") | list %}
{% if people %}
::sign {% for p in people %}{{ p.role_label }}{{ p.name }}（签名、捺印）：{{ "|" if not loop.last }}{% endfor %}{{ "" }}
{% endif %}
{% if bodies %}
::sign {% for p in bodies %}{{ p.role_label }}{{ p.name }}（盖章）：{{ "|" if not loop.last }}{% endfor %}{{ "" }}
{% endif %}
{%- endmacro %}
