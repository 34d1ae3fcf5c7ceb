::meta title 卷内目录
::meta version 2026.2
::meta basis 《中华人民共和国人民调解法》第二十七条；《企业劳动争议协商调解规定》第二十八条
{# Basis: the archive index of the case file: 人民调解法 art 27 (the mediator records the mediation; the committee keeps a case file of the register, the records and the agreement) [V: text read, 2026-12, a copy of the law's arts 27-33]; 企业规定 art 28 (调解委员会 keeps its case files) [U: searched 2026-12, the rule's text was not found; number not checked]. #}
::require case.case_no 案号
::title 卷内目录
::center {{ case.case_no }}
::table 序号|文件名称|日期|页号|备注
{% for item in file_items %}
{{ loop.index }}|{{ item.title }}|{{ item.date | date }}|{{ item.pages or "" }}|{{ item.note or "" }}
{% endfor %}
::end
