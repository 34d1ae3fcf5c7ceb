"""The Jinja sandbox organisation templates render in: no code, no files, bounded work and size.

Templates come from an organisation's folder, so they are hostile input. Jinja's
ImmutableSandboxedEnvironment stops attribute tricks (`''.__class__…`, `os.popen`); on top of it:
- the loader hands out only the shared macro files (`_macros.tpl`) of the two template folders,
  never a path;
- every loop iteration and every call spends one step of a per-render budget, so nested loops
  or a macro calling itself twice cannot run for hours;
- every string the template builds (`*`, `+`, `~`, `%`, string methods, filters) and all the
  text it emits are counted against size limits *before* Python allocates them where that can
  be known, so a 300-byte template cannot fill the memory;
- only filters whose output grows with their input are offered.
A limit hit raises TemplateLimit; app/documents/templates.py turns it into a TemplateError.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.visitor import NodeTransformer

MAX_STEPS = 200_000  # loop iterations + calls; the largest shipped document needs a few hundred
MAX_RANGE = 10_000
MAX_VALUE = 200_000  # characters (or items) of any one value a template builds
MAX_OUTPUT = 2_000_000  # characters a render may emit, macros included
MACRO_NAME = re.compile(r"_[A-Za-z0-9_\-]{1,60}\.tpl")
# A width or precision of five digits in a format string ("%099999d", "{:>99999}") is an attack.
BIG_WIDTH = re.compile(r"\d{5,}")
# …or a width the arguments supply: "%*d" % (10 ** 9, 1), "{0:>{1}}".format("x", "999999999").
ARGUMENT_WIDTH = re.compile(r"%[^a-zA-Z%]*\*|\{[^{}]*:[^{}]*\{")
SCALARS = (str, int, float, bool, type(None))


class TemplateLimit(Exception):
    """A template went past a limit; the message (Chinese) says which."""


@dataclass
class _Budget:
    steps: int = 0
    output: int = 0


_BUDGET: ContextVar[_Budget | None] = ContextVar("template_budget", default=None)


@contextmanager
def render_budget() -> Iterator[None]:
    """One budget per render; rendering outside one fails closed (see _spend)."""
    token = _BUDGET.set(_Budget())
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _budget() -> _Budget:
    budget = _BUDGET.get()
    if budget is None:
        raise TemplateLimit("模板只能在文书生成时渲染")
    return budget


def _spend(steps: int = 1) -> None:
    budget = _budget()
    budget.steps += steps
    if budget.steps > MAX_STEPS:
        raise TemplateLimit(f"循环或调用次数超过{MAX_STEPS:,}次（疑为死循环），请检查模板中的循环")


def _check_size(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, dict, set, frozenset)) and len(value) > MAX_VALUE:
        raise TemplateLimit(f"模板生成的内容超过{MAX_VALUE:,}个字符，请检查模板")
    return value


def _size_of(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def safe_text(value: Any) -> str:
    """A value as text; a list or a dict is refused, because str() of a list that holds itself
    a few dozen levels deep is exponentially long."""
    if isinstance(value, (list, tuple, dict, set, frozenset)):
        raise TemplateLimit("模板不能直接输出列表或字典，请用 join 连接或逐项输出")
    return _check_size(str(value))


# ------------------------------------------------------------ filters the template calls


@jinja2.pass_context
def _loop_guard(_context: Any, iterable: Iterable[Any]) -> Iterator[Any]:
    for item in iterable:
        _spend()
        yield item


@jinja2.pass_context
def _emit(_context: Any, value: Any) -> str:
    text = value if isinstance(value, jinja2.Undefined) else safe_text(value)
    text = str(text)
    budget = _budget()
    budget.output += len(text)
    if budget.output > MAX_OUTPUT:
        raise TemplateLimit(f"文书内容超过{MAX_OUTPUT:,}个字符，请检查模板中的循环")
    return text


@jinja2.pass_context
def _text(_context: Any, value: Any) -> Any:
    return value if isinstance(value, jinja2.Undefined) else safe_text(value)


@jinja2.pass_context
def _sized(_context: Any, value: Any) -> Any:
    return _check_size(value)


GUARDS = {"_md_loop": _loop_guard, "_md_emit": _emit, "_md_text": _text, "_md_size": _sized}


class _Guard(NodeTransformer):
    """Puts the guards into the template's syntax tree before Jinja compiles it."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, "_md_loop", [], [], None, None, lineno=node.lineno)
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [nodes.Filter(child, "_md_emit", [], [], None, None, lineno=child.lineno)
                      for child in node.nodes]
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        node.nodes = [nodes.Filter(child, "_md_text", [], [], None, None, lineno=child.lineno)
                      for child in node.nodes]
        return nodes.Filter(node, "_md_size", [], [], None, None, lineno=node.lineno)


class _GuardedCodeGenerator(CodeGenerator):
    def visit_Template(self, node: nodes.Template, frame: Any = None) -> None:
        super().visit_Template(_Guard().visit(node), frame)


# ------------------------------------------------------------ the sandbox


