r"""The opaque SymPy objects the trust base's lemmas are stated in: the union of events
:class:`AnyOf`, :class:`BallVolume`, :class:`SupDensity`, :class:`Norm` and the conditional
expectation :class:`CondE`. Each prints itself in LaTeX (``_latex``); none has a value of its
own: the lemmas that mention it relate it to other quantities.

Every name stays importable from :mod:`hallbound.proofs_checks.library.lemma_library`.
"""

from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.logic.boolalg import Boolean


class AnyOf(Boolean):
    r"""The union of events :math:`\bigvee_{k=lo}^{hi} A_k` (written out when the limits are
    integers): ``AnyOf(A[k], (k, 1, n))``."""

    def __new__(cls, function: sp.Basic, *limits: Any) -> AnyOf:
        return sp.Basic.__new__(cls, function, *[sp.Tuple(*lim) for lim in limits])

    @property
    def function(self) -> sp.Basic:
        return self.args[0]

    @property
    def limits(self) -> tuple[sp.Tuple, ...]:
        return self.args[1:]

    @property
    def free_symbols(self) -> set[sp.Basic]:
        """The free symbols, less the bound index (as for ``Sum``)."""
        out = set(self.function.free_symbols)
        for v, lo, hi in self.limits:
            out = (out - {v}) | lo.free_symbols | hi.free_symbols
        return out

    def _sympystr(self, printer: Any) -> str:
        lims = ", ".join(f"{printer._print(v)}={lo}..{hi}" for v, lo, hi in self.limits)
        return f"AnyOf({printer._print(self.function)}, {lims})"

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return _with_exp(self._latex_body(printer), exp)

    def _latex_body(self, printer: Any) -> str:
        v, lo, hi = self.limits[0]
        return (
            rf"\bigvee_{{{printer._print(v)}={printer._print(lo)}}}^{{{printer._print(hi)}}}"
            + printer._print(self.function)
        )


class BallVolume(sp.Function):
    r""":math:`\operatorname{vol}(B_d(r))`, the Lebesgue measure of the Euclidean ball of radius
    :math:`r` in :math:`\mathbb R^d` (opaque: the lemma ``Ball volume`` gives its value)."""

    nargs = 2
    is_real = True
    is_nonnegative = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return _with_exp(self._latex_body(printer), exp)

    def _latex_body(self, printer: Any) -> str:
        d, r = (printer._print(a) for a in self.args)
        return rf"\operatorname{{vol}}\left(B_{{{d}}}({r})\right)"


class SupDensity(sp.Function):
    r""":math:`\sup f_X`, the (essential) supremum of the Lebesgue density of the random vector
    :math:`X` in :math:`\mathbb R^d` (``SupDensity(X, d)``); :math:`+\infty` when :math:`X` has
    no bounded density (opaque: the lemmas ``Sup density (...)`` and ``Ball mass`` relate it)."""

    nargs = 2
    is_extended_real = True
    is_extended_nonnegative = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return _with_exp(self._latex_body(printer), exp)

    def _latex_body(self, printer: Any) -> str:
        return r"\sup f_{" + printer._print(self.args[0]) + "}"


class Norm(sp.Function):
    r""":math:`\lVert X \rVert`, the Euclidean norm of a random vector (opaque; in dimension 1
    it is :math:`|X|`)."""

    nargs = 1
    is_real = True
    is_nonnegative = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        return _with_exp(r"\left\lVert " + printer._print(self.args[0]) + r"\right\rVert", exp)


class CondE(sp.Function):
    r""":math:`\mathbb E[X \mid B] = \mathbb E[X \mathbf 1_B] / \Pr[B]`, the conditional
    expectation of ``X`` given an event ``B`` of positive probability (``CondE(X, B)``;
    opaque: the lemma ``Total expectation`` relates it to :math:`\mathbb E[X]`)."""

    nargs = 2
    is_real = True

    def _latex(self, printer: Any, exp: Any = None) -> str:
        x, b = (printer._print(a) for a in self.args)
        return _with_exp(r"\mathbb{E}\left[" + x + r" \mid " + b + r"\right]", exp)


def _with_exp(tex: str, exp: Any) -> str:
    """``tex`` raised to the printed power ``exp`` (SymPy's printer passes it for x**n)."""
    return tex if exp is None else r"\left(" + tex + r"\right)^{" + str(exp) + "}"
