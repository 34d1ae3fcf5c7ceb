::meta title 受理回执
::meta version 2026.1
::meta per worker
::meta basis 《中华人民共和国劳动争议调解仲裁法》第十二条、第十四条；《企业劳动争议协商调解规定》（人社部令第17号）
::require applicant.name 申请人姓名
::require case.received_on 收到申请日期
{% import "_macros.tpl" as m %}
{# The committee gives the applicant a receipt for the application and its materials. The
   receipt date is the start of the 15 days of 调解仲裁法 art 14 [V] (no agreement within 15
   days of receipt → arbitration); art 12 [V]: written or oral application. The enterprise
   committee's acceptance time limit (企业劳动争议协商调解规定, 3 working days) [U]. #}
::title 受理回执
::center {{ case.case_no }}
::noindent {{ applicant.name }}：
本委员会于{{ case.received_on | date }}收到你与{{ respondents | map(attribute="name") | join("、") or "对方当事人" }}劳动争议的{{ "口头" if case.intake_channel_label == "口头申请" else "" }}调解申请及下列材料：
::noindent {{ received_materials or ("调解申请书一份；身份证明复印件一份" ~ (("；证据材料" ~ (evidence | length) ~ "份") if evidence else "")) }}。
依照《中华人民共和国劳动争议调解仲裁法》第十四条的规定，自本委员会收到调解申请之日起十五日内未达成调解协议的，当事人可以依法申请劳动争议仲裁。{{ ("本委员会已于" ~ (case.accepted_on | date) ~ "决定受理。") if case.accepted_on else "" }}
本回执由申请人留存。
::sign 经办人（签名）：|申请人（签收）：
::right {{ org.name }}（盖章）
::right {{ case.received_on | date }}
