::meta title 司法确认申请书
::meta version 2026.2
::meta basis 《中华人民共和国人民调解法》第三十三条；《中华人民共和国民事诉讼法》第二百零五条、第二百零六条
{# Basis: 人民调解法 art 33 and 民诉法 art 205 (joint application within thirty days of the agreement taking effect, quoted in the text) [V]; 民诉法 art 206 (the ruling: valid — the other party may apply for enforcement — or dismissed) [V: text read as art 195 of the 2012 text on an official court page (ahtxfy.ahcourt.gov.cn), unchanged; 2012 arts 194-195 are 2023 arts 205-206]; 人民调解法 art 33 ¶2 (enforcement of a confirmed agreement) [V]; 确认规定2011 art 3 (attachments) [U]. #}
::require applicant.name 申请人姓名
::require applicant.id_number 申请人身份证号码
::require applicant.domicile 申请人住所
::require applicant.mailing_address 申请人送达地址
::require applicant.phone 申请人联系电话
::require respondents[*].name 被申请人名称
::require respondents[*].domicile 被申请人住所
::require respondents[*].mailing_address 被申请人送达地址
::require respondents[*].phone 被申请人联系电话
::require agreement.signed_on 调解协议签订日期
::require court 受理司法确认的人民法院
{% import "_macros.tpl" as m %}
::title 司法确认申请书
::noindent （各方当事人共同申请）
{# Every party its own numbered entry and signature place (a joint application). #}
{% for p in joint_parties %}
{{ m.party(p, p.joint_label) }}
{{ m.agents(p) }}
{% endfor %}
::h 请求事项
请求人民法院确认申请人于{{ agreement.signed_on | date }}经{{ org.name }}主持调解达成的调解协议有效。
::h 事实与理由
申请人之间因{{ case.summary or "劳动报酬等" }}发生纠纷，于{{ case.received_on | date }}向{{ org.name }}申请调解。经该组织主持调解，各方当事人于{{ agreement.signed_on | date }}自愿达成调解协议。该协议系各方当事人真实意思表示，不违反法律强制性规定，不损害国家利益、社会公共利益和他人合法权益。根据《中华人民共和国人民调解法》第三十三条、《中华人民共和国民事诉讼法》第二百零五条的规定，申请人在调解协议生效之日起三十日内共同申请司法确认。
申请人保证出于解决纠纷的目的申请司法确认，调解协议内容真实、合法，系自愿达成，并愿意承担虚假申请的法律责任。
::h 附：
::noindent 1. 调解协议书一份；2. 调解组织主持调解的证明；3. 申请人身份证明；4. 授权委托书（如有代理人）。
此致
::noindent {{ court }}
{{ m.sign_each(joint_parties) }}
::right {{ today | date }}
