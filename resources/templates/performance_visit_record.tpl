::meta title 调解协议履行回访记录
::meta version 2026.1
::meta basis 《中华人民共和国人民调解法》第三十一条；《中华人民共和国劳动争议调解仲裁法》第十五条、第十六条；《企业劳动争议协商调解规定》（人社部令第17号）
::require agreement.signed_on 调解协议签订日期
::require agreement.terms[0].payer 调解协议的履行条款
{% import "_macros.tpl" as m %}
{# 人民调解法 art 31 [V: ¶2 read, 2026-12]: the committee supervises the performance of the agreement and
   urges the parties to perform. 调解仲裁法 art 15 [V]: an agreement not performed by its date
   → arbitration; art 16 [V]: for pay, work-injury medical costs, compensation, a payment
   order. 企业劳动争议协商调解规定 on follow-up of agreements [U: not read in primary text]. #}
::title 调解协议履行回访记录
::center {{ case.case_no }}
::kv
当事人|{{ (applicants + respondents) | map(attribute="name") | join("、") }}
调解协议签订日期|{{ agreement.signed_on | date }}
回访日期|{{ (visit_on or today) | date }}
回访方式|{{ visit_method or "电话回访" }}
回访人|{{ visitor or mediator_names or "　" }}
::end
::h 协议履行情况
::table 序号|履行义务人|权利人|内容|履行期限|履行情况
{% for t in agreement.terms %}
{{ loop.index }}|{{ t.payer }}|{{ t.payee }}|{{ (t.amount | money) if t.amount is not none else (t.description or t.method) }}|{{ t.due_on | date }}|{{ "已履行" if t.performed else "未履行" }}
{% endfor %}
::end
::h 回访情况
{{ visit_result or ("各项履行义务均已履行完毕。" if agreement.terms | rejectattr("performed") | list | length == 0 else "尚有履行义务未履行，已告知当事人：用人单位在协议约定期限内不履行的，劳动者可以依法申请仲裁（《中华人民共和国劳动争议调解仲裁法》第十五条）；协议涉及劳动报酬、工伤医疗费、经济补偿或者赔偿金的，可以持调解协议书依法向人民法院申请支付令（第十六条）。") }}
::sign 回访人（签名）：|被回访人（签名）：
::right {{ org.name }}
