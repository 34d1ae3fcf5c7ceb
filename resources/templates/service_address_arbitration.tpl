::meta title 送达地址确认书（仲裁）
::meta version 2026.1
::meta per party
::require party.name 受送达人
::require service_address.address 确认的送达地址（送达页的“确认送达地址”）
{# Basis: 《劳动人事争议仲裁办案规则》第二十三条 [U]（仲裁文书的送达方式参照民事诉讼关于送达
   方式的规定）; 《中华人民共和国民事诉讼法》第八十七条至第九十五条（送达回证、电子送达、
   邮寄送达、公告送达）. Fields follow the commissions' usual form, which copies the courts'. #}
{% set a = service_address %}
::title 送达地址确认书
::center {{ arbitration_commission }}
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
::noindent 一、当事人应当如实提供确切的送达地址；仲裁文书按确认的地址送达，送达方式参照民事诉讼关于送达的规定（《劳动人事争议仲裁办案规则》第二十三条）。
::noindent 二、确认的送达地址适用于本案仲裁程序的各个阶段；需要变更的，应当及时书面告知仲裁委员会。
::noindent 三、因提供或者确认的送达地址不准确、送达地址变更未及时告知，或者本人、指定的代收人拒绝签收，导致仲裁文书未能被实际接收的：邮寄送达的，以文书退回之日视为送达之日；直接送达的，以送达人在送达回证上记明情况之日视为送达之日。
::noindent 四、同意电子送达的，以电子送达到达受送达人特定系统的日期为送达日期（参照《中华人民共和国民事诉讼法》第九十条）；受送达人下落不明或者以其他方式无法送达的，可以公告送达，自发出公告之日起经过三十日即视为送达（参照《中华人民共和国民事诉讼法》第九十五条）。
::noindent 受送达人已阅读（听明白）上述告知事项，保证所确认的送达地址准确、有效。
::sign 受送达人（签名、盖章或捺印）：{{ party.name }}|仲裁委员会工作人员（签名）：
::right {{ (a.confirmed_on or today) | date }}
