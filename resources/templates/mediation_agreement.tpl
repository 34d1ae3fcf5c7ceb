::meta title 调解协议书
::meta version 2026.1
::meta basis 《中华人民共和国劳动争议调解仲裁法》第十四条、第十五条、第十六条；《中华人民共和国人民调解法》第二十九条、第三十一条
{# Basis: all quoted in the text: 调解仲裁法 art 14 (signatures, seal, binding) [V], arts 15-16 (arbitration, payment order on non-performance) [V]; 人民调解法 art 29 (contents, copies) [V], art 31 (binding, performance) [S]. #}
::require applicant.name 申请人姓名
::require applicant.id_number 申请人身份证号码
::require respondent.name 被申请人名称
::require agreement.signed_on 协议签订日期
::require agreement.content 协议内容
::require agreement.terms[0].amount 履行金额
::require agreement.terms[0].due_on 履行期限
{% import "_macros.tpl" as m %}
::title 调解协议书
::center {{ case.case_no }}
{% for a in applicants %}
{{ m.party(a, "申请人") }}
{{ m.agents(a) }}
{% endfor %}
{% for r in respondents %}
{{ m.party(r, "被申请人") }}
{{ m.agents(r) }}
{% endfor %}
::h 一、申请事项
{{ m.claim_items(claims) }}
::h 二、纠纷事实及各方责任
{{ agreement.facts or case.facts }}
{% if agreement.responsibility %}
{{ agreement.responsibility }}
{% endif %}
::h 三、协议内容
经{{ org.name }}主持调解，双方当事人自愿达成如下协议：
{{ agreement.content }}
{% for t in agreement.terms %}
::noindent {{ loop.index }}. {{ t.payer }}于{{ t.due_on | date }}前向{{ t.payee }}支付{{ t.amount | money }}，履行方式：{{ t.method or "银行转账" }}{% if t.description %}（{{ t.description }}）{% endif %}。
{% endfor %}
::h 四、履行与救济
本协议自双方当事人签名或者盖章、调解员签名并加盖调解组织印章之日起生效，对双方当事人具有约束力，当事人应当履行（《中华人民共和国劳动争议调解仲裁法》第十四条；《中华人民共和国人民调解法》第二十九条、第三十一条）。
双方当事人可以自本协议生效之日起十五日内共同向劳动人事争议仲裁委员会申请仲裁审查，或者自本协议生效之日起三十日内共同向人民法院申请司法确认。
达成调解协议后，一方当事人在协议约定期限内不履行调解协议的，另一方当事人可以依法申请仲裁；因支付拖欠劳动报酬、工伤医疗费、经济补偿或者赔偿金事项达成调解协议，用人单位在协议约定期限内不履行的，劳动者可以持调解协议书依法向人民法院申请支付令（《中华人民共和国劳动争议调解仲裁法》第十五条、第十六条）。
本协议一式{{ agreement.copies_cn }}份，双方当事人各执一份，{{ org.name }}留存一份。
{# Each party signs (a person also presses a fingerprint) or seals: 调解仲裁法 art 14. #}
{{ m.sign_roles(applicants + respondents) }}
::sign 调解员（签名）：|{{ org.name }}（盖章）
::right {{ agreement.signed_on | date }}
