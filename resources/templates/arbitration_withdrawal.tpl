::meta title 撤回仲裁申请书
::meta version 2026.1
::meta per worker
::meta basis 《中华人民共和国劳动争议调解仲裁法》第四十一条；《劳动人事争议仲裁办案规则》第三十五条
::require applicant.name 申请人姓名
::require applicant.id_number 申请人身份证号码
::require applicant.phone 申请人联系电话
::require respondents[*].name 被申请人名称
::require arbitration_filing.external_no 仲裁案号
::require arbitration_commission 受理的劳动人事争议仲裁委员会
{% import "_macros.tpl" as m %}
{# 调解仲裁法 art 41 [V2]: after applying the parties may settle and the applicant may then
   withdraw; 办案规则 art 35 (撤回仲裁申请: before the award the applicant may withdraw, the
   commission decides and closes the case) [S: heading from the commentary's table of
   contents]. Every respondent named once. #}
::title 撤回仲裁申请书
{{ m.party(applicant, "申请人") }}
{{ m.agents(applicant) }}
{{ m.respondents_block(respondents, "被申请人") }}
::h 请求事项
申请人于{{ (arbitration_filing.filed_on or case.received_on) | date }}向贵委申请仲裁的与{{ respondents | map(attribute="name") | join("、") }}劳动争议一案（{{ arbitration_filing.external_no }}），申请人请求撤回全部仲裁申请。
::h 事实和理由
{{ withdrawal_reason or "申请人经慎重考虑，决定撤回仲裁申请。" }}
申请人知悉：撤回仲裁申请后，仲裁委员会依照《劳动人事争议仲裁办案规则》的规定终结本案；申请人就同一争议再次申请仲裁的，仍受《中华人民共和国劳动争议调解仲裁法》第二十七条仲裁时效的约束。
此致
::noindent {{ arbitration_commission }}
::sign 申请人（签名、捺印）：|
::right {{ today | date }}