class MacroLoader(jinja2.BaseLoader):
    """Only `_name.tpl` from the organisation's folder, then the shipped one; no paths, no links
    out of the folder."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = folders

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        if not MACRO_NAME.fullmatch(template):
            raise SecurityError(
                f"只能引用模板文件夹中以“_”开头的宏文件（如 _macros.tpl），不能引用“{template}”")
        for folder in self.folders:
            path = folder / template
            if not path.is_file():
                continue
            if not path.resolve().is_relative_to(folder.resolve()):
                raise SecurityError(f"“{template}”指向模板文件夹以外的文件")
            mtime = path.stat().st_mtime
            source = path.read_text(encoding="utf-8")
            return source, str(path), lambda p=path, m=mtime: p.stat().st_mtime == m
        raise jinja2.TemplateNotFound(template)


class DocumentSandbox(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = _GuardedCodeGenerator

    def __init__(self, folders: list[Path], **options: Any) -> None:
        super().__init__(loader=MacroLoader(folders), **options)
        self.globals = {"range": _range, "namespace": jinja2.utils.Namespace, "dict": dict,
                        "cycler": jinja2.utils.Cycler, "joiner": jinja2.utils.Joiner}
        self.filters = {**{name: jinja2.filters.FILTERS[name] for name in BUILTIN_FILTERS},
                        "join": _join, "sum": _sum, "replace": _replace, **GUARDS}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if _size_of(seq) and isinstance(times, int) and _size_of(seq) * times > MAX_VALUE:
                    raise TemplateLimit(f"模板中的乘法会生成超过{MAX_VALUE:,}个字符的内容")
        elif operator == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and (
                    right * math.log2(abs(left)) > 4096):
                raise TemplateLimit("模板中的乘方结果过大")
        elif operator == "%":
            if isinstance(left, str) and (BIG_WIDTH.search(left) or ARGUMENT_WIDTH.search(left)):
                raise TemplateLimit("模板中的格式宽度过大")
        elif operator == "+" and _size_of(left) + _size_of(right) > MAX_VALUE:
            raise TemplateLimit(f"模板中的连接会生成超过{MAX_VALUE:,}个字符的内容")
        return _check_size(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any,  # noqa: N805 - Jinja's signature
             **kwargs: Any) -> Any:
        _spend()
        if isinstance(__obj, jinja2.runtime.LoopContext) and args:
            # loop(children) of a recursive for: its items are iterations like any other.
            args = (_loop_guard(__context, args[0]), *args[1:])
        # The sandbox hands out str.format wrapped; the wrapper keeps the method in __wrapped__.
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        if isinstance(owner, (str, list, tuple)):
            _check_method(owner, getattr(__obj, "__name__", ""), args, kwargs)
        return _check_size(super().call(__context, __obj, *args, **kwargs))


def _check_method(owner: Any, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """String methods that can grow a string are checked before they run."""
    values = [*args, *kwargs.values()]
    if any(isinstance(v, int) and abs(v) > MAX_VALUE for v in values):
        raise TemplateLimit(f"模板中的“{name}”参数过大")
    if name in ("format", "format_map") and (BIG_WIDTH.search(owner)
                                             or ARGUMENT_WIDTH.search(owner)):
        raise TemplateLimit("模板中的格式宽度过大")
    if name == "replace" and len(args) >= 2:
        _check_replace(owner, args[0], args[1])
    if name == "join" and args and isinstance(args[0], (list, tuple)):
        if len(owner) * len(args[0]) + sum(map(_size_of, args[0])) > MAX_VALUE:
            raise TemplateLimit(f"模板中的连接会生成超过{MAX_VALUE:,}个字符的内容")


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        count = text.count(old) if old else len(text) + 1
        if len(text) + count * len(new) > MAX_VALUE:
            raise TemplateLimit(f"模板中的替换会生成超过{MAX_VALUE:,}个字符的内容")


def _range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(f"range 最多{MAX_RANGE:,}项，模板中写了{len(numbers):,}项")
    return numbers


def _join(value: Iterable[Any], d: str = "", attribute: str | None = None) -> str:
    items = list(value)
    if attribute is not None:
        items = [jinja2.filters.make_attrgetter(_JOIN_ENV, attribute)(i) for i in items]
    texts = [safe_text(i) for i in items]
    if len(str(d)) * len(texts) + sum(map(len, texts)) > MAX_VALUE:
        raise TemplateLimit(f"join 会生成超过{MAX_VALUE:,}个字符的内容")
    return str(d).join(texts)


def _sum(value: Iterable[Any], attribute: str | None = None, start: Any = 0) -> Any:
    items = list(value)
    if attribute is not None:
        items = [jinja2.filters.make_attrgetter(_JOIN_ENV, attribute)(i) for i in items]
    if not all(isinstance(i, (int, float)) or hasattr(i, "as_integer_ratio") for i in items):
        raise TemplateLimit("sum 只能对数字求和")
    return sum(items, start if isinstance(start, (int, float)) else 0)


def _replace(s: Any, old: str, new: str, count: int | None = None) -> str:
    text = safe_text(s)
    _check_replace(text, str(old), str(new))
    return text.replace(str(old), str(new), -1 if count is None else count)


# Jinja's own filters whose output grows at most with their input. Left out: center, indent,
# wordwrap, format (a width), batch and slice (fill a count of the template's choosing), tojson,
# pprint, string and urlize (str() of a list), random (a document must not change by chance).
BUILTIN_FILTERS = (
    "abs", "attr", "capitalize", "count", "d", "default", "dictsort", "e", "escape",
    "first", "float", "groupby", "int", "items", "last", "length", "list", "lower", "map",
    "max", "min", "reject", "rejectattr", "reverse", "round", "select", "selectattr", "sort", "striptags", "title", "trim", "truncate", "unique", "wordcount",
)
# make_attrgetter resolves dotted attributes through an environment's getattr: the sandbox's.
_JOIN_ENV = ImmutableSandboxedEnvironment()
