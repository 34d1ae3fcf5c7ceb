::meta title 送达地址确认书（诉讼）
::meta version 2026.1
::meta per party
::meta basis 《中华人民共和国民事诉讼法》第八十七条至第九十五条；《最高人民法院关于以法院专递方式邮寄送达民事诉讼文书的若干规定》第三条
{# Basis: 民诉法 arts 87-95 (2023 numbering; art 90 quoted in the text) [S]; 法院专递规定 art 3 (confirm the address when suing or answering) [S]; 法发〔2017〕19号 arts 3-9 [U]. #}
::require party.name 受送达人
::require service_address.address 确认的送达地址（送达页的“确认送达地址”）
{% set a = service_address %}
{# Basis: 《中华人民共和国民事诉讼法》第八十七条至第九十五条（送达回证、电子送达、邮寄送达、公告送达）;
   《最高人民法院关于以法院专递方式邮寄送达民事诉讼文书的若干规定》第三条（起诉或答辩时确认送达地址）;
   《最高人民法院关于进一步加强民事送达工作的若干意见》（法发〔2017〕19号）第三条至第九条 [U]
   （确认书的内容、告知事项、适用于一审二审和执行、不确认时的推定地址）. Fields follow the
   courts' usual form: 案号、案由、受送达人、送达地址、收件人、电话、电子送达、代收人、告知事项、签名. #}
::title 送达地址确认书
::center {{ case.case_no }}
::kv
案由|{{ case.summary or "劳动争议" }}
受送达人|{{ party.name }}（{{ party.role_label }}）
确认的送达地址|{{ a.address }}
收件人及电话|{{ a.recipient or party.name }}{{ ("，" ~ (a.phone or party.phone)) if (a.phone or party.phone) else "" }}
电子送达|{{ ("同意" ~ ("，电子邮箱：" ~ a.email if a.email else ("，手机号码：" ~ a.phone if a.phone else ""))) if a.electronic_consent else "不同意" }}
::end
::noindent 告知事项：一、当事人应当如实提供确切的送达地址（《最高人民法院关于以法院专递方式邮寄送达民事诉讼文书的若干规定》第三条）；确认的地址适用于一审、二审和执行程序，变更的应及时书面告知人民法院。
::noindent 二、因地址不准确、拒不提供、变更未告知，或者本人、代收人拒绝签收，致使文书未能被实际接收的：邮寄送达的，以文书退回之日视为送达之日；直接送达的，以送达人在送达回证上记明情况之日视为送达之日。
::noindent 三、同意电子送达的，以送达信息到达受送达人特定系统的日期为送达日期（《中华人民共和国民事诉讼法》第九十条）。受送达人已阅读（听明白）上述告知事项，保证所确认的送达地址准确、有效。
::sign 受送达人（签名、盖章或捺印）：{{ party.name }}|人民法院工作人员（签名）：
::right {{ (a.confirmed_on or today) | date }}
