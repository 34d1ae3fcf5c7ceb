::meta title 调解笔录
::meta version 2026.1
::meta basis 《中华人民共和国劳动争议调解仲裁法》第十三条；《中华人民共和国人民调解法》第二十七条
{# Basis: 调解仲裁法 art 13 (the mediator hears both sides and explains) [V]; 人民调解法 art 27 (the mediator records the mediation) [V: text read, 2026-12]. #}
::require session.held_at_text 调解时间
::require session.place 调解地点
::require session.mediators 调解员
::require session.attendees 参加人员
::require session.record 调解经过
::title 调解笔录
::center {{ case.case_no }}
::kv
时间|{{ session.held_at_text }}
地点|{{ session.place }}
调解员|{{ session.mediators }}
参加人员|{{ session.attendees }}
记录人|{{ session.recorder | default("") }}
申请人|{{ applicants | map(attribute="name") | join("、") }}
被申请人|{{ respondents | map(attribute="name") | join("、") }}
::end
::h 调解经过
{% for line in session.record_lines %}
{{ line }}
{% endfor %}
::h 调解结果
{{ session.result or "本次调解未形成结果，另行安排。" }}
::noindent 以上笔录经各方当事人阅看（或向其宣读），确认无误。
::sign 申请人（签名、捺印）：|被申请人（签名或盖章）：|调解员（签名）：
::right 记录人（签名）：
