::meta title 支付令申请书
::meta version 2026.2
::meta per debtor
::meta basis 《中华人民共和国劳动争议调解仲裁法》第十六条；《中华人民共和国民事诉讼法》第二百二十五条、第二百二十六条、第二百二十七条
{# Basis: 调解仲裁法 art 16 and 民诉法 art 225 (quoted in the text) [V]; 民诉法 arts 226-227 (acceptance in five days, order in fifteen, objection in fifteen; 2023 numbering) [V]. #}
::require applicant.name 申请人姓名
::require applicant.id_number 申请人身份证号码
::require applicant.domicile 申请人住所
::require applicant.phone 申请人联系电话
::require respondent.name 被申请人名称
::require respondent.domicile 被申请人住所
::require respondent.legal_representative 被申请人法定代表人
::require agreement.signed_on 调解协议签订日期
::require debtor_terms[0].due_on 协议约定履行期限
::require payment_order_amount 被申请人未履行的给付金额（调解协议中由被申请人支付且未履行的条款）
::require court 受理支付令申请的人民法院
{% import "_macros.tpl" as m %}
{# 调解仲裁法 art 16, 民诉法 arts 225-227: the order names the debtor of the unperformed
   money terms only, for what that debtor owes (::meta per debtor: one per owing respondent). #}
::title 支付令申请书
{{ m.party(applicant, "申请人") }}
{{ m.agents(applicant) }}
{{ m.party(respondent, "被申请人") }}
::h 请求事项
请求人民法院向被申请人发出支付令，督促被申请人向申请人支付{{ payment_order_amount | money }}。
::h 事实与理由
申请人与被申请人因劳动报酬等劳动争议，于{{ agreement.signed_on | date }}经{{ org.name }}主持调解达成调解协议，其中约定由被申请人承担的给付义务如下：
{% for t in debtor_terms %}
::noindent {{ loop.index }}. 被申请人于{{ t.due_on | date }}前向{{ t.payee }}支付{{ t.amount | money }}{% if t.method %}（{{ t.method }}）{% endif %}。
{% endfor %}
被申请人在协议约定的期限内未履行上述给付义务。根据《中华人民共和国劳动争议调解仲裁法》第十六条及《中华人民共和国民事诉讼法》第二百二十五条的规定，申请人与被申请人之间没有其他债务纠纷，支付令能够送达被申请人，特申请人民法院发出支付令。
::h 证据
::noindent 1. 调解协议书；2. 申请人身份证明；3. 被申请人未履行的相关证据。
此致
::noindent {{ court }}
::sign 申请人（签名、捺印）：|
::right {{ today | date }}
