::meta title 撤销仲裁裁决申请书
::meta version 2026.1
::meta per respondent
::meta basis 《中华人民共和国劳动争议调解仲裁法》第四十七条、第四十九条；《最高人民法院关于审理劳动争议案件适用法律问题的解释（一）》第十八条、第二十一条
::require respondent.name 申请人（用人单位）名称
::require respondent.domicile 申请人住所
::require respondent.legal_representative 申请人法定代表人
::require applicants[*].name 被申请人（劳动者）姓名
::require arbitration_filing.external_no 仲裁裁决书编号
::require award_received_on 收到仲裁裁决书的日期
::require revocation_grounds 申请撤销的事实和理由
::require intermediate_court 仲裁委员会所在地的中级人民法院
{% import "_macros.tpl" as m %}
{# 调解仲裁法 art 49 [V]: the employer may, within 30 days of receiving a final award under
   art 47, apply to the intermediate court where the commission sits to revoke it on the
   grounds listed there (法律法规适用错误, 无管辖权, 违反法定程序, 证据伪造, 隐瞒证据,
   仲裁员索贿受贿); 解释（一） arts 18, 21 [V, DOMAIN.md]. The employer applies (::meta per
   respondent: the respondent of the arbitration is this application's 申请人); every worker
   of the award is a 被申请人. #}
::title 撤销仲裁裁决申请书
{{ m.party(respondent, "申请人") }}
{{ m.agents(respondent) }}
{% for a in applicants %}
{{ m.party(a, "被申请人" ~ a.number_cn) }}
{% endfor %}
::h 请求事项
请求撤销{{ arbitration_commission }}作出的{{ arbitration_filing.external_no }}仲裁裁决书。
::h 事实和理由
申请人于{{ award_received_on | date }}收到上述仲裁裁决书，该裁决为《中华人民共和国劳动争议调解仲裁法》第四十七条规定的终局裁决。
{{ revocation_grounds }}
依照《中华人民共和国劳动争议调解仲裁法》第四十九条的规定，申请人自收到仲裁裁决书之日起三十日内向仲裁委员会所在地的中级人民法院申请撤销该裁决。
此致
::noindent {{ intermediate_court }}
::sign 申请人：{{ respondent.sign_label }}
::right {{ today | date }}
::noindent 附：1. 仲裁裁决书复印件；2. 申请人营业执照复印件、法定代表人身份证明书；3. 本申请书副本{{ applicant_count_cn }}份。
