::meta title 送达回证
::meta version 2026.2
::meta per respondent
::require respondent.name 受送达人
::require respondent.mailing_address 送达地址
::require documents_served 送达文书
::title 送达回证
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
备注|
::end
::right {{ org.name }}（盖章）
