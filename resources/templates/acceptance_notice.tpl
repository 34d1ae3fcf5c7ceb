::meta title 受理通知书
::meta version 2026.2
::meta basis 《中华人民共和国劳动争议调解仲裁法》第十二条、第十四条；《企业劳动争议协商调解规定》第二十二条
{# Basis: 调解仲裁法 art 12 (申请) and art 14 (fifteen days without agreement → arbitration, quoted in the text) [V]; 企业规定 art 22 (accept within three working days) [U]. #}
::require applicant.name 申请人姓名
::require case.accepted_on 受理日期
::require respondent.name 被申请人名称
::title 受理通知书
::center {{ case.case_no }}
::noindent {{ applicant.name }}{% if applicants | length > 1 %}等{{ applicants | length }}人{% endif %}：
你（们）于{{ case.received_on | date }}提出的与{{ respondent.name }}{% if respondents | length > 1 %}等{% endif %}劳动争议调解申请，经审查，符合受理条件，本委员会决定予以受理。
依照《中华人民共和国劳动争议调解仲裁法》第十四条，自本委员会收到调解申请之日（{{ case.received_on | date }}）起十五日内未达成调解协议的，当事人可以依法申请劳动争议仲裁。
请按通知参加调解，并如实提供与争议有关的证据材料。
::space
::right {{ org.name }}（盖章）
::right {{ case.accepted_on | date }}
