# SPDX-License-Identifier: EUPL-1.2
"""The small expression language of application forms, shared by kiosk and platform.

Forms use it for conditions (``visibleIf``, ``requiredIf``, constraints, rules,
eligibility) and calculated values. The syntax is a tiny subset of Python's expression
syntax, so it is parsed with ``ast.parse`` (a parser, not ``eval``) and then walked by
this module, which knows only the nodes and functions listed here:

    numbers, 'strings', true/false, [lists]        membri.cf   (a field of every member)
    + - * / (numbers only)   == != < <= > >=   and or not   x in [..]   a if c else b
    count(xs)  count_where(xs, cond)  sum(xs)  sum_where(xs, field_expr, cond)
    min(a, b, ..)  max(a, b, ..)  unique(xs)  selected(choices, 'v')  empty(x)
    len(text)  regex(text, 'pattern')  today()  age(date)  iif(cond, a, b)

A name is an answer of the form (or, inside ``count_where``/``sum_where``, a field of
the member being looked at). A missing answer is ``None``: arithmetic with it gives
``None`` and comparisons with it are false, so half-filled forms never raise. Anything
else (attributes of Python objects, calls outside the list, huge results, very long or
deeply nested expressions, numeric constants beyond ``MAX_NUMBER``) is refused with an
``ExpressionError``. Arithmetic that Python itself cannot do with the answers given (a
huge whole number turned into a float, as division by zero) gives ``None``, no result.
"""

from __future__ import annotations

import ast
import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from forms.patterns import PatternError, full_match

MAX_LENGTH = 500  # characters of one expression
MAX_DEPTH = 40  # nesting of the parsed expression
MAX_NUMBER = 10**15  # larger results are refused (amounts are cents: plenty)
MAX_REGEX_INPUT = 4000  # the longest answer (forms.answers.TEXT_LIMIT): re2 runs in linear time
MAX_PATTERN = 100
# Steps (nodes evaluated) of one evaluation. A household's count over 20 members of a
# count over them takes about 4,000; count_where nested 33 deep fits in 500 characters
# and would take billions, on the kiosk's UI thread and in the platform's batches.
MAX_STEPS = 50_000
# Steps of every evaluation of one check of a form together (a tenth of a second or
# so): the demo form's whole check takes a few thousand.
MAX_CHECK_STEPS = 200_000

Answers = Mapping[str, Any]


class ExpressionError(ValueError):
    """An expression that is not valid in the form language, or cannot be evaluated."""


@dataclass(frozen=True)
class Expression:
    source: str
    tree: ast.expr

    def evaluate(self, answers: Answers, today: date, budget: Budget | None = None) -> Any:
        """``today``: the calendar day where the applicant is (the kiosk's configured
        zone, the Comune's on the platform), never the machine's own date. ``budget``:
        the steps left to the whole check this evaluation is part of."""
        return _Evaluator(today, budget).value(self.tree, answers)

    def names(self) -> set[str]:
        """The answers this expression reads (for checking a form's definition)."""
        functions = {id(n.func) for n in ast.walk(self.tree) if isinstance(n, ast.Call)}
        return {
            n.id for n in ast.walk(self.tree) if isinstance(n, ast.Name) and id(n) not in functions
        } - CONSTANTS.keys()


CONSTANTS = {"true": True, "false": False, "True": True, "False": False}

_ALLOWED = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.Not,
    ast.USub,
    ast.UAdd,
    ast.BinOp,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.Compare,
    ast.Eq,
    ast.NotEq,
    ast.Lt,
    ast.LtE,
    ast.Gt,
    ast.GtE,
    ast.In,
    ast.NotIn,
    ast.IfExp,
    ast.Call,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.List,
    ast.Tuple,
    ast.Attribute,
)


def compile_expression(source: str) -> Expression:
    """Parses and checks ``source``; raises ExpressionError with the reason. A form's
    few expressions are read once (each keystroke evaluates them all again)."""
    if not isinstance(source, str):
        raise ExpressionError("an expression must be a non-empty text")
    return _compiled(source)


