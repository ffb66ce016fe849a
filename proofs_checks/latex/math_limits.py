r"""Limits in LaTeX: ``\lim_{n \to \infty} E``, ``\lim_{x \to 0^+} E``, ``\limsup``,
``\liminf`` (:class:`LimitsMixin`, a base of
:class:`~hallbound.proofs_checks.latex.math_parser.Parser`), and the limit an evaluation
bracket ``[F]_a^\infty`` needs.

Reading rule: the subscript is ``VAR \to POINT`` (also ``\rightarrow``; ``\downarrow`` /
``\searrow`` from above, ``\uparrow`` / ``\nearrow`` from below; ``POINT^+`` / ``POINT^-`` one
side); ``VAR`` is one letter or Greek letter, bound in the body; the body is the next factor
(a product, as for ``\sum``). Anything else in the subscript is refused.

Value: the limit is a number only when (:func:`evaluate_limit`)

1. the body holds no symbol but ``VAR`` and no opaque atom (a parameter's sign or a
   function's behaviour would change the limit),
2. SymPy's ``limit`` gives a finite real value within :data:`LIMIT_CPU_S` CPU seconds (and
   what is left of the file's budget, :func:`reset_limit_budget`), two-sided when no side is
   written (a one-sided or oscillating limit is then no value), and
3. the body evaluated (``evalf``, exact arguments) at points approaching ``POINT``
   (:func:`approach_points`) comes within :data:`AGREEMENT` of that value at the last point,
   from every side, its distance not growing.

A ``\limsup`` or ``\liminf`` equals the limit when the limit exists, so it takes the same
value under the same conditions. Otherwise the limit is an opaque atom keyed by the head
(``lim``, ``limsup``, ``liminf``), variable, point, side and body: the same limit read twice
is the same atom, and nothing is known of it. A limit of a sum is never split (the limit of
a sum is the sum of the limits only when both exist).
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_names import raw_key, show
from hallbound.proofs_checks.latex.math_tokens import GREEK, LatexError, tokenize

#: CPU seconds SymPy gets for one limit (in a worker process), checks included.
LIMIT_CPU_S = 2.0
#: CPU seconds all limits of one file may take (:func:`reset_limit_budget`).
LIMIT_FILE_CPU_S = 10.0
_LIMIT_MIN_CHARGE = 0.05
_limit_left = [LIMIT_FILE_CPU_S]
#: The limits given a value in the current file: their tokens as written -> note (the steps
#: whose sides write them say so, :func:`limit_notes`).
_EVALUATED: dict[str, str] = {}
#: The largest distance from the limit allowed at the last sample point, relative to
#: ``1 + |value|``.
AGREEMENT = 1e-6
#: Arrows of a limit's subscript -> the side they fix (``""``: none).
_ARROWS = {"to": "", "rightarrow": "", "longrightarrow": "", "downarrow": "+",
           "searrow": "+", "uparrow": "-", "nearrow": "-"}
_HEADS = ("lim", "limsup", "liminf")


def reset_limit_budget(seconds: float = LIMIT_FILE_CPU_S) -> None:
    """Give the limits of the next file ``seconds`` CPU seconds in all; past them a limit
    stays an opaque atom."""
    if not seconds >= 0:
        raise ValueError(f"seconds must be >= 0, got {seconds}")
    _limit_left[0] = seconds
    _EVALUATED.clear()


def limit_notes(text: str) -> list[str]:
    """The notes of the limits evaluated in this file that the LaTeX ``text`` writes."""
    if not _EVALUATED:
        return []
    try:
        written = raw_key(tokenize(text))
    except LatexError:
        return []
    return [note for key, note in sorted(_EVALUATED.items()) if key in written]


def approach_points(point: sp.Basic, side: str) -> list[list[tuple[int, Any]]]:
    """Sample points approaching ``point``, one list per side, each ``(k, x)``: ``x = 10^k``
    (``k`` = 8, 16, 32, 64) towards ``+oo``, ``-10^k`` towards ``-oo``, ``point +- 10^-k``
    towards a finite point (``side`` ``+``, ``-``, or both when empty); ``x`` is exact (a
    SymPy number), to be evaluated with some ``2k`` digits more than the answer needs."""
    ks = (8, 16, 32, 64)
    if point == sp.oo:
        return [[(k, sp.Integer(10) ** k) for k in ks]]
    if point == -sp.oo:
        return [[(k, -sp.Integer(10) ** k) for k in ks]]
    signs = {"+": (1,), "-": (-1,)}.get(side, (1, -1))
    return [[(k, point + s * sp.Rational(1, 10**k)) for k in ks] for s in signs]


def numerically_agrees(body: sp.Basic, var: sp.Symbol, point: sp.Basic, side: str,
                       value: sp.Basic) -> bool:
    """Condition 3 of the module doc: ``|body(x_k) - value|`` finite at every sample point
    (mpmath, ``2k + 30`` digits at ``x_k``), not growing along each side, and at most
    ``AGREEMENT (1 + |value|)`` at the last."""
    import mpmath

    fn = sp.lambdify(var, body, modules="mpmath")
    for points in approach_points(point, side):
        gaps = []
        for k, x in points:
            with mpmath.workdps(2 * k + 30):
                y = fn(mpmath.mpf(sp.N(x, 2 * k + 30)))
                target = mpmath.mpf(sp.N(value, 2 * k + 30))
                if not isinstance(y, mpmath.mpf) or not mpmath.isfinite(y):
                    return False
                gaps.append(float(abs(y - target)))
        tol = AGREEMENT * (1 + abs(float(sp.N(value))))
        if gaps[-1] > tol or any(b > a + tol for a, b in zip(gaps, gaps[1:], strict=False)):
            return False
    return True


def _limit_job(body: sp.Basic, var: sp.Symbol, point: sp.Basic, side: str) -> sp.Basic | None:
    """SymPy's limit checked numerically (in the worker); None when no finite value."""
    direction = side or ("-" if point == sp.oo else "+" if point == -sp.oo else "+-")
    value = sp.limit(body, var, point, dir=direction)
    bad = (sp.Limit, sp.AccumBounds, sp.nan, sp.zoo, sp.oo, -sp.oo)
    if not isinstance(value, sp.Basic) or value.free_symbols or value.has(*bad):
        return None
    if not (value.is_real and value.is_finite):
        return None
    return value if numerically_agrees(body, var, point, side, value) else None


