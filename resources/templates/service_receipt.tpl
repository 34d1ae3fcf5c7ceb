::meta title 送达回证
::meta version 2026.2
::meta per served
::meta basis 《中华人民共和国民事诉讼法》第八十七条；《劳动人事争议仲裁办案规则》第二十三条
{# Basis: 民诉法 art 87 (the receipt: document, person served, date received, signature; 2023 numbering) [S]; 办案规则 art 23 (the commission's receipt: date received, signature; the civil-procedure service rules apply) [V: text read, 2026-12, in a copy of the commission's 送达回证 notes]. #}
::require respondent.name 受送达人
::require respondent.mailing_address 送达地址
::require documents_served 送达文书
::title 送达回证
{# 民诉法 arts 87-95 (办案规则 art 23 applies them to labour arbitration): the receipt records
   the document, the person served, the place, the way, the day and who served it. With service
   records (送达页) there is one receipt per party served, each document on its own line. #}
::center {{ case.case_no }}
::kv
案由|{{ case.cause }}
送达文书|{{ documents_served }}
受送达人|{{ respondent.name }}
送达地址|{{ respondent.mailing_address or respondent.domicile }}
送达方式|{{ service_method or "直接送达" }}
送达日期|{{ served_on | default(none) | date if served_on | default(none) else "" }}
受送达人签收|（签名或盖章）　　　　　年　　月　　日
代收人及代收理由|
送达人|{{ server | default("") }}
备注|{{ service_rows | map(attribute="note") | select | join("；") }}
::end
{% if service_rows %}
::table 送达文书名称|送达方式|送达日期|签收人|送达人
{% for r in service_rows %}
{{ r.document }}|{{ r.method }}{% if r.address and r.address != respondent.mailing_address %}，送达地点：{{ r.address }}{% endif %}|{{ r.served_on | date }}{% if r.deemed_on != r.served_on %}公告，{{ r.deemed_on | date }}视为送达{% endif %}|{{ r.signed_by }}|{{ r.server }}
{% endfor %}
::end
{% endif %}
::right {{ org.name }}（盖章）
