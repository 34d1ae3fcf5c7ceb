::meta title 不予受理通知书
::meta version 2026.1
::meta basis 《中华人民共和国劳动争议调解仲裁法》第五条、第二十七条；《企业劳动争议协商调解规定》第二十二条
{# Basis: 调解仲裁法 art 5 (quoted in the text) and art 27 (one-year limitation, in the text without its number) [V]; 企业规定 art 22 (accept or refuse within three working days) [U]. #}
::require applicant.name 申请人姓名
::require respondent.name 被申请人名称
::require refusal_reason 不予受理的理由
::title 不予受理通知书
::center {{ case.case_no }}
::noindent {{ applicant.name }}：
你于{{ case.received_on | date }}提出的与{{ respondent.name }}劳动争议调解申请，经审查，因{{ refusal_reason }}，本委员会决定不予受理。
对不予受理不服或者不愿调解的，你可以自收到本通知之日起依法向{{ arbitration_commission }}申请劳动争议仲裁（《中华人民共和国劳动争议调解仲裁法》第五条）；属于民事纠纷的，可以向人民法院起诉。仲裁时效为一年，从当事人知道或者应当知道其权利被侵害之日起计算。
::space
::right {{ org.name }}（盖章）
::right {{ today | date }}
