"""Hostile organisation templates: no code, no files, no runaway work; each refusal names the
file and line in Chinese, and no document is written."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from app.documents.render import render
from app.documents.templates import TemplateError

HEADER = "::meta title 测试文书\n::meta version org-1\n"  # two header lines: body line 1 is line 3
CONTEXT = {"case": {"case_no": "企调〔2026〕0001号"}, "name": "张三"}


def _render(folder: Path, body: str, out: Path, *, macros: str | None = None) -> TemplateError:
    folder.mkdir(exist_ok=True)
    (folder / "file_index.tpl").write_text(HEADER + body, encoding="utf-8")
    if macros is not None:
        (folder / "_macros.tpl").write_text(macros, encoding="utf-8")
    started, peak = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(TemplateError) as caught:
        render("file_index", CONTEXT, "pdf", out, override_dir=folder)
    # A refusal is quick and small: the limits stop the work before Python allocates it.
    assert time.perf_counter() - started < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 100_000  # KiB
    assert not out.exists() and list(out.parent.glob("*.pdf")) == []
    assert "Traceback" not in caught.value.message
    return caught.value


CODE = {
    "cycler": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "self": "{{ self._TemplateReference__context.environment.loader }}",
    "globals": "{{ joiner.__init__.__globals__['os'].system('id') }}",
    "lipsum": "{{ lipsum.__globals__['os'].popen('id').read() }}",
}


@pytest.mark.parametrize("attack", CODE.values(), ids=CODE.keys())
def test_a_template_cannot_run_code(attack: str, tmp_path: Path) -> None:
    error = _render(tmp_path / "own", "::title 正文\n" + attack + "\n", tmp_path / "out.pdf")
    assert "file_index.tpl" in error.message and "第4行" in error.message
    assert "uid=" not in error.message


def test_a_template_cannot_reach_files(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容 SECRET-42", encoding="utf-8")
    own = tmp_path / "own"
    own.mkdir()
    (own / "_link.tpl").symlink_to(secret)
    (own / "sub").mkdir()
    (own / "sub" / "_x.tpl").write_text("子文件夹", encoding="utf-8")
    for attack in (f'{{% include "{secret}" %}}', '{% include "../secret.txt" %}',
                   '{% import "sub/_x.tpl" as x %}', '{% extends "/etc/passwd" %}',
                   '{% include "_link.tpl" %}', '{% include "file_index.tpl" %}',
                   '{% from "..\\\\secret.txt" import x %}'):
        error = _render(own, "::title 正文\n" + attack + "\n", tmp_path / "out.pdf")
        assert "file_index.tpl" in error.message and "第4行" in error.message, attack
        assert "不允许" in error.message and "SECRET-42" not in error.message, attack


RUNAWAY = {
    "nested range": "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
    "big range": "{% for i in range(10 ** 9) %}{% endfor %}",
    "nested list": "{% set l = range(1000) | list %}{% for a in l %}{% for b in l %}{% endfor %}"
                   "{% endfor %}",
    "doubling macro": "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}"
                      "{% endmacro %}{{ f(40) }}",
    "recursive loop": "{% for x in range(10000) recursive %}{% if loop.depth < 2 %}"
                      "{{ loop(range(10000)) }}{% endif %}{% endfor %}",
    "endless recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
}


@pytest.mark.parametrize("attack", RUNAWAY.values(), ids=RUNAWAY.keys())
def test_a_runaway_loop_is_stopped(attack: str, tmp_path: Path) -> None:
    error = _render(tmp_path / "own", "::title 正文\n" + attack + "\n", tmp_path / "out.pdf")
    assert "file_index.tpl" in error.message and "第4行" in error.message
    assert "超出限制" in error.message or "层次过深" in error.message


HUGE = {
    "long output": '{% for i in range(9000) %}{{ "字" * 9000 }}{% endfor %}',
    "literal in a loop": "{% for i in range(9000) %}" + "文" * 3000 + "{% endfor %}",
    "multiply": '{{ "x" * 10 ** 9 }}',
    "power": "{{ 7 ** 999999999 }}",
    "concat doubling": '{% set ns = namespace(s="x") %}{% for i in range(64) %}'
                       "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
    "plus doubling": '{% set ns = namespace(s="x") %}{% for i in range(64) %}'
                     "{% set ns.s = ns.s + ns.s %}{% endfor %}",
    "percent width": '{{ "%0999999999d" % 1 }}',
    "format width": '{{ "{:>999999999}".format(1) }}',
    "star width": '{{ "%*d" % (999999999, 1) }}',
    "nested width": '{{ "{0:>{1}}".format("x", "999999999") }}',
    "ljust": '{{ "x".ljust(10 ** 9) }}',
    "replace": '{{ ("x" * 100000) | replace("x", "y" * 100000) }}',
    "self-nesting list": "{% set ns = namespace(l=[1]) %}{% for i in range(64) %}"
                         "{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l | join }}",
    "center": '{{ "x" | center(999999999) }}',
    "batch": "{{ [1] | batch(999999999, 0) | list | length }}",
    "slice": "{{ [1] | slice(999999999) | list | length }}",
}


@pytest.mark.parametrize("attack", HUGE.values(), ids=HUGE.keys())
def test_huge_output_is_refused(attack: str, tmp_path: Path) -> None:
    error = _render(tmp_path / "own", "::title 正文\n" + attack + "\n", tmp_path / "out.pdf")
    assert "file_index.tpl" in error.message and "第4行" in error.message


def test_a_filter_left_out_of_the_sandbox_is_named_in_chinese(tmp_path: Path) -> None:
    error = _render(tmp_path / "own", "::title 正文\n{{ [1] | batch(9, 0) }}\n", tmp_path / "o.pdf")
    assert "file_index.tpl 第4行语法错误：不能使用过滤器“batch”" in error.message


def test_a_broken_macro_file_is_named_with_its_line(tmp_path: Path) -> None:
    error = _render(tmp_path / "own", '{% import "_macros.tpl" as m %}\n::title {{ m.t() }}\n',
                    tmp_path / "out.pdf",
                    macros="{% macro t() %}\n标题\n{% endmacro %}\n{% for %}\n")
    assert "_macros.tpl 第4行" in error.message and "语法错误" in error.message


def test_a_hostile_macro_file_is_refused_where_it_is(tmp_path: Path) -> None:
    error = _render(tmp_path / "own", '{% import "_macros.tpl" as m %}\n::title {{ m.t() }}\n',
                    tmp_path / "out.pdf",
                    macros="{% macro t() %}\n{{ cycler.__init__.__globals__ }}\n{% endmacro %}\n")
    assert "_macros.tpl 第2行" in error.message and "不允许" in error.message


def test_the_organisations_own_macros_still_work(tmp_path: Path) -> None:
    own = tmp_path / "own"
    own.mkdir()
    (own / "_macros.tpl").write_text("{% macro t(n) %}本会{{ n }}{% endmacro %}", encoding="utf-8")
    (own / "file_index.tpl").write_text(
        HEADER + '{% import "_macros.tpl" as m %}\n::title {{ m.t(name) }}\n'
        "{% for i in range(3) %}\n第{{ loop.index }}项{{ [1, 2] | join('、') }}\n{% endfor %}\n",
        encoding="utf-8")
    result = render("file_index", CONTEXT, "docx", tmp_path / "ok.docx", override_dir=own)
    from docx import Document

    text = "".join(p.text for p in Document(str(result.path)).paragraphs)
    assert "本会张三" in text and "第3项1、2" in text


def test_an_oversized_template_file_is_refused(tmp_path: Path) -> None:
    error = _render(tmp_path / "own", "::title 正文\n" + "文" * 200_000 + "\n", tmp_path / "o.pdf")
    assert "file_index.tpl" in error.message and "KB" in error.message
