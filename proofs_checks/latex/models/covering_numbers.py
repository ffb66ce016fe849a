r"""Covering numbers of balls in ``R^d``, by the two volumetric bounds.

Covering arguments bound the internal (or external) covering number
``N^{int}_\varepsilon(B_r)`` of a ball: the fewest balls of radius ``\varepsilon`` (centred in
``B_r`` for the internal one) that cover ``B_r``. For the balls of *any* norm on ``R^d`` and
the Lebesgue measure ``V``, with ``\varepsilon, r > 0``:

* ``N_\varepsilon(B_r) \ge V(B_r) / V(B_\varepsilon) = (r/\varepsilon)^d``: the balls of a
  cover cover ``B_r``, so their volumes add up to ``V(B_r)`` at least;
* ``N^{int}_\varepsilon(B_r) \le V(B_{r+\varepsilon/2}) / V(B_{\varepsilon/2})
  = ((r + \varepsilon/2)/(\varepsilon/2))^d``: a maximal ``\varepsilon``-separated subset of
  ``B_r`` is an internal cover, and the balls of radius ``\varepsilon/2`` around its points
  are disjoint and lie in ``B_{r+\varepsilon/2}``; an external covering number is at most the
  internal one.

A covering number is a term ``N^{w}_{s}(X)`` (the reader's labelled value, ``w`` the word
``int`` or ``ext``) of a ball or a Minkowski sum of centred balls ``X``
(:func:`~.ball_volumes.ball_radius`); every other term of the step is written out by the
ball-volume model (:func:`~.ball_volumes.write_out`: ``V(B_r) = r^d V(B_1)``, in the
environment's dimension ``d``). :func:`covering_number_check` PROVES a step ``g(N) \le h``
(``\ge``, ``<``, ``>``) whose gap is linear in the one covering number ``N`` with a
coefficient of known sign when the gap at the bound that is worst for the step simplifies to
0 (non-strict relations only) or has the needed sign for every dimension and positive radii
(SymPy); like the ball-volume model it says SUPPORTED instead when the text does not name
``R^d``. The dimension is the letter ``d``: a text naming any other real space (``R^{d+1}``,
``R^{d \times d}``, ``R^2``, ``R^m``) keeps the model out (:func:`space_is_dim`), and without a
stated ``d \ge 1`` the step must hold at ``d = 0`` too (:func:`dim_at_least_one`).
An equation, a second covering number or anything else is left alone; nothing is REFUTED
here (the value between the bounds depends on the norm).
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.models.ball_volumes import (
    _dimension,
    _env_text,
    _identity,
    _parser,
    _plain,
    _sign_symbol,
    _Written,
    about_balls,
    ball_radius,
    names_space,
    space_is_dim,
    write_out,
)

#: A covering number's text: ``N^{int}_{\varepsilon}(B_1)``, ``\mathcal{N}^{ext}_{r}(B)``.
COVER = re.compile(r"(?P<head>N|\\mathcal\{N\})\^\{(?P<word>int|ext)\}_\{(?P<sub>.+?)\}"
                   r"\((?P<arg>.*)\)")
_RELS = {"<=": 1, "<": 1, ">=": -1, ">": -1}


class _Bounds:
    """The covering numbers of a step, each replaced by a symbol, with its two bounds."""

    def __init__(self) -> None:
        self.subs: dict[sp.Symbol, sp.Symbol] = {}
        self.bounds: dict[sp.Symbol, tuple[sp.Expr, sp.Expr]] = {}
        #: the covering radii that are one symbol: positive by definition
        self.radius_syms: set[sp.Symbol] = set()


def _covering(expr: sp.Expr, checker: Any, written: _Written, out: _Bounds) -> bool:
    """Replace each covering number of a ball in ``expr`` (into ``out``); False when a
    covering-number-like term does not read."""
    parse = _parser(checker)
    for s in expr.free_symbols:
        atom = checker.table.atoms.get(s)
        m = COVER.fullmatch(_plain(atom.latex)) if atom is not None else None
        if atom is None or atom.kind != "func" or m is None:
            continue
        r = ball_radius(m.group("arg"), parse)
        try:
            eps = parse(m.group("sub"))
        except Exception:  # noqa: BLE001 - a radius that does not read keeps the model out
            return False
        if r is None or not isinstance(eps, sp.Expr) or eps.atoms(sp.Function):
            return False
        written.radii += [r, eps, r + eps / 2, eps / 2]
        if isinstance(eps, sp.Symbol):
            out.radius_syms.add(eps)
        n = sp.Symbol(f"N[{sp.sstr(r)}, {sp.sstr(eps)}]", positive=True)
        d = written.dim
        out.subs[s] = n
        out.bounds[n] = ((r / eps) ** d, ((r + eps / 2) / (eps / 2)) ** d)
    return True


def dim_at_least_one(checker: Any, dim: sp.Symbol) -> bool:
    r"""Whether a stated domain puts the dimension at 1 or more (``d \ge 1``, or an integer
    ``d > 0``); otherwise ``d = 0`` (``R^0``, one point) is allowed."""
    p = checker.table.params.get(dim)
    lo = getattr(p, "lo", None)
    if lo is None:
        return False
    return bool(lo >= 1) or bool(lo > 0 and getattr(p, "is_integer", False))


def _signed(expr: sp.Expr, written: _Written, pos: bool = True) -> sp.Expr:
    """``expr`` with each radius symbol positive and the dimension a positive integer
    (a nonnegative one when ``pos`` is False)."""
    names = set().union(*(r.free_symbols for r in written.radii)) - {written.dim}
    dim = (sp.Symbol("D_dim", positive=True, integer=True) if pos
           else sp.Symbol("D_dim", nonnegative=True, integer=True))
    reps = {s: sp.Symbol(s.name, positive=True) for s in names}
    reps[written.dim] = dim
    return expr.xreplace(reps)


def _holds(gap: sp.Expr, rel: str, written: _Written, pos: bool = True) -> bool:
    r"""Whether ``gap rel 0`` at the worst bound, for every dimension (``d \ge 1``, or
    ``d \ge 0`` when ``pos`` is False) and positive radii."""
    if rel in ("<=", ">=") and _identity(gap, sp.Integer(0), written):
        return pos or _holds(gap.xreplace({written.dim: sp.Integer(0)}), rel, written)
    value = sp.simplify(_signed(gap, written, pos))
    want = {"<=": value.is_nonpositive, "<": value.is_negative,
            ">=": value.is_nonnegative, ">": value.is_positive}[rel]
    return want is True


def covering_number_check(check: Any, step: Any, checker: Any) -> None:
    """The hook: an UNDECIDED inequality about one covering number of a ball, shown by the
    volumetric bounds (module doc), is PROVED (SUPPORTED without ``R^d`` named)."""
    if check.verdict != "UNDECIDED" or step is None or step.rel not in _RELS:
        return
    if checker.table is None or not about_balls(checker, check.line):
        return
    try:
        _check(check, step, checker)
    except Exception:  # noqa: BLE001 - an expression the model cannot handle: no verdict
        return


def _check(check: Any, step: Any, checker: Any) -> None:
    gap = (step.lhs - step.rhs).xreplace(checker.defs)
    named = _dimension(checker)
    written = _Written(named if named is not None else sp.Symbol("D_dim", positive=True,
                                                                  integer=True))
    found = _Bounds()
    if not _covering(gap, checker, written, found) or len(found.subs) != 1:
        return
    gap = write_out(gap.xreplace(found.subs), checker, written)
    if gap is None or not _positive_radii(written, found, checker.table):
        return
    (n, (lower, upper)), = found.bounds.items()
    pos = dim_at_least_one(checker, written.dim)
    coeff = _signed(sp.diff(gap, n), written, pos)
    if sp.diff(gap, n, 2) != 0 or coeff.free_symbols & {n}:
        return
    up = _RELS[step.rel] * (1 if coeff.is_positive else -1 if coeff.is_negative else 0)
    if up == 0:
        return
    worst = upper if up > 0 else lower
    if not _holds(gap.xreplace({n: worst}), step.rel, written, pos):
        return
    if not space_is_dim(_env_text(checker, check.line), written.dim):
        return
    space = names_space(checker, check.line)
    check.verdict = "PROVED" if space else "SUPPORTED"
    check.method = "covering numbers of balls"
    check.detail = ("with (r/e)^d <= N_e(B_r) <= ((r + e/2)/(e/2))^d (volumetric bounds: any "
                    "norm on R^d, internal or external covers) and V(B_r) = r^d V(B_1), the "
                    "step holds at the bound that is worst for it")
    if not space:
        check.detail += ("; the text does not name R^d (V read as the Lebesgue measure and d "
                         "as the dimension from the letters alone), so no proof")
    check.witness = None


def _positive_radii(written: _Written, found: _Bounds, table: Any) -> bool:
    """Whether each radius is positive for every value the stated domains allow, a covering
    radius written as one symbol (``N_\\varepsilon``) being positive by definition."""
    for r in written.radii:
        signed = r.xreplace({s: sp.Symbol(s.name, positive=True) if s in found.radius_syms
                             else _sign_symbol(s, table.params.get(s))
                             for s in r.free_symbols if s is not written.dim})
        if signed.is_positive is not True:
            return False
    return True


__all__ = ["COVER", "covering_number_check"]
