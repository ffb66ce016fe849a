r"""Integrals against ``\partial`` measures with named points, read by the finite-measure model
(:mod:`.divergence_terms`, :mod:`.kernel_terms`): what blueprints write for the chain rule of
the KL divergence,

.. math::

   \int_x \int_y \log\Bigl(\frac{d\mu}{d\nu}(x) \frac{d\kappa}{d\eta}(x, y)\Bigr)
   \partial\kappa(x) \partial\mu,
   \qquad \int_p \log \frac{d(\mu \otimes \kappa)}{d(\nu \otimes \eta)}(p)
   \partial(\mu \otimes \kappa).

* ``\int_v g \partial M``: :math:`\sum_v M(v)\, g(v)`, where ``M`` is a measure (``v`` a
  point), a law on the product (``(\mu \otimes \kappa)``: ``v`` a pair of points) or a kernel
  at a bound point (``\kappa(x)``: ``v`` a point weighted by :math:`\kappa(x, v)`). The
  integrand runs up to the ``\partial`` of its own integral (``\int_x g + h \partial\mu``
  integrates the sum).
* ``\int g \, \mu(dv)`` and ``\int g \, \kappa(x, dv)``: the same, the variable named in
  the differential (``\int \int g(x, y) \kappa(x, dy) \mu(dx)``).
* densities at bound points: ``\frac{d\mu}{d\nu}(x)`` :math:`= \mu(x)/\nu(x)`;
  ``\frac{dA}{dB}(p)`` for two laws on the product at a pair ``p``;
  ``\frac{d\kappa}{d\eta}(x, y)`` and ``\frac{d\kappa(x)}{d\eta(x)}(y)``
  :math:`= \kappa(x, y)/\eta(x, y)`;
* a divergence of kernels at a bound point: ``KL(\kappa(x), \eta(x))``.

Inside such an integral the integrand may hold numbers, arithmetic, ``\log``/``\ln``/
``\exp``/``\sqrt``, ``|..|``, these densities and divergences, and nested integrals;
anything else (a sum over the points, an expectation, a function the text does not define)
raises
:class:`~.measure_unread.Unread`, which keeps the model out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import mpmath as mp

from hallbound.proofs_checks.latex.models.measure_unread import Unread

#: The term heads evaluated with the bound points (the rest are evaluated without them).
_ARITH = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b, "div": lambda a, b: a / b,
          "pow": lambda a, b: a ** b}
_OPENERS = {"(": ")", "[": "]", "{": "}"}


def _unread(why: str) -> Exception:
    return Unread(why)


def _binds(reader: Any) -> dict[str, int]:
    """The points bound by the enclosing ``\\partial`` integrals: name -> 1 (a point) or 2
    (a pair of points)."""
    if not hasattr(reader, "binds"):
        reader.binds = {}
    return reader.binds


def at_partial_integral(reader: Any) -> bool:
    """Whether the ``\\int`` at the reader's position is written against ``\\partial``."""
    return _matching_partial(reader.toks, reader.pos + 1) is not None


def _applied(toks: list[str], j: int) -> int | None:
    """The index after ``\\mu(dx)`` / ``\\kappa(x, dy)`` at ``j``, or None."""
    part = toks[j:j + 7]
    if len(part) < 5 or part[1] != "(" or part[0] in ("\\int", "\\partial", "d"):
        return None
    if part[2] == "d" and part[4] == ")":
        return j + 5
    if len(part) == 7 and part[3] == "," and part[4] == "d" and part[6] == ")":
        return j + 7
    return None


def _matching_partial(toks: list[str], j: int) -> int | None:
    """The index of the ``\\partial`` (or of the measure of ``\\mu(dx)``) closing the
    integral whose body starts at ``j``."""
    depth, open_ints = 0, 1
    while j < len(toks):
        t = toks[j]
        if depth == 0 and _applied(toks, j) is not None:
            open_ints -= 1
            if open_ints == 0:
                return j
            j = _applied(toks, j) or j
            continue
        if t in _OPENERS:
            depth += 1
        elif t in (")", "]", "}"):
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0 and t == "\\int":
            open_ints += 1
        elif depth == 0 and t == "\\partial":
            open_ints -= 1
            if open_ints == 0:
                return j
        j += 1
    return None


