::meta title 法律援助申请表
::meta version 2026.1
::meta basis 《中华人民共和国法律援助法》第三十一条、第四十一条、第四十二条、第四十三条
{# Basis: 法律援助法 art 31(五)(七) (labour pay, work-injury claims qualify) [V]; art 41 (the applicant states the hardship) [U: number not checked]; art 42(三) (migrant workers exempt from the hardship check) [V]; art 43 (decision in seven days) [V]. #}
::require applicant.name 申请人姓名
::require applicant.id_number 申请人身份证号码
::require applicant.domicile 申请人住所
::require applicant.phone 申请人联系电话
::require respondent.name 对方当事人
::title 法律援助申请表
::kv
申请人姓名|{{ applicant.name }}
性别|{{ applicant.sex_label }}
民族|{{ applicant.ethnicity }}
出生日期|{{ applicant.birth_date | date }}
身份证号码|{{ applicant.id_number }}
户籍所在地/住所|{{ applicant.domicile }}
通讯地址|{{ applicant.mailing_address or applicant.domicile }}
联系电话|{{ applicant.phone }}
工作单位/职业|{{ applicant.workplace }} {{ applicant.occupation }}
对方当事人|{{ respondents | map(attribute="name") | join("、") }}
案件类型|劳动争议（{{ claims | map(attribute="type_label") | join("、") }}）
案件所处阶段|{{ case.stage_label }}
申请事项|{{ legal_aid_request or "代理劳动争议仲裁/诉讼" }}
经济困难状况|{{ hardship or "" }}
免予核查经济困难的理由|{{ hardship_exemption }}
::end
::h 案情及申请理由
{{ case.facts }}
::noindent 申请人承诺所填内容及提交的材料真实，如有虚假，愿承担相应法律责任。
::sign 申请人（签名、捺印）：|
::right {{ today | date }}
