::meta title 卷宗封面
::meta version 2026.3
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