def _sub(reader: Any, toks: list[str]) -> Any:
    """A reader of ``toks`` sharing the context, the used names and the bound points."""
    sub = type(reader).__new__(type(reader))
    sub.toks, sub.pos, sub.ctx, sub.used = toks, 0, reader.ctx, reader.used
    sub.point, sub.binds = None, _binds(reader)
    return sub


def _group_end(toks: list[str], i: int) -> int:
    depth = 0
    for j in range(i, len(toks)):
        depth += 1 if toks[j] in _OPENERS else -1 if toks[j] in (")", "]", "}") else 0
        if depth == 0:
            return j
    raise _unread("an unclosed group")


def read_partial_integral(reader: Any) -> Any:
    """``\\int_v g \\partial M`` at the reader's position (module doc)."""

    reader.take("\\int")
    var = ""
    if reader.peek() == "_":
        reader.take()
        var = reader.take()
        if var == "{":
            var = reader.take()
            reader.take("}")
    binds = _binds(reader)
    close = _matching_partial(reader.toks, reader.pos)
    if close is None:
        raise _unread("an integral without its \\partial measure")
    body_toks = reader.toks[reader.pos:close]
    reader.pos = close
    if reader.toks[close] != "\\partial":
        measure, dim, var = _applied_measure(reader, var)
    else:
        reader.pos += 1
        measure, dim = _partial_measure(reader, binds)
    if not var.isalpha() or len(var) != 1 or var in binds or var in reader.ctx.measures:
        raise _unread("an integral whose variable is not one new letter")
    binds[var] = dim
    try:
        body = _sub(reader, body_toks).read()
    finally:
        binds.pop(var, None)
    return ("pint", var, measure, body)


def _applied_measure(reader: Any, var: str) -> tuple[Any, int, str]:
    """The measure, its dimension and the variable of ``\\mu(dv)`` / ``\\kappa(x, dv)``."""
    toks, i = reader.toks, reader.pos
    end = _applied(toks, i) or i
    name, args = toks[i].lstrip("\\"), toks[i + 2:end - 1]
    if len(args) == 2 and name in reader.ctx.measures:
        measure: Any = ("law", ("base", name))
    elif len(args) == 4 and name in reader.ctx.kernels and _binds(reader).get(args[0]) == 1:
        measure = ("row", name, args[0])
    else:
        raise _unread(f"an integral against {toks[i]!r}, which is not a measure or a kernel")
    if var and var != args[-1]:
        raise _unread("an integral whose subscript and differential name different variables")
    reader.used.add(name)
    reader.pos = end
    return measure, 1, args[-1]


def _partial_measure(reader: Any, binds: dict[str, int]) -> tuple[Any, int]:
    """The measure after ``\\partial`` and the dimension of its space."""
    from hallbound.proofs_checks.latex.models.kernel_terms import _product

    t = reader.peek()
    name = t.lstrip("\\") if t else ""
    if t == "(":
        end = _group_end(reader.toks, reader.pos)
        sub = _sub(reader, reader.toks[reader.pos + 1:end])
        law, dim = _product(sub)
        if sub.peek() is not None:
            raise _unread("an integrating law the model does not read")
        reader.pos = end + 1
        measure: Any = ("law", law)
    elif name in reader.ctx.kernels and reader.peek(1) == "(" and reader.peek(3) == ")" \
            and binds.get(reader.peek(2) or "") == 1:
        measure, dim = ("row", name, reader.peek(2)), 1
        reader.pos += 4
    elif name in reader.ctx.measures:
        reader.take()
        measure, dim = ("law", ("base", name)), 1
    else:
        raise _unread(f"an integral against {t!r}, which is not a measure or a kernel")
    if name.isalpha():
        reader.used.add(name)
    return measure, dim


