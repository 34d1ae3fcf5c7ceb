::meta title 卷内目录
::meta version 2026.2
::require case.case_no 案号
::title 卷内目录
::center {{ case.case_no }}
::table 序号|文件名称|日期|页号|备注
{% for item in file_items %}
{{ loop.index }}|{{ item.title }}|{{ item.date | date }}|{{ item.pages or "" }}|{{ item.note or "" }}
{% endfor %}
::end
