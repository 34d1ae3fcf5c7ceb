::meta title 法定代表人身份证明书
::meta version 2026.1
::meta per respondent
::meta basis 《中华人民共和国民事诉讼法》第五十一条；《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五十条；《劳动人事争议仲裁办案规则》第二十九条
::require respondent.name 单位名称
::require respondent.legal_representative 法定代表人姓名
::require respondent.representative_title 法定代表人职务
{% import "_macros.tpl" as m %}
{# 民诉法 art 51 [V2: chapter unchanged by the 2023 amendment]: a legal person sues and is
   sued through its legal representative; 民诉解释 art 50 [S]: the representative registered
   is the one; 办案规则 art 29 (申请材料) [S]. One per organisation among the respondents;
   the seal makes it valid. #}
::title 法定代表人身份证明书
{{ respondent.legal_representative }}{% if respondent.representative_title %}在我单位任{{ respondent.representative_title }}职务{% endif %}，系{{ respondent.name }}{% if respondent.credit_code %}（统一社会信用代码：{{ respondent.credit_code }}）{% endif %}的法定代表人（主要负责人）。
特此证明。
{% if respondent.domicile %}
::noindent 单位住所：{{ respondent.domicile }}
{% endif %}
{% if respondent.phone %}
::noindent 联系电话：{{ respondent.phone }}
{% endif %}
::noindent 附：法定代表人（主要负责人）身份证复印件。
::sign 法定代表人（签名）：|{{ respondent.name }}（盖章）
::right {{ today | date }}