def _spec(toks: list[str], binds: dict[str, int], reader: Any) -> tuple[Any, str | None]:
    r"""The measure of ``d X`` in a density: ``("m", name)``, ``("k", name)`` (a kernel,
    with the point it is taken at, or None) or ``("law", term, dim)``."""
    from hallbound.proofs_checks.latex.models.kernel_terms import _product

    if len(toks) < 2 or toks[0] not in ("d", "op:d"):
        raise _unread("not a density")
    rest, name = toks[1:], toks[1].lstrip("\\")
    if len(rest) == 1 and name in reader.ctx.measures:
        return ("m", name), None
    if len(rest) == 1 and name in reader.ctx.kernels:
        return ("k", name), None
    if len(rest) == 4 and name in reader.ctx.kernels and rest[1] == "(" and rest[3] == ")" \
            and binds.get(rest[2]) == 1:
        return ("k", name), rest[2]
    if rest[0] == "(" and _group_end(rest, 0) == len(rest) - 1:
        sub = _sub(reader, rest[1:-1])
        law, dim = _product(sub)
        if sub.peek() is None:
            return ("law", law, dim), None
    raise _unread("a density of something that is not a measure, a kernel or a law")


def read_point_density(reader: Any) -> Any | None:
    r"""``\frac{dA}{dB}(points)`` at bound points (after ``\frac``), or None (nothing
    consumed) when the fraction is no such density."""
    binds, toks, i = _binds(reader), reader.toks, reader.pos
    if not binds or reader.peek() != "{" or reader.peek(1) not in ("d", "op:d"):
        return None
    a_end = _group_end(toks, i)
    if a_end + 1 >= len(toks) or toks[a_end + 1] != "{":
        return None
    b_end = _group_end(toks, a_end + 1)
    if b_end + 1 >= len(toks) or toks[b_end + 1] != "(":
        return None
    (num, at_a), (den, at_b) = (_spec(toks[i + 1:a_end], binds, reader),
                                _spec(toks[a_end + 2:b_end], binds, reader))
    c_end = _group_end(toks, b_end + 1)
    args = toks[b_end + 2:c_end]
    points = args[::2]
    if any(t != "," for t in args[1::2]) or any(binds.get(p) is None for p in points):
        raise _unread("a density at points that are not bound by an integral")
    if num[0] != den[0] or at_a != at_b:
        raise _unread("a density of two objects of different kinds")
    if num[0] == "k":
        points = [at_a, *points] if at_a is not None else points
        if len(points) != 2 or any(binds[p] != 1 for p in points):
            raise _unread("a kernel density needs a point and an outcome")
    elif num[0] == "law" and (num[2] != den[2] or len(points) != 1
                              or binds[points[0]] != num[2]):
        raise _unread("a density of laws at a point of another space")
    elif num[0] == "m" and (len(points) != 1 or binds[points[0]] != 1):
        raise _unread("a density of measures at a point of another space")
    reader.pos = c_end + 1
    for spec in (num, den):
        if spec[0] in ("m", "k"):
            reader.used.add(spec[1])
    return ("pdens", num, den, tuple(points))


def _spec_value(spec: Any, point: Any, inst: Any) -> Any:
    from hallbound.proofs_checks.latex.models.kernel_terms import law

    n = len(next(iter(inst.masses.values())))
    if spec[0] == "m":
        return inst.masses[spec[1]][point[0]]
    if spec[0] == "k":
        return inst.kernels[spec[1]][point[0]][point[1]]
    masses = law(spec[1], inst)
    return masses[point[0] * n + point[1]] if spec[2] == 2 else masses[point[0]]


