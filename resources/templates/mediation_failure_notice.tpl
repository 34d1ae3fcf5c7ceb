::meta title 调解不成（终止调解）告知书
::meta version 2026.1
::meta basis 《中华人民共和国劳动争议调解仲裁法》第五条、第十四条、第二十七条；《企业劳动争议协商调解规定》第二十九条
{# Basis: 调解仲裁法 arts 5, 14 and 27 (route to arbitration, fifteen days, one-year limitation; quoted in the text) [V]; 企业规定 art 29 (the committee ends mediation after fifteen days) [U]. #}
::require applicant.name 申请人姓名
::require respondent.name 被申请人名称
::title 调解不成（终止调解）告知书
::center {{ case.case_no }}
::noindent {{ (applicants + respondents) | map(attribute="name") | join("、") }}：
你们之间的劳动争议，本委员会于{{ (case.accepted_on or case.received_on) | date }}受理调解。经调解，{{ failure_reason or "双方未能达成调解协议" }}，本委员会决定终止调解。
根据《中华人民共和国劳动争议调解仲裁法》第十四条、第五条的规定，当事人可以自收到本告知书之日起，依法向{{ arbitration_commission }}申请劳动争议仲裁。申请仲裁的时效期间为一年，从当事人知道或者应当知道其权利被侵害之日起计算；劳动关系存续期间因拖欠劳动报酬发生争议的，不受该时效期间限制，但劳动关系终止的，应当自劳动关系终止之日起一年内提出（第二十七条）。劳动争议仲裁不收费。
::sign 申请人（签收）：|被申请人（签收）：
::right {{ org.name }}（盖章）
::right {{ today | date }}