def evaluate_limit(body: sp.Basic, var: sp.Symbol, point: sp.Basic,
                   side: str) -> sp.Basic | None:
    """The limit of ``body`` as ``var -> point`` (``side`` ``+``/``-``/empty) under the
    module doc's conditions 2 and 3 (the caller checks 1); None otherwise."""
    limit = min(LIMIT_CPU_S, _limit_left[0])
    if limit < _LIMIT_MIN_CHARGE:
        return None
    from hallbound.proofs_checks.latex.worker import run_with_budget

    status, value, used = run_with_budget(lambda: _limit_job(body, var, point, side), limit)
    _limit_left[0] -= max(used, _LIMIT_MIN_CHARGE)
    return value if status == "ok" and isinstance(value, sp.Basic) else None


def _variable(tok: Any) -> bool:
    return tok.kind == "letter" or (tok.kind == "cmd" and tok.text in GREEK)


class LimitsMixin:
    """``\\lim``, ``\\limsup``, ``\\liminf`` in operand position (see the module doc)."""

    toks: list[Any]
    pos: int
    scope: Any
    bound: dict[str, Any]

    def limit_subscript(self, head: str, offset: int) -> tuple[str, sp.Basic, str]:
        """``(VAR, POINT, side)`` of the subscript at the position (consumed); refused when
        it is not ``VAR \\to POINT`` (module doc)."""
        if not (self.at("sym", "_") and self.at("sym", "{", 1)):  # type: ignore[attr-defined]
            raise self.fail(f"\\{head} needs a subscript {{n \\to a}}", offset)  # type: ignore[attr-defined]
        self.next()  # type: ignore[attr-defined]
        sub = self.read_group_tokens()  # type: ignore[attr-defined]
        if len(sub) < 3 or not _variable(sub[0]) or sub[1].kind != "cmd" \
                or sub[1].text not in _ARROWS:
            raise self.fail(f"\\{head}_{{..}}: only one variable tending to a point is read "
                            "(n \\to a)", offset)  # type: ignore[attr-defined]
        side, rest = _ARROWS[sub[1].text], sub[2:]
        marks = [show(t) for t in rest[-4:]]
        for tail, sign in ((["^", "+"], "+"), (["^", "-"], "-"),
                           (["^", "{", "+", "}"], "+"), (["^", "{", "-", "}"], "-")):
            if marks[-len(tail):] == tail and len(rest) > len(tail):
                if side and side != sign:
                    raise self.fail(f"\\{head}: two sides written", offset)  # type: ignore[attr-defined]
                side, rest = sign, rest[: -len(tail)]
                break
        point = self.sub_parse(rest)  # type: ignore[attr-defined]
        if isinstance(point, sp.MatrixBase):
            raise self.fail(f"\\{head} at a vector or matrix", offset)  # type: ignore[attr-defined]
        if point.has(sp.oo, -sp.oo) and point not in (sp.oo, -sp.oo):
            raise self.fail(f"\\{head}: a point that is not +-infinity or finite", offset)  # type: ignore[attr-defined]
        if side and point in (sp.oo, -sp.oo):
            raise self.fail(f"\\{head}: a side at infinity", offset)  # type: ignore[attr-defined]
        return show(sub[0]).lstrip("\\"), point, side

    def read_limit(self, head: str, offset: int) -> sp.Basic:
        """``\\lim_{VAR \\to POINT} BODY`` (the command consumed): its value under the
        module doc's conditions, else the opaque atom."""
        start = self.pos - 1  # the \\lim token
        name, point, side = self.limit_subscript(head, offset)
        var = sp.Symbol(name, real=True)
        with self.binding(name, var):  # type: ignore[attr-defined]
            self.enter()  # type: ignore[attr-defined]
            body = self.product()  # type: ignore[attr-defined]
            self.leave()  # type: ignore[attr-defined]
        if isinstance(body, sp.MatrixBase):
            raise self.fail(f"\\{head} of a vector or matrix", offset)  # type: ignore[attr-defined]
        written = raw_key(self.toks[start : self.pos])
        return self.limit_value(head, body, var, point, side, written)

    def limit_value(self, head: str, body: sp.Basic, var: sp.Symbol, point: sp.Basic,
                    side: str, written: str) -> sp.Basic:
        """The value (module doc), else the atom keyed by head, variable, point, side, body."""
        atoms = self.scope.atoms
        plain = body.free_symbols <= {var} and not any(s in atoms for s in body.free_symbols)
        value = evaluate_limit(body, var, point, side) if plain and not point.free_symbols \
            else None
        if value is not None:
            _EVALUATED[written] = (
                f"\\{head} of {sp.sstr(body)} as {var.name} -> {sp.sstr(point)}{side} read as "
                f"{sp.sstr(value)}: SymPy's limit, checked by mpmath at points approaching "
                f"{sp.sstr(point)}")
            return value
        deps: set = set(point.free_symbols)
        for s in body.free_symbols:
            deps |= set(atoms[s].depends) if s in atoms else {s}
        deps = {d for d in deps if d != var and getattr(d, "name", None) != var.name}
        key = f"{head}_{{{var.name} -> {sp.sstr(point)}{side}}}({sp.sstr(body)})"
        return self.atom_symbol("limit", head, key, key, depends=deps)  # type: ignore[attr-defined]


__all__ = [
    "LIMIT_CPU_S",
    "LimitsMixin",
    "approach_points",
    "evaluate_limit",
    "limit_notes",
    "numerically_agrees",
    "reset_limit_budget",
]
