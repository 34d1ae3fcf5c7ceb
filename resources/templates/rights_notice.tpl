::meta title 调解权利义务告知书
::meta version 2026.2
::meta basis 《中华人民共和国人民调解法》第二十三条、第二十四条、第三十一条、第三十三条；《中华人民共和国劳动争议调解仲裁法》第五条
::require applicant.name 申请人姓名
::require respondent.name 被申请人名称
{# Basis: 人民调解法 art 23 (rights: choose or accept the mediator; accept, refuse or end the
   mediation; ask for it in public or not; express one's will and agree freely) and art 24
   (duties: state the facts truthfully; keep order and respect the mediator; respect the other
   party's exercise of its rights) [V: both read with their numbers, 2026-12, in a study copy
   of the law (sg.zgsqks.com) and a county's notice of the same list (xxgk.guannan.gov.cn)];
   art 31 ¶1 (the agreement binds, the parties perform it) [V]; art 33 (joint application for
   judicial confirmation within 30 days) [V]; 调解仲裁法 art 5 (arbitration or suit after
   mediation) [V]. 要求调解员回避 is no right of arts 23-24 (kept as the commissions' forms
   list it) [U]. #}
::title 调解权利义务告知书
::center {{ case.case_no }}
::noindent {{ (applicants + respondents) | map(attribute="name") | join("、") }}：
为保障当事人的合法权益，现将调解中的权利和义务告知如下：
::h 一、当事人的权利
（一）选择或者接受调解员，接受、拒绝或者要求终止调解；
（二）要求调解公开进行或者不公开进行；要求调解员回避；
（三）陈述意见、提供证据，自主表达意愿，自愿达成调解协议；
（四）调解不成或者达成协议后对方不履行的，依法申请劳动争议仲裁或者向人民法院起诉；
（五）达成调解协议后，可以依法共同申请仲裁审查或者司法确认。
::h 二、当事人的义务
（一）如实陈述纠纷事实，不得提供虚假证据；
（二）遵守调解秩序，尊重调解员和对方当事人行使权利；
（三）自觉履行依法达成的调解协议。
::noindent 以上内容已告知，当事人已知悉。
::sign 申请人（签名）：|被申请人（签名或盖章）：
::right {{ org.name }}
::right {{ (case.accepted_on or today) | date }}
