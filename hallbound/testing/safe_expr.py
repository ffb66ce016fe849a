r"""An allow-list parser from a formula string to a SymPy expression.

User files (``hallbound proptest`` specs) hold densities as strings such as
``"exp(-(a - mu)/s) / (s * (1 + exp(-(a - mu)/s))**2)"``. Such a string is **never** passed to
``eval``, ``exec``, ``compile`` or ``sympify``: :func:`parse_expression` parses it with
:func:`ast.parse` (which only builds a syntax tree and executes nothing), walks the tree
accepting only these node types, and builds the SymPy objects directly:

* numbers: ``int`` and ``float`` literals (floats become exact rationals of their decimal
  repr), at most :data:`MAX_LITERAL_DIGITS` digits;
* names: the declared symbols, and the constants ``pi`` and ``E``;
* binary ``+ - * / **`` and unary ``+ -``;
* calls ``f(x, ...)`` of a function in :data:`FUNCTIONS`, by bare name, positional arguments,
  with the function's arity.

Everything else (attribute access, subscripts, lambdas, comprehensions, comparisons, keyword
arguments, strings, ``__import__`` or any undeclared name) is refused with an
:class:`~hallbound.errors.InputError` naming the offending token. Work is bounded: the text is
at most :data:`MAX_LENGTH` characters, the tree at most :data:`MAX_DEPTH` deep, a numeric
exponent at most :data:`MAX_EXPONENT` in absolute value, a number raised to a number may have
at most :data:`MAX_RESULT_DIGITS` digits, and ``gamma``-type functions of a number accept
arguments up to :data:`MAX_GAMMA_ARGUMENT` (SymPy would otherwise evaluate huge factorials).
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping

import sympy as sp

from hallbound.errors import InputError

#: Longest accepted formula, in characters.
MAX_LENGTH = 2000
#: Deepest accepted syntax tree.
MAX_DEPTH = 60
#: Most digits in one integer literal.
MAX_LITERAL_DIGITS = 30
#: Largest absolute value of a numeric exponent.
MAX_EXPONENT = 100
#: Most decimal digits of a number raised to a numeric power.
MAX_RESULT_DIGITS = 2000
#: Largest numeric argument of gamma, loggamma and beta.
MAX_GAMMA_ARGUMENT = 1000

#: Allowed functions: name -> (SymPy constructor, arity).
FUNCTIONS: dict[str, tuple[Callable[..., sp.Expr], int]] = {
    "exp": (sp.exp, 1),
    "log": (sp.log, 1),
    "sqrt": (sp.sqrt, 1),
    "abs": (sp.Abs, 1),
    "gamma": (sp.gamma, 1),
    "loggamma": (sp.loggamma, 1),
    "beta": (sp.beta, 2),
    "erf": (sp.erf, 1),
    "erfc": (sp.erfc, 1),
    "sin": (sp.sin, 1),
    "cos": (sp.cos, 1),
    "tan": (sp.tan, 1),
    "atan": (sp.atan, 1),
    "sinh": (sp.sinh, 1),
    "cosh": (sp.cosh, 1),
    "tanh": (sp.tanh, 1),
    "sech": (sp.sech, 1),
}
#: Allowed constants.
CONSTANTS: dict[str, sp.Expr] = {"pi": sp.pi, "E": sp.E}
#: Names a user may not declare as symbols.
RESERVED = frozenset(FUNCTIONS) | frozenset(CONSTANTS)

_BINARY: dict[type[ast.operator], Callable[[sp.Expr, sp.Expr], sp.Expr]] = {
    ast.Add: lambda x, y: x + y,
    ast.Sub: lambda x, y: x - y,
    ast.Mult: lambda x, y: x * y,
    ast.Div: lambda x, y: x / y,
}
_GAMMA_LIKE = frozenset({"gamma", "loggamma", "beta"})


def parse_expression(
    text: object, symbols: Mapping[str, sp.Symbol], parameter: str = "density"
) -> sp.Expr:
    """Parse ``text`` into a SymPy expression over ``symbols``, through the allow-list.

    Raises :class:`InputError` (``parameter: problem``) on anything outside the allow-list.
    """
    if not isinstance(text, str):
        raise InputError(parameter, f"must be a string, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise InputError(parameter, f"longer than {MAX_LENGTH} characters")
    if not text.strip():
        raise InputError(parameter, "empty expression")
    for name in symbols:
        if name in RESERVED:
            raise InputError(parameter, f"symbol name {name!r} is reserved")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as err:
        raise InputError(parameter, f"syntax error at column {err.offset}: {err.msg}") from None
    except (ValueError, RecursionError, MemoryError):
        raise InputError(parameter, "cannot be parsed (too deep or invalid characters)") from None
    return _Builder(symbols, parameter).build(tree.body, 0)


class _Builder:
    """Walks an :mod:`ast` tree, building SymPy objects for allowed nodes only."""

    def __init__(self, symbols: Mapping[str, sp.Symbol], parameter: str) -> None:
        self.symbols = dict(symbols)
        self.parameter = parameter

    def fail(self, problem: str) -> InputError:
        return InputError(self.parameter, problem)

    def build(self, node: ast.AST, depth: int) -> sp.Expr:
        if depth > MAX_DEPTH:
            raise self.fail(f"expression nested deeper than {MAX_DEPTH}")
        if isinstance(node, ast.Constant):
            return self.constant(node.value)
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            value = self.build(node.operand, depth + 1)
            return -value if isinstance(node.op, ast.USub) else value
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            return self.power(self.build(node.left, depth + 1), self.build(node.right, depth + 1))
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            left, right = self.build(node.left, depth + 1), self.build(node.right, depth + 1)
            return _BINARY[type(node.op)](left, right)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        raise self.fail(f"forbidden syntax: {_describe(node)}")

    def constant(self, value: object) -> sp.Expr:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"forbidden literal {value!r} (only numbers are allowed)")
        if isinstance(value, int):
            if len(str(abs(value))) > MAX_LITERAL_DIGITS:
                raise self.fail(f"number literal longer than {MAX_LITERAL_DIGITS} digits")
            return sp.Integer(value)
        if not math.isfinite(value):
            raise self.fail(f"number literal {value!r} is not finite")
        return sp.Rational(repr(value))

    def name(self, ident: str) -> sp.Expr:
        if ident in self.symbols:
            return self.symbols[ident]
        if ident in CONSTANTS:
            return CONSTANTS[ident]
        if ident in FUNCTIONS:
            raise self.fail(f"function {ident!r} used without a call")
        raise self.fail(f"unknown symbol {ident!r}")

    def power(self, base: sp.Expr, exponent: sp.Expr) -> sp.Expr:
        if exponent.is_number:
            value = sp.N(exponent, 20)
            if not value.is_real or abs(float(value)) > MAX_EXPONENT:
                raise self.fail(f"exponent {exponent} too large (limit {MAX_EXPONENT})")
            if base.is_number and base.is_Rational and exponent.is_Rational:
                digits = max(len(str(abs(base.p))), len(str(base.q)))
                if digits * abs(float(exponent)) > MAX_RESULT_DIGITS:
                    raise self.fail(f"power {base}**{exponent} too large")
        return sp.Pow(base, exponent)

    def call(self, node: ast.Call, depth: int) -> sp.Expr:
        if not isinstance(node.func, ast.Name):
            raise self.fail(f"forbidden call target: {_describe(node.func)}")
        fname = node.func.id
        if fname not in FUNCTIONS:
            raise self.fail(f"unknown function {fname!r}")
        if node.keywords:
            raise self.fail(f"keyword arguments are not allowed in {fname}()")
        if any(isinstance(arg, ast.Starred) for arg in node.args):
            raise self.fail(f"starred arguments are not allowed in {fname}()")
        func, arity = FUNCTIONS[fname]
        if len(node.args) != arity:
            raise self.fail(f"{fname}() takes {arity} argument(s), got {len(node.args)}")
        args = [self.build(arg, depth + 1) for arg in node.args]
        if fname in _GAMMA_LIKE:
            for arg in args:
                if arg.is_number and abs(complex(sp.N(arg, 20))) > MAX_GAMMA_ARGUMENT:
                    raise self.fail(f"{fname}() argument {arg} too large")
        return func(*args)


def _describe(node: ast.AST) -> str:
    """A short name for a refused node, e.g. ``Attribute '.system'``."""
    kind = type(node).__name__
    if isinstance(node, ast.Attribute):
        return f"attribute access '.{node.attr}'"
    if isinstance(node, ast.Subscript):
        return "subscript '[...]'"
    if isinstance(node, ast.Lambda):
        return "lambda"
    if isinstance(node, ast.BinOp | ast.UnaryOp | ast.BoolOp | ast.Compare):
        op = getattr(node, "op", None) or getattr(node, "ops", [None])[0]
        return f"operator {type(op).__name__}"
    return kind


__all__ = ["CONSTANTS", "FUNCTIONS", "RESERVED", "parse_expression"]
