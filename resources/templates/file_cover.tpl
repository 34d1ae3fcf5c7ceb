::meta title 卷宗封面
::meta version 2026.3
::meta basis 《中华人民共和国人民调解法》第二十七条；《企业劳动争议协商调解规定》第二十八条
{# Basis: 人民调解法 art 27 (the mediator records the mediation; the committee keeps a case file of the register, the records and the agreement) [V: text read, 2026-12, a copy of the law's arts 27-33]; 企业规定 art 28 (调解委员会 keeps its case files) [U: searched 2026-12, the rule's text was not found; number not checked]. #}
::require case.case_no 案号
::title {{ org.name }}
::title 劳动争议调解卷宗
::space
::kv
案号|{{ case.case_no }}
案由|{{ case.cause }}
申请人|{{ applicants | map(attribute="name") | join("、") }}
被申请人|{{ respondents | map(attribute="name") | join("、") }}
调解员|{{ mediator_names or "" }}
收案日期|{{ case.received_on | date }}
结案日期|{{ closed_on | date if closed_on else "" }}
结案方式|{{ case.closing_method }}
保管期限|{{ retention or "" }}
立卷人|
::end
