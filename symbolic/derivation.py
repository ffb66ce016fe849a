r"""A derivation: a sequence of steps, each a SymPy relation with its justification.

A :class:`Derivation` records how a result was obtained (e.g. the Bayes-optimal estimator of
a loss), and renders the same steps as LaTeX (:meth:`Derivation.to_latex`), plain text
(:meth:`Derivation.to_text`) and JSON-able dicts (:meth:`Derivation.to_dict`).

Steps that state an identity can be *checked* when recorded: :meth:`Derivation.identity`
asserts that :math:`\mathrm{lhs} - \mathrm{rhs}` simplifies to 0 (under optional
substitutions) and marks the step ``verified``; a failed check raises
:class:`DerivationError`, so a derivation never silently records a false step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import sympy as sp


class DerivationError(AssertionError):
    """A step that was meant to be a verified identity did not simplify to 0."""


@dataclass(frozen=True)
class Step:
    r"""One step: ``relation`` (a SymPy relation, boolean or expression) and why it holds.

    ``verified`` is True when the toolkit checked the step symbolically (e.g. the
    difference of both sides simplified to 0), False when it is a definition, hypothesis or
    a cited fact.
    """

    relation: Any
    justification: str
    verified: bool = False
    label: str = ""

    def latex(self) -> str:
        """LaTeX of the relation."""
        return _latex(self.relation)

    def text(self) -> str:
        """Plain-text form of the relation (SymPy's ``str``)."""
        return _text(self.relation)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form: relation (text and LaTeX), justification, verified, label."""
        return {
            "label": self.label,
            "relation": self.text(),
            "latex": self.latex(),
            "justification": self.justification,
            "verified": self.verified,
        }


@dataclass
class Derivation:
    r"""A titled list of :class:`Step` and the final ``result`` (a SymPy object).

    ``result`` is the derived object (e.g. :math:`\sum_i p_i \mu_i`); ``condition`` is a
    defining equation when no closed form exists (e.g. :math:`\sum_i p_i F_i(s) = \tau`);
    ``assumptions`` lists hypotheses used (strict convexity, weights summing to 1, ...).
    """

    title: str
    steps: list[Step] = field(default_factory=list)
    result: Any = None
    condition: Any = None
    assumptions: list[str] = field(default_factory=list)
    estimator: str = ""

    # ----- recording ------------------------------------------------------------------
    def step(self, relation: Any, justification: str, *, verified: bool = False, label: str = ""):
        """Append a step and return the relation (so steps chain in code)."""
        self.steps.append(Step(relation, justification, verified, label))
        return relation

    def identity(
        self,
        lhs: Any,
        rhs: Any,
        justification: str,
        *,
        subs: Mapping[Any, Any] | None = None,
        label: str = "",
        show: Any = None,
    ) -> sp.Eq:
        r"""Record :math:`\mathrm{lhs} = \mathrm{rhs}` after checking it symbolically.

        The check is ``simplify(expand(lhs - rhs).subs(subs)) == 0`` (elementwise for
        matrices); on failure :class:`DerivationError` is raised. ``show`` replaces the
        left side in the recorded relation (e.g. a :class:`Label` such as
        :math:`\nabla_s D_\phi(a, s)`), so long expressions stay readable.
        """
        if not is_zero(_difference(lhs, rhs), subs, float_digits(lhs, rhs)):
            raise DerivationError(f"step does not hold: {_text(lhs)} = {_text(rhs)}")
        relation = sp.Eq(lhs if show is None else show, rhs, evaluate=False)
        self.steps.append(Step(relation, justification, True, label))
        return relation

    # ----- rendering ------------------------------------------------------------------
    def to_latex(self) -> str:
        """An ``align*`` block, one step per line, justification as ``\\text{...}``."""
        lines = []
        for i, s in enumerate(self.steps, start=1):
            mark = r"\checkmark" if s.verified else ""
            why = _latex_text(s.justification)
            lines.append(rf"&({i})\quad {s.latex()} &&\text{{{why}}}\ {mark}")
        body = r" \\" + "\n"
        out = [rf"% {self.title}", r"\begin{align*}", body.join(lines), r"\end{align*}"]
        if self.result is not None:
            out.append(rf"\[ {self.estimator or 'a^*'} = {_latex(self.result)} \]")
        elif self.condition is not None:
            out.append(rf"\[ {_latex(self.condition)} \]")
        return "\n".join(out)

    def to_text(self) -> str:
        """Numbered plain-text steps with ``[verified]`` marks and the result."""
        out = [self.title]
        for i, s in enumerate(self.steps, start=1):
            mark = " [verified]" if s.verified else ""
            out.append(f"  ({i}) {s.text()}")
            out.append(f"      because: {s.justification}{mark}")
        if self.assumptions:
            out.append("  assuming: " + "; ".join(self.assumptions))
        if self.result is not None:
            out.append(f"  result: {self.estimator or 'a*'} = {_text(self.result)}")
        if self.condition is not None:
            out.append(f"  defining condition: {_text(self.condition)}")
        return "\n".join(out)

    def to_dict(self) -> dict[str, Any]:
        """JSON-able: title, estimator, result/condition (text and LaTeX), steps, assumptions."""
        return {
            "title": self.title,
            "estimator": self.estimator,
            "result": None if self.result is None else _text(self.result),
            "result_latex": None if self.result is None else _latex(self.result),
            "condition": None if self.condition is None else _text(self.condition),
            "condition_latex": None if self.condition is None else _latex(self.condition),
            "assumptions": list(self.assumptions),
            "steps": [s.to_dict() for s in self.steps],
        }


# ----- helpers --------------------------------------------------------------------------
def is_zero(expr: Any, subs: Mapping[Any, Any] | None = None, digits: int | None = None) -> bool:
    r"""True when ``expr`` (an expression or matrix) simplifies to 0 after ``subs``; with
    ``digits``, floating terms below :math:`10^{3-\mathrm{digits}}` count as rounding."""
    items = list(expr) if isinstance(expr, sp.MatrixBase) else [expr]
    for item in items:
        e = sp.expand(sp.sympify(item).doit())
        if subs:
            e = sp.expand(e.subs(dict(subs)))
        if digits is not None:
            e = _chop_rounding(e, digits)
        if e != 0 and sp.simplify(e) != 0:
            return False
    return True


def _chop_rounding(expr: sp.Expr, digits: int) -> sp.Expr:
    r"""Zero the floating coefficients below :math:`10^{3-\mathrm{digits}}`."""
    tol = sp.Float(10) ** (3 - digits)
    return expr.xreplace({f: sp.Integer(0) for f in expr.atoms(sp.Float) if abs(f) < tol})


def _difference(lhs: Any, rhs: Any) -> Any:
    if isinstance(lhs, sp.MatrixBase) or isinstance(rhs, sp.MatrixBase):
        return sp.Matrix(lhs) - sp.Matrix(rhs)
    return lhs - rhs


def float_digits(*objects: Any) -> int | None:
    """Decimal digits of the least precise SymPy Float in ``objects`` (None: no Float), so
    that an identity between floats of different precisions (15 and 30 digits) is not
    refuted by rounding alone."""
    floats = set()
    for obj in objects:
        items = list(obj) if isinstance(obj, sp.MatrixBase) else [obj]
        for item in items:
            floats |= sp.sympify(item).atoms(sp.Float)
    if not floats:
        return None
    return min(int(f._prec * 0.30103) for f in floats)


class Label(sp.Symbol):
    """A named placeholder (e.g. ``E[D(A, s)]``) with its own LaTeX form."""

    _latex_forms: ClassVar[dict[str, str]] = {}

    def __new__(cls, text: str, latex: str | None = None) -> Label:
        obj = super().__new__(cls, text)
        if latex is not None:
            cls._latex_forms[text] = latex
        return obj

    def _latex(self, printer: Any) -> str:
        return self._latex_forms.get(self.name) or label_latex(self.name)


#: Plain-text pieces of a label and their LaTeX, applied in order by :func:`label_latex`.
_LABEL_TEX = (
    ("{", r"\{"),
    ("}", r"\}"),
    ("||", r"\|"),
    ("!=", r"\ne "),
    ("<=", r"\le "),
    (">=", r"\ge "),
    ("*", "^*"),
)


def label_latex(text: str) -> str:
    """Default LaTeX of a label given without one (``s*`` -> ``s^*``), so that the output does
    not depend on which derivation first registered a form for the same text."""
    for plain, latex in _LABEL_TEX:
        text = text.replace(plain, latex)
    return text


def formula_text(obj: Any) -> str:
    """One-line plain text of a SymPy object (columns as ``[x, y]``, ``lhs = rhs``)."""
    return _text(obj)


def formula_latex(obj: Any) -> str:
    """LaTeX of a SymPy object (strings pass through)."""
    return _latex(obj)


def _latex(obj: Any) -> str:
    if isinstance(obj, str):
        return obj
    return sp.latex(obj)


def _text(obj: Any) -> str:
    if isinstance(obj, str):
        return obj
    if isinstance(obj, sp.Equality):
        return f"{_text(obj.lhs)} = {_text(obj.rhs)}"
    if isinstance(obj, sp.MatrixBase):
        if obj.shape[1] == 1:
            return "[" + ", ".join(str(v) for v in obj) + "]"
        return "[" + ", ".join(_text(obj.row(i).T) for i in range(obj.shape[0])) + "]"
    return " ".join(str(obj).split())


def _latex_text(text: str) -> str:
    """Escape a justification for ``\\text{}`` (one pass, character by character)."""
    table = {
        "\\": r"\textbackslash{}",
        "_": r"\_",
        "%": r"\%",
        "&": r"\&",
        "#": r"\#",
        "{": r"\{",
        "}": r"\}",
        "$": r"\$",
        "^": r"\^{}",
        "~": r"\~{}",
    }
    return "".join(table.get(ch, ch) for ch in text)
