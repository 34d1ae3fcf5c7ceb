::meta title 仲裁审查申请书
::meta version 2026.2
::meta basis 《劳动人事争议仲裁办案规则》第七十四条、第七十五条
{# Basis: 办案规则 art 74 (joint application within fifteen days of the agreement taking effect, quoted in the text) [S: DOMAIN.md marks it V2]; art 75 (when it is not accepted) [U]. #}
::require applicant.name 申请人姓名
::require applicant.id_number 申请人身份证号码
::require applicant.mailing_address 申请人送达地址
::require applicant.phone 申请人联系电话
::require respondents[*].name 被申请人名称
::require respondents[*].credit_code 被申请人统一社会信用代码
::require respondents[*].mailing_address 被申请人送达地址
::require respondents[*].phone 被申请人联系电话
::require agreement.signed_on 调解协议签订日期
::require arbitration_commission 受理的劳动人事争议仲裁委员会
{% import "_macros.tpl" as m %}
::title 仲裁审查申请书
::noindent （各方当事人共同申请）
{# Every party its own numbered entry and signature place (a joint application). #}
{% for p in joint_parties %}
{{ m.party(p, p.joint_label) }}
{{ m.agents(p) }}
{% endfor %}
::h 请求事项
请求对各方当事人于{{ agreement.signed_on | date }}经{{ org.name }}主持达成的调解协议进行仲裁审查，并依法制作仲裁调解书。
::h 事实与理由
各方当事人因劳动争议于{{ case.received_on | date }}向{{ org.name }}申请调解，经调解于{{ agreement.signed_on | date }}自愿达成调解协议。该协议系各方当事人真实意思表示，内容不违反法律、行政法规的强制性规定，不涉及确认劳动关系。根据《劳动人事争议仲裁办案规则》第七十四条的规定，各方当事人自调解协议生效之日起十五日内共同提出本申请。
::h 附：
::noindent 1. 调解协议书一份；2. 各方当事人身份证明、资格证明材料；3. 授权委托书（如有代理人）。
::noindent 送达地址及联系电话见上。
此致
::noindent {{ arbitration_commission }}
{{ m.sign_each(joint_parties) }}
::right {{ today | date }}
