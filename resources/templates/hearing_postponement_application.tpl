::meta title 延期开庭申请书
::meta version 2026.1
::meta per worker
::meta basis 《中华人民共和国劳动争议调解仲裁法》第三十五条；《劳动人事争议仲裁办案规则》第三十八条
::require applicant.name 申请人姓名
::require applicant.phone 申请人联系电话
::require respondents[*].name 被申请人名称
::require arbitration_filing.external_no 仲裁案号
::require hearing_on 原定开庭日期
::require postponement_reason 申请延期开庭的理由
::require arbitration_commission 受理的劳动人事争议仲裁委员会
{% import "_macros.tpl" as m %}
{# 调解仲裁法 art 35 [V2]: the hearing notice is served five days before; a party with good
   reason may ask, three days before the hearing, to postpone it; the commission decides.
   办案规则 art 38 (通知开庭) [S: heading from the commentary's table of contents]. #}
::title 延期开庭申请书
{{ m.party(applicant, "申请人") }}
{{ m.agents(applicant) }}
{{ m.respondents_block(respondents, "被申请人") }}
::h 请求事项
申请人与被申请人劳动争议一案（{{ arbitration_filing.external_no }}），贵委原定于{{ hearing_on | date }}开庭审理，申请人请求延期开庭。
::h 事实和理由
{{ postponement_reason }}
依照《中华人民共和国劳动争议调解仲裁法》第三十五条的规定，当事人有正当理由的，可以在开庭三日前请求延期开庭，是否延期由劳动争议仲裁委员会决定。申请人在开庭三日前提出本申请，请予准许。
此致
::noindent {{ arbitration_commission }}
::sign 申请人（签名、捺印）：|
::right {{ today | date }}
::noindent 附：相关证明材料。
