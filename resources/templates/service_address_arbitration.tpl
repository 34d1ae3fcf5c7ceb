::meta title 送达地址确认书（仲裁）
::meta version 2026.1
::meta per party
::meta basis 《劳动人事争议仲裁办案规则》第二十三条；《中华人民共和国民事诉讼法》第八十七条至第九十五条
{# Basis: 办案规则 art 23 (service follows the civil-procedure rules, quoted in the text) [V: text read, 2026-12]; 民诉法 arts 87-95 (2023 numbering; art 90 electronic service, art 95 service by notice, quoted in the text) [S]. #}
::require party.name 受送达人
::require service_address.address 确认的送达地址（送达页的“确认送达地址”）
{% set a = service_address %}
{# Basis: 《劳动人事争议仲裁办案规则》第二十三条 [V]（仲裁文书的送达方式参照民事诉讼关于送达
   方式的规定）; 《中华人民共和国民事诉讼法》第八十七条至第九十五条（送达回证、电子送达、
   邮寄送达、公告送达）. Fields follow the commissions' usual form, which copies the courts'. #}
::title 送达地址确认书
::center {{ arbitration_commission }}　{{ case.case_no }}
::kv
案由|{{ case.summary or "劳动争议" }}
受送达人|{{ party.name }}（{{ party.role_label }}）
确认的送达地址|{{ a.address }}
收件人及电话|{{ a.recipient or party.name }}{{ ("，" ~ (a.phone or party.phone)) if (a.phone or party.phone) else "" }}
电子送达|{{ ("同意" ~ ("，电子邮箱：" ~ a.email if a.email else ("，手机号码：" ~ a.phone if a.phone else ""))) if a.electronic_consent else "不同意" }}
::end
::noindent 告知事项：一、当事人应当如实提供确切的送达地址；仲裁文书的送达参照民事诉讼关于送达的规定（《劳动人事争议仲裁办案规则》第二十三条），确认的地址适用于本案仲裁程序，变更的应及时书面告知仲裁委员会。
::noindent 二、因地址不准确、变更未告知，或者本人、代收人拒绝签收，致使文书未能被实际接收的：邮寄送达的，以文书退回之日视为送达之日；直接送达的，以送达人在送达回证上记明情况之日视为送达之日。
::noindent 三、同意电子送达的，以送达信息到达受送达人特定系统之日为送达日期；无法送达的可以公告送达，经过三十日即视为送达（参照《中华人民共和国民事诉讼法》第九十条、第九十五条）。受送达人已阅读（听明白）上述告知事项，保证所确认的送达地址准确、有效。
::sign 受送达人（签名、盖章或捺印）：{{ party.name }}|仲裁委员会工作人员（签名）：
::right {{ (a.confirmed_on or today) | date }}
