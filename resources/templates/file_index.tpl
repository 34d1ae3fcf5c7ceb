::meta title 卷内目录
::meta version 2026.2
::meta basis 《中华人民共和国人民调解法》第二十七条；《企业劳动争议协商调解规定》第二十八条
{# Basis: the archive index of the case file: 人民调解法 art 27 [U: number recalled, not read]; 企业规定 art 28 [U: number not checked]. #}
::require case.case_no 案号
::title 卷内目录
::center {{ case.case_no }}
::table 序号|文件名称|日期|页号|备注
{% for item in file_items %}
{{ loop.index }}|{{ item.title }}|{{ item.date | date }}|{{ item.pages or "" }}|{{ item.note or "" }}
{% endfor %}
::end