@lru_cache(maxsize=4096)
def _compiled(source: str) -> Expression:
    if not source.strip():
        raise ExpressionError("an expression must be a non-empty text")
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
    try:
        with warnings.catch_warnings():  # "1and 2" parses, with a SyntaxWarning
            warnings.simplefilter("ignore", SyntaxWarning)
            tree = ast.parse(source.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise ExpressionError(f"not a valid expression: {source!r}") from None
    _check(tree, 0)
    return Expression(source, tree.body)


def _check(node: ast.AST, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ExpressionError("expression nested too deeply")
    if not isinstance(node, _ALLOWED):
        raise ExpressionError(f"{type(node).__name__} is not allowed in a form expression")
    if isinstance(node, ast.Constant) and not isinstance(node.value, int | float | str):
        raise ExpressionError(f"the constant {node.value!r} is not allowed")
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 200:
        raise ExpressionError("text constant too long")
    if isinstance(node, ast.Constant) and not _in_range(node.value):
        # "1" followed by 400 zeros, "1e400": every calculation with it would overflow
        raise ExpressionError(f"the number constant is out of range (at most {MAX_NUMBER:,})")
    if isinstance(node, ast.Attribute) and (
        not isinstance(node.value, ast.Name) or node.attr.startswith("_")
    ):
        raise ExpressionError("only repeat.field may use a dot")
    if isinstance(node, ast.BinOp) and any(
        isinstance(side, ast.Constant) and isinstance(side.value, str)
        for side in (node.left, node.right)
    ):
        raise ExpressionError("arithmetic works on numbers only")
    if isinstance(node, ast.Name) and node.id.startswith("_"):
        raise ExpressionError(f"the name {node.id!r} is not allowed")
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            name = node.func.id if isinstance(node.func, ast.Name) else "?"
            raise ExpressionError(f"unknown function {name!r}")
        if node.keywords:
            raise ExpressionError("functions take no keyword arguments")
        arity = FUNCTIONS[node.func.id][1]
        if arity is not None and len(node.args) not in arity:
            raise ExpressionError(
                f"{node.func.id}() takes {' or '.join(map(str, arity))} argument(s)"
            )
        for argument in node.args:
            _check(argument, depth + 1)
        return  # the function name itself is not an answer
    for child in ast.iter_child_nodes(node):
        _check(child, depth + 1)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _in_range(value: Any) -> bool:
    """False for a number that is not finite (infinity, NaN) or beyond ``MAX_NUMBER``;
    anything else (a text, a missing answer) is no number to bound."""
    if not _number(value):
        return True
    if isinstance(value, float) and not math.isfinite(value):
        return False
    return bool(abs(value) <= MAX_NUMBER)


def _bounded(value: Any) -> Any:
    if not _in_range(value):
        raise ExpressionError("number out of range")
    return value


class Budget:
    """Steps shared by every evaluation of one check of a form: each expression has
    ``MAX_STEPS``, and a form of many heavy ones, each within it, held the kiosk's screen
    for seconds at every keystroke."""

    def __init__(self, steps: int = MAX_CHECK_STEPS) -> None:
        self.left = steps


class _Evaluator:
    def __init__(self, today: date, budget: Budget | None = None) -> None:
        self.today = today
        self.steps = 0
        self.budget = budget

    def value(self, node: ast.expr, scope: Answers) -> Any:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise ExpressionError("the expression takes too long to evaluate")
        if self.budget is not None:
            self.budget.left -= 1
            if self.budget.left < 0:
                raise ExpressionError("the form's rules take too long to check")
        method: Callable[[Any, Answers], Any] = getattr(self, "_" + type(node).__name__.lower())
        try:
            return method(node, scope)
        except ArithmeticError:
            # An answer Python cannot compute with (10**400 * 0.5, 10**400 / 3: no float
            # holds it): no result, as division by zero, rather than a crash of the caller.
            return None

    def _constant(self, node: ast.Constant, scope: Answers) -> Any:
        return node.value

    def _name(self, node: ast.Name, scope: Answers) -> Any:
        if node.id in CONSTANTS:
            return CONSTANTS[node.id]
        return scope.get(node.id)

    def _attribute(self, node: ast.Attribute, scope: Answers) -> Any:
        items = scope.get(node.value.id)  # type: ignore[attr-defined]
        if not isinstance(items, list):
            return None
        return [item.get(node.attr) if isinstance(item, Mapping) else None for item in items]

    def _list(self, node: ast.List, scope: Answers) -> list[Any]:
        return [self.value(element, scope) for element in node.elts]

    _tuple = _list

    def _boolop(self, node: ast.BoolOp, scope: Answers) -> bool:
        if isinstance(node.op, ast.And):
            return all(bool(self.value(v, scope)) for v in node.values)
        return any(bool(self.value(v, scope)) for v in node.values)

    def _unaryop(self, node: ast.UnaryOp, scope: Answers) -> Any:
        operand = self.value(node.operand, scope)
        if isinstance(node.op, ast.Not):
            return not operand
        if not _number(operand):
            return None
        return -operand if isinstance(node.op, ast.USub) else operand

    def _binop(self, node: ast.BinOp, scope: Answers) -> Any:
        left, right = self.value(node.left, scope), self.value(node.right, scope)
        if not (_number(left) and _number(right)):
            return None  # a missing or non-numeric answer: no result, no error
        if isinstance(node.op, ast.Add):
            return _bounded(left + right)
        if isinstance(node.op, ast.Sub):
            return _bounded(left - right)
        if isinstance(node.op, ast.Mult):
            return _bounded(left * right)
        return None if right == 0 else _bounded(left / right)

    def _compare(self, node: ast.Compare, scope: Answers) -> bool:
        left = self.value(node.left, scope)
        for operator, right_node in zip(node.ops, node.comparators, strict=True):
            right = self.value(right_node, scope)
            if not _compare(operator, left, right):
                return False
            left = right
        return True

    def _ifexp(self, node: ast.IfExp, scope: Answers) -> Any:
        branch = node.body if self.value(node.test, scope) else node.orelse
        return self.value(branch, scope)

    def _call(self, node: ast.Call, scope: Answers) -> Any:
        function = FUNCTIONS[node.func.id][0]  # type: ignore[attr-defined]
        return function(self, node.args, scope)

    # helpers for the functions
    def items(self, node: ast.expr, scope: Answers) -> list[Any]:
        value = self.value(node, scope)
        return value if isinstance(value, list) else []

    def each(self, node: ast.expr, scope: Answers) -> list[Answers]:
        """The members of a repeat, each seen with the form's other answers around it."""
        return [{**scope, **item} for item in self.items(node, scope) if isinstance(item, Mapping)]


def _compare(operator: ast.cmpop, left: Any, right: Any) -> bool:
    if isinstance(operator, ast.In | ast.NotIn):
        found = isinstance(right, list) and left is not None and left in right
        return found if isinstance(operator, ast.In) else not found
    if isinstance(operator, ast.Eq):
        return left is not None and left == right
    if isinstance(operator, ast.NotEq):
        return left is not None and right is not None and left != right
    both_numbers = _number(left) and _number(right)
    both_texts = isinstance(left, str) and isinstance(right, str)  # ISO dates compare too
    if not (both_numbers or both_texts):
        return False
    if isinstance(operator, ast.Lt):
        return bool(left < right)
    if isinstance(operator, ast.LtE):
        return bool(left <= right)
    if isinstance(operator, ast.Gt):
        return bool(left > right)
    return bool(left >= right)


def _count(e: _Evaluator, args: Sequence[ast.expr], scope: Answers) -> int:
    return len(e.items(args[0], scope))


def _count_where(e: _Evaluator, args: Sequence[ast.expr], scope: Answers) -> int:
    return sum(1 for member in e.each(args[0], scope) if e.value(args[1], member))


def _sum(e: _Evaluator, args: Sequence[ast.expr], scope: Answers) -> Any:
    return _bounded(sum(v for v in e.items(args[0], scope) if _number(v)))


def _sum_where(e: _Evaluator, args: Sequence[ast.expr], scope: Answers) -> Any:
    total = 0
    for member in e.each(args[0], scope):
        if e.value(args[2], member):
            value = e.value(args[1], member)
            total += value if _number(value) else 0
    return _bounded(total)


def _extreme(pick: Callable[..., Any]) -> Callable[[_Evaluator, Sequence[ast.expr], Answers], Any]:
    def function(e: _Evaluator, args: Sequence[ast.expr], scope: Answers) -> Any:
        values = [e.value(a, scope) for a in args]
        flat = [v for value in values for v in (value if isinstance(value, list) else [value])]
        numbers = [v for v in flat if _number(v)]
        return pick(numbers) if numbers else None

    return function


def _unique(e: _Evaluator, args: Sequence[ast.expr], scope: Answers) -> bool:
    values = [v for v in e.items(args[0], scope) if v not in (None, "")]
    return len(values) == len({str(v).upper() for v in values})


def _selected(e: _Evaluator, args: Sequence[ast.expr], scope: Answers) -> bool:
    choices, value = e.value(args[0], scope), e.value(args[1], scope)
    return isinstance(choices, list) and value in choices


def _empty(e: _Evaluator, args: Sequence[ast.expr], scope: Answers) -> bool:
    return e.value(args[0], scope) in (None, "", [])


def _len(e: _Evaluator, args: Sequence[ast.expr], scope: Answers) -> Any:
    value = e.value(args[0], scope)
    return len(value) if isinstance(value, str | list) else None


def _regex(e: _Evaluator, args: Sequence[ast.expr], scope: Answers) -> bool:
    text, pattern = e.value(args[0], scope), e.value(args[1], scope)
    if not isinstance(text, str) or not isinstance(pattern, str):
        return False
    if len(pattern) > MAX_PATTERN or len(text) > MAX_REGEX_INPUT:
        raise ExpressionError("regex pattern or text too long")
    try:
        return full_match(pattern, text)
    except PatternError:
        raise ExpressionError(f"invalid regex {pattern!r}") from None


def _today(e: _Evaluator, args: Sequence[ast.expr], scope: Answers) -> str:
    return e.today.isoformat()


def _age(e: _Evaluator, args: Sequence[ast.expr], scope: Answers) -> Any:
    value = e.value(args[0], scope)
    try:
        born = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if born is None or born > e.today:
        return None
    return e.today.year - born.year - ((e.today.month, e.today.day) < (born.month, born.day))


def _iif(e: _Evaluator, args: Sequence[ast.expr], scope: Answers) -> Any:
    return e.value(args[1] if e.value(args[0], scope) else args[2], scope)


Function = Callable[[_Evaluator, Sequence[ast.expr], Answers], Any]
FUNCTIONS: dict[str, tuple[Function, tuple[int, ...] | None]] = {
    "count": (_count, (1,)),
    "count_where": (_count_where, (2,)),
    "sum": (_sum, (1,)),
    "sum_where": (_sum_where, (3,)),
    "min": (_extreme(min), None),
    "max": (_extreme(max), None),
    "unique": (_unique, (1,)),
    "selected": (_selected, (2,)),
    "empty": (_empty, (1,)),
    "len": (_len, (1,)),
    "regex": (_regex, (2,)),
    "today": (_today, (0,)),
    "age": (_age, (1,)),
    "iif": (_iif, (3,)),
}


def amount_cents(value: object) -> int | None:
    """A form's amount formula's result as whole cents, rounded to the nearest, a half
    cent up, as money is (29% of 25,000 is 7249.999... in floating point: 7,250 cents,
    not 7,249); None when it is no amount (not a finite number, or below zero beyond
    floating point's noise, or beyond ``MAX_NUMBER``: no float holds 10**400 + 0.5)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not _in_range(value) or value < -1e-6:
        return None
    return max(0, math.floor(value + 0.5))
