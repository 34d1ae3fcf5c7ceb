::meta title 送达地址确认书（诉讼）
::meta version 2026.1
::meta per party
::require party.name 受送达人
::require service_address.address 确认的送达地址（送达页的“确认送达地址”）
{# Basis: 《中华人民共和国民事诉讼法》第八十七条至第九十五条（送达回证、电子送达、邮寄送达、公告送达）;
   《最高人民法院关于以法院专递方式邮寄送达民事诉讼文书的若干规定》第三条（起诉或答辩时确认送达地址）;
   《最高人民法院关于进一步加强民事送达工作的若干意见》（法发〔2017〕19号）第三条至第九条 [U]
   （确认书的内容、告知事项、适用于一审二审和执行、不确认时的推定地址）. Fields follow the
   courts' usual form: 案号、案由、受送达人、送达地址、收件人、电话、电子送达、代收人、告知事项、签名. #}
{% set a = service_address %}
::title 送达地址确认书
::center {{ case.case_no }}
::kv
案由|{{ case.summary or "劳动争议" }}
受送达人|{{ party.name }}（{{ party.role_label }}）
确认的送达地址|{{ a.address }}
收件人|{{ a.recipient or party.name }}
联系电话|{{ a.phone or party.phone }}
是否同意电子送达|{{ "同意" if a.electronic_consent else "不同意" }}
电子送达地址|{{ a.email if a.electronic_consent and a.email else ("手机号码" ~ a.phone if a.electronic_consent and a.phone else "") }}
::end
::h 告知事项
::noindent 一、为便于当事人及时收到诉讼文书，当事人应当如实提供确切的送达地址（《最高人民法院关于以法院专递方式邮寄送达民事诉讼文书的若干规定》第三条）。
::noindent 二、确认的送达地址适用于一审、二审和执行程序；送达地址需要变更的，应当及时书面告知人民法院。
::noindent 三、因提供或者确认的送达地址不准确、拒不提供送达地址、送达地址变更未及时告知人民法院，或者本人、指定的代收人拒绝签收，导致诉讼文书未能被实际接收的：邮寄送达的，以文书退回之日视为送达之日；直接送达的，以送达人当场在送达回证上记明情况之日视为送达之日。
::noindent 四、同意电子送达的，以电子送达方式到达受送达人特定系统的日期为送达日期（《中华人民共和国民事诉讼法》第九十条）。
::noindent 受送达人已阅读（听明白）上述告知事项，保证所确认的送达地址准确、有效。
::sign 受送达人（签名、盖章或捺印）：{{ party.name }}|人民法院工作人员（签名）：
::right {{ (a.confirmed_on or today) | date }}
