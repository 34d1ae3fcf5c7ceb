::meta title 强制执行申请书
::meta version 2026.2
::meta per worker
::meta split debtor
::meta basis 《中华人民共和国劳动争议调解仲裁法》第五十一条；《中华人民共和国民事诉讼法》第二百三十五条、第二百四十七条、第二百四十八条、第二百五十条；《最高人民法院关于人民法院执行工作若干问题的规定（试行）》第十八条
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
{# 调解仲裁法 art 51 [V]: a party who does not perform an effective 调解书 or award within
   its time may be enforced against at the people's court under the civil procedure law (text
   read, 2026-12: uianet.net / 64365.com copies of the law).
   民诉法 (2023 text, in force 2024-01-01; the 2023 amendment added four articles before this
   part, so the 2021 arts 231/243/244/246 are now): art 235 ¶1 a judgment or ruling by the
   court of first instance or the same-level court where the property is, ¶2 other titles by
   the court of the debtor's domicile or property [V: text read as 2017 art 224 / 2021 art 231,
   unchanged; the 2023 number as the brief and DOMAIN.md give it]; art 247 enforcement of
   judgments, rulings, 调解书 [S]; art 248 arbitral awards [S]; art 250 two years from the last
   day of performance [V, DOMAIN.md]. The forum is proposed by workflow/filing/forums.py
   (labour awards: 法释〔2018〕5号 art 1 limits that rule to 仲裁法 awards, so its art 2's
   intermediate court does not apply [V: arts 1-2 read]).
   Elements: 执行工作规定（试行） art 18 — the application states the grounds, the matters and
   the object of enforcement (申请执行标的), and what the applicant knows of the debtor's
   property (财产线索: 开户银行, 账号) [S: read in a summary, not the article]; the 执行依据
   rows (文书类型, 作出机构, 案由, 文书号, 生效日期, 判项主文), the applicant's 收款账户 and
   the 保全 line as the courts' usual 强制执行申请书 forms [S]. No published SPC model text
   of this application was found (searched 2026-12). #}
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
::h 申请执行人收款账户
::kv
户名|{{ applicant.name }}
开户银行|{{ payee_bank or "" }}
账号|{{ payee_account or "" }}
::end
::h 申请执行事项
{{ enforcement_request }}
::kv
申请执行标的|{{ (enforcement_amount ~ ("" if "元" in enforcement_amount else "元")) if enforcement_amount else "　　　　　　元" }}
::end
::h 被执行人财产线索
::kv
开户银行|{{ debtor_bank or "" }}
账号|{{ debtor_account or "" }}
其他财产线索|{{ property_clues or "" }}
::end
::h 申请执行的事实和理由
上述法律文书已发生法律效力，被执行人在规定的履行期限内未履行义务。依照《中华人民共和国劳动争议调解仲裁法》第五十一条及《中华人民共和国民事诉讼法》第二百四十七条、第二百四十八条的规定，申请执行人在法律规定的申请执行期间内（《中华人民共和国民事诉讼法》第二百五十条）申请贵院强制执行。
::noindent 是否有诉前、诉讼保全：无□ 有□（保全案号：　　　　）
此致
::noindent {{ enforcement_court }}
::sign 申请执行人（签名、捺印）：|
::right {{ today | date }}
::noindent 附：1. 执行依据（{{ execution_title.name }}）及生效证明；2. 申请执行人身份证明；3. 被执行人财产线索的证明材料（如有）。
