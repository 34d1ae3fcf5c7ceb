::meta title 变更（增加）仲裁请求申请书
::meta version 2026.1
::meta per worker
::meta basis 《劳动人事争议仲裁办案规则》第四十四条、第四十六条第三项
::require applicant.name 申请人姓名
::require applicant.id_number 申请人身份证号码
::require applicant.phone 申请人联系电话
::require respondents[*].name 被申请人名称
::require arbitration_filing.external_no 仲裁案号
::require claims[0].text 变更（增加）后的仲裁请求
::require arbitration_commission 受理的劳动人事争议仲裁委员会
{% import "_macros.tpl" as m %}
{# 办案规则 art 44 [V2]: before the time limit for evidence expires the applicant may add or
   change claims; the tribunal notifies the respondent and gives it time to answer; after
   that limit a new application is needed. art 46(三) [V2]: the 45-day period restarts from
   the acceptance of the changed claims. One copy per respondent. #}
::title 变更（增加）仲裁请求申请书
{{ m.party(applicant, "申请人") }}
{{ m.agents(applicant) }}
{{ m.respondents_block(respondents, "被申请人") }}
::noindent 申请人与被申请人劳动争议一案（{{ arbitration_filing.external_no }}），申请人依照《劳动人事争议仲裁办案规则》第四十四条的规定，在举证期限届满前申请将仲裁请求变更（增加）为：
::h 变更（增加）后的仲裁请求
{{ m.claim_items(claims) }}
::h 事实和理由
{{ change_reason or case.facts }}
此致
::noindent {{ arbitration_commission }}
::sign 申请人（签名、捺印）：|
::right {{ today | date }}
::noindent 附：本申请书副本{{ respondent_count_cn }}份（按被申请人人数提交）。
