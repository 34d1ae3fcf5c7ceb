::meta title 强制执行申请书
::meta version 2026.1
::meta per worker
::meta basis 《中华人民共和国劳动争议调解仲裁法》第五十一条；《中华人民共和国民事诉讼法》第二百三十五条、第二百四十七条、第二百四十八条、第二百五十条
::require applicant.name 申请执行人姓名
::require applicant.id_number 申请执行人身份证号码
::require applicant.domicile 申请执行人住所
::require applicant.phone 申请执行人联系电话
::require respondents[*].name 被执行人名称
::require respondents[*].domicile 被执行人住所
::require respondents[*].legal_representative 被执行人法定代表人
::require execution_title.external_no 执行依据的文书编号
::require enforcement_request 申请执行事项
::require enforcement_court 执行法院
{% import "_macros.tpl" as m %}
{# 调解仲裁法 art 51 [V2]: a party who does not perform an effective 调解书 or award within
   its time may be enforced against at the people's court under the civil procedure law.
   民诉法 (2023 text, in force 2024-01-01; the 2023 amendment added four articles before this
   part, so the 2021 arts 231/243/244/246 are now): art 235 the court of the debtor's domicile
   or property [S]; art 247 enforcement of judgments, rulings, 调解书 [S]; art 248 arbitral
   awards [S]; art 250 two years from the last day of performance [V, DOMAIN.md]. Elements as
   the 强制执行申请书 model text (申请执行人 with bank account, 被执行人, 执行依据信息: 文书类型,
   作出机构, 案由, 文书号, 生效日期, 判项主文; 申请执行事项; 保全) [S]. #}
::title 强制执行申请书
{{ m.party(applicant, "申请执行人") }}
{{ m.agents(applicant) }}
{{ m.respondents_block(respondents, "被执行人") }}
::h 执行依据信息
::kv
文书类型|{{ execution_title.name }}
作出机构|{{ execution_title.forum }}
案由|{{ case.summary or "劳动争议" }}
文书号|{{ execution_title.external_no }}
生效日期|{{ (title_effective_on | date) if title_effective_on else "　　年　　月　　日" }}
判项主文|{{ (execution_title.result or award_text or "见执行依据") | replace("\n", " ") }}
::end
::h 申请执行事项
{{ enforcement_request }}
::h 事实和理由
上述法律文书已发生法律效力，被执行人在规定的履行期限内未履行义务。依照《中华人民共和国劳动争议调解仲裁法》第五十一条及《中华人民共和国民事诉讼法》第二百四十七条、第二百四十八条的规定，申请执行人在法律规定的申请执行期间内（《中华人民共和国民事诉讼法》第二百五十条）申请贵院强制执行。
::noindent 是否有诉前、诉讼保全：无□ 有□（保全案号：　　　　）
此致
::noindent {{ enforcement_court }}
::sign 申请执行人（签名、捺印）：|
::right {{ today | date }}
::noindent 附：1. 执行依据（{{ execution_title.name }}）及生效证明；2. 申请执行人身份证明；3. 被执行人财产线索（如有）。
