::meta title 劳动人事争议仲裁申请书（集体争议·代表人）
::meta version 2026.1
::meta basis 《中华人民共和国劳动争议调解仲裁法》第七条、第二十八条；《劳动人事争议仲裁办案规则》第五条、第二十九条
::require representative_parties[*].name 代表人姓名
::require representative_parties[*].id_number 代表人身份证号码
::require representative_parties[*].domicile 代表人住所
::require representative_parties[*].phone 代表人联系电话
::require workers[*].party.id_number 劳动者身份证号码
::require respondents[*].name 被申请人名称
::require respondents[*].domicile 被申请人住所
::require respondents[*].legal_representative 被申请人法定代表人
::require respondents[*].phone 被申请人联系电话
::require claims[0].text 仲裁请求
::require case.facts 事实与理由
::require arbitration_commission 受理的劳动人事争议仲裁委员会
{% import "_macros.tpl" as m %}
{# 调解仲裁法 art 7 [V]: ten or more workers with a common claim may elect representatives
   to take part in mediation, arbitration or litigation; art 28 [V]: the application, one copy
   per respondent. 办案规则 art 5 (集体劳动人事争议处理原则) [S: heading from the commentary's
   table of contents], art 29 (申请材料) [V2]. The representatives are the named applicants;
   every worker is listed with his own claims and signs (or presses a fingerprint) in the
   list; each respondent has its own entry. #}
::title 劳动人事争议仲裁申请书
::center （集体劳动争议·代表人申请）
::noindent 申请人：{{ workers[0].party.name }}等{{ workers | length }}名劳动者（名单及各人请求附后）
{% for r in representative_parties %}
{{ m.party(r, r.rep_label) }}
{% endfor %}
{{ m.respondents_block(respondents, "被申请人") }}
::h 仲裁请求
{% for c in common_claims %}
::noindent {{ loop.index }}. {{ c.text }}{% if c.amount is not none %}，合计{{ c.amount | money }}{% endif %}（涉及{{ c.workers }}名劳动者，各人明细见附表）{{ "。" if loop.last else "；" }}
{% endfor %}
::h 事实和理由
{{ case.facts }}
上述{{ workers | length }}名劳动者的请求系同一事实、同一被申请人引起的共同请求，依照《中华人民共和国劳动争议调解仲裁法》第七条的规定推举代表人参加仲裁活动，特向贵委申请仲裁，请求依法裁决。
::h 证据和证据来源、证人姓名和住所
{% if evidence %}
{{ m.evidence_table(evidence) }}
{% else %}
::noindent 证据另附清单提交。
{% endif %}
{% for w in witnesses %}
::noindent 证人：{{ w.name }}{{ m.seg(w.address, "住所") }}。
{% endfor %}
::h 附表：劳动者名单及各人请求
::table 序号|姓名|公民身份号码|请求事项及金额|金额合计|签名（捺印）
{% for w in workers %}
{{ w.number }}|{{ w.party.name }}|{{ w.party.id_number }}|{{ w.claims_text }}|{{ w.total | figures }}|
{% endfor %}
::end
::noindent 以上{{ workers | length }}名劳动者请求金额合计{{ workers_total | money }}。
此致
::noindent {{ arbitration_commission }}
::sign {% for r in representative_parties %}{{ r.rep_label }}：{{ r.name }}（签名、捺印）{{ "|" if not loop.last }}{% endfor %}{{ "" }}
::right {{ today | date }}
::noindent 附：1. 本申请书副本{{ respondent_count_cn }}份（按被申请人人数提交）；2. 推举代表人的书面材料；3. 劳动者身份证明。