def _weights(measure: Any, inst: Any, env: dict) -> list[tuple[Any, Any]]:
    """``(point, weight)`` over the space the integral runs on."""
    from hallbound.proofs_checks.latex.models.kernel_terms import law

    n = len(next(iter(inst.masses.values())))
    if measure[0] == "row":
        row = inst.kernels[measure[1]][env[measure[2]][0]]
        return [((y,), row[y]) for y in range(n)]
    masses = law(measure[1], inst)
    if len(masses) == n:
        return [((x,), masses[x]) for x in range(n)]
    return [((x, y), masses[x * n + y]) for x in range(n) for y in range(n)]


class Evaluator(NamedTuple):
    """What :func:`evaluate_at` needs of the measure reader it serves
    (:mod:`.divergence_terms` passes its own): the evaluator of a term without bound points,
    the one-argument operators (name -> ``fn(value, inst)``) and a divergence of two laws."""

    evaluate: Callable[[Any, Any], Any]
    unary: dict[str, Callable[[Any, Any], Any]]
    divergence: Callable[..., Any]


def evaluate_at(term: Any, inst: Any, env: dict, base: Evaluator) -> Any:
    """The value of ``term`` with the points of ``env`` bound (name -> tuple of indices);
    terms with no bound point are left to ``base``."""
    head = term[0]
    if head == "pint":
        _, var, measure, body = term
        return mp.fsum(w * evaluate_at(body, inst, {**env, var: pt}, base)
                       for pt, w in _weights(measure, inst, env))
    if head == "pdens":
        pt = tuple(i for p in term[3] for i in env[p])
        return _spec_value(term[1], pt, inst) / _spec_value(term[2], pt, inst)
    if head in _ARITH:
        return _ARITH[head](evaluate_at(term[1], inst, env, base),
                            evaluate_at(term[2], inst, env, base))
    if head.startswith("div_"):  # KL(\kappa(x), \eta(x)) at the bound point x
        from hallbound.proofs_checks.latex.models.kernel_terms import argument_law

        p, q = argument_law(term[1], inst, env), argument_law(term[2], inst, env)
        return base.divergence(head[4:], p, q, inst, term[3])
    if head in base.unary:
        return base.unary[head](evaluate_at(term[1], inst, env, base), inst)
    value = base.evaluate(term, inst)
    if isinstance(value, tuple):
        raise _unread("a function on the set inside an integral against \\partial")
    return value


def _leaves(spec: Any) -> list[tuple[str, str]] | None:
    """The measures and kernels of a density's measure, in order: ``("m" | "k", name)``."""
    if spec[0] in ("m", "k"):
        return [(spec[0], spec[1])]
    out: list[tuple[str, str]] = []
    stack = [spec[1]]
    while stack:
        t = stack.pop(0)
        if t[0] == "base":
            out.append(("m", t[1]))
        elif t[0] == "joint":
            stack.insert(0, t[1])
            out.append(("k" if t[2][0] == "kernel" else "m", t[2][1]))
        elif t[0] == "push":
            out.append(("k", t[1]))
            stack.insert(0, t[2])
        else:
            return None  # a marginal: no pair of measures to relate
    return out


def density_pairs(nodes: list[Any]) -> list[tuple[str, str, str]] | None:
    r"""``(kind, a, b)`` for each pair of measures (``"m"``) or kernels (``"k"``) whose
    ``a \ll b`` a density at points of ``nodes`` needs (``d(\mu \otimes \kappa) /
    d(\nu \otimes \eta)``: ``\mu \ll \nu`` and ``\kappa \ll \eta``); None when a
    density's two sides have different shapes (the condition is not a list of pairs)."""
    out = []
    for t in nodes:
        if t[0] != "pdens":
            continue
        num, den = _leaves(t[1]), _leaves(t[2])
        if num is None or den is None or [k for k, _ in num] != [k for k, _ in den]:
            return None
        out += [(k, a, b) for (k, a), (_, b) in zip(num, den, strict=True)]
    return out


__all__ = ["Evaluator", "at_partial_integral", "density_pairs", "evaluate_at",
           "read_partial_integral", "read_point_density"]
