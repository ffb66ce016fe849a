r"""One fact about one family of covering numbers ``N^{w}_{s}(X)`` (``w`` the word ``int``
or ``ext``, :data:`~.covering_numbers.COVER`), applied to a step about them.

* Monotonicity (:func:`_monotone`): ``N^{w}_{e}(B) \le N^{w}_{e'}(A)`` when ``B`` is ``A`` or
  a stated ``B \subseteq A`` (:func:`~.set_readings.read_facts`), ``e' / e`` is a number
  ``> 0`` and at most ``1/2`` for internal covers of two sets (a point of ``B`` in each ball
  of an internal ``e/2``-cover of ``A`` that meets ``B`` is the centre of an ``e``-ball that
  covers it too), at most 1 otherwise (an ``e'``-cover is an ``e``-cover; a cover of ``A``
  covers ``B``). The same reversed for ``\ge``.
A stated bound ``N_s(A) \le g(s)`` is NOT read for other radii: a bound written with a free
``s`` may be stated for one ``s`` only, and a radius inside the set argument does not rescale
(review findings; removed).

Any other step is left alone; nothing is REFUTED here.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models import set_readings as sr
from hallbound.proofs_checks.latex.models.ball_volumes import _parser, _plain
from hallbound.proofs_checks.latex.models.cover_volumes import _directive_items
from hallbound.proofs_checks.latex.models.covering_numbers import COVER

_FLIP = {"<=": ">=", "<": ">", ">=": "<=", ">": "<"}


def _covers(expr: sp.Expr, table: Any) -> dict[sp.Symbol, re.Match]:
    """The covering numbers of ``expr``: symbol -> the match of its text."""
    out = {}
    for s in expr.free_symbols:
        atom = table.atoms.get(s)
        m = COVER.fullmatch(_plain(atom.latex)) if atom is not None else None
        if m is not None and atom.kind == "func":
            out[s] = m
    return out


def _ratio(small: str, big: str, parse: Any) -> sp.Expr | None:
    """``small / big`` for two radius texts when it is a positive number, else None."""
    try:
        k = sp.simplify(parse(small) / parse(big))
    except Exception:  # noqa: BLE001 - a radius that does not read
        return None
    return k if k.is_number and k.is_positive else None


def _monotone(step: Any, checker: Any, line: int) -> bool:
    """Whether the step is ``N^{w}_{e}(B) \\le N^{w}_{e'}(A)`` by monotonicity (module doc)."""
    lhs, rel, rhs = step.lhs, step.rel, step.rhs
    if rel in (">=", ">"):
        lhs, rhs, rel = rhs, lhs, _FLIP[rel]
    if rel != "<=":
        return False
    table = checker.table
    left, right = _covers(lhs, table), _covers(rhs, table)
    if set(left) != {lhs} or set(right) != {rhs}:
        return False
    ml, mr = left[lhs], right[rhs]
    if ml.group("head", "word") != mr.group("head", "word"):
        return False
    small, big = ml.group("arg"), mr.group("arg")
    facts = sr.read_facts(_directive_items(checker, line), _parser(checker))
    if small != big and (small, big) not in facts.subsets:
        return False
    k = _ratio(mr.group("sub"), ml.group("sub"), _parser(checker))
    limit = sp.Rational(1, 2) if ml.group("word") == "int" and small != big else sp.Integer(1)
    return k is not None and bool(k <= limit)


def covering_instance_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED step by monotonicity (module doc) is PROVED; any other step is
    left as it is."""
    if check.verdict != "UNDECIDED" or step is None or checker.table is None:
        return
    if step.rel not in _FLIP:
        return
    try:
        if _monotone(step, checker, check.line):
            check.detail = ("monotonicity of covering numbers: a cover of the larger set at "
                            "the smaller radius gives one of the subset (internal covers: at "
                            "twice the radius)")
        else:
            return
    except Exception:  # noqa: BLE001 - an expression the model cannot handle: no verdict
        return
    check.verdict = "PROVED"
    check.method = "covering numbers: stated facts"
    check.witness = None


__all__ = ["covering_instance_check"]
