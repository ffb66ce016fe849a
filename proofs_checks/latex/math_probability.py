r"""Probability notation for the LaTeX parser: expectations, probabilities, variances,
covariances and other named operators, each an opaque atom
(:mod:`~hallbound.proofs_checks.latex.math_atoms`) keyed by its normalised argument.

:class:`ProbabilityMixin` is a base of
:class:`~hallbound.proofs_checks.latex.math_reading.ReadingMixin`; it uses that class's
``operator_argument``, ``optional_sub_text``, ``try_parse``, ``sub_parse`` and
``atom_symbol``. Conditioning is ``|`` (when it is the one top-level bar) or ``\mid``.
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.atom_arguments import canonical_argument
from hallbound.proofs_checks.latex.math_atoms import (
    OPERATOR_BOUNDS,
    OPERATOR_CONTENTS,
    OPERATOR_WORDS,
    expectation_key,
    linear_terms,
    sign_bounds,
)
from hallbound.proofs_checks.latex.math_covariance import (
    bilinear_pairs,
    random_split,
    variance_pairs,
    vector_name,
)
from hallbound.proofs_checks.latex.math_information import InformationMixin
from hallbound.proofs_checks.latex.math_names import raw_key, show, split_top

#: the bars that condition when one stands alone at the top level (``\middle\vert`` and
#: ``\big|`` are these once the sizing word is dropped by the tokenizer)
CONDITION_BARS = ("|", "\\vert", "\\lvert", "\\rvert")


def _known_scalar(arg: sp.Basic) -> bool:
    """Whether a covariance argument is known to be a scalar: not a vector or matrix (a name
    the document sizes, ``x \\in \\mathbb{R}^d``, is read as one) and no bold, arrowed or
    blackboard name in it (:func:`.math_covariance.vector_name`)."""
    if isinstance(arg, (sp.MatrixBase, sp.MatrixExpr)) or not isinstance(arg, sp.Expr):
        return False
    return not any(vector_name(s.name) for s in arg.free_symbols if isinstance(s, sp.Symbol))


class ProbabilityMixin(InformationMixin):
    """Parser methods for ``E``, ``Pr``, ``Var``, ``Cov`` and named operators."""

    toks: list[Any]
    pos: int
    scope: Any

    def split_condition(self, toks: list[Any]) -> tuple[list[Any], list[Any]]:
        """``A | B`` / ``A \\mid B`` -> (A, B); a bar (``|``, ``\\vert``, ``\\lvert``,
        ``\\rvert``, sized or ``\\middle``) is a conditioning bar only when it is the one
        top-level bar (pairs of bars are absolute values)."""
        parts = split_top(toks, ("\\mid",))
        if len(parts) == 2:
            return parts[0], parts[1]
        parts = split_top(toks, CONDITION_BARS)
        if len(parts) == 2:
            return parts[0], parts[1]
        return toks, []

    def event_key(self, toks: list[Any]) -> str:
        """An event or conditioning text, normalised when it parses as a relation chain."""
        return self.event(toks)[0]

    def event(self, toks: list[Any]) -> tuple[str, set]:
        """``(key, symbols)`` of an event or conditioning: normalised when it parses as a
        relation chain (its symbols known), else its tokens (symbols unknown: empty)."""
        from hallbound.proofs_checks.latex.math_tokens import LatexError

        try:
            exprs, rels, _ = self.sub_parse(toks, "chain")
        except (LatexError, RecursionError, TypeError, ValueError, AttributeError):
            return raw_key(toks), set()
        if any(isinstance(e, sp.MatrixBase) for e in exprs):
            return raw_key(toks), set()
        parts = [sp.sstr(exprs[0])] if len(exprs) > len(rels) else []
        for k, r in enumerate(rels):
            parts += [r, sp.sstr(exprs[k + (len(exprs) > len(rels))])]
        return " ".join(parts), set().union(*(e.free_symbols for e in exprs))

    def read_expectation(self, offset: int) -> sp.Basic:
        """``E_{sub}[arg | cond]``: linear in numeric constants and sums (module doc)."""
        sub = self.optional_sub_text()
        round_bracket = self.at("sym", "(")
        toks = self.operator_argument("an expectation", offset)
        arg_t, cond_t = self.split_condition(toks)
        if round_bracket and self.at("sym", "^") and _has_sum(arg_t):
            raise self.fail(  # E(X-1)^2: E[(X-1)^2] in textbooks, (E[X-1])^2 as printed
                "E(..)^k of a sum: the expectation of the power or the power of the "
                "expectation? write E[(..)^k] or (E[..])^k", offset)
        cond = self.event_key(cond_t) if cond_t else ""
        arg = self.try_parse(arg_t)
        if arg is None:
            key = f"E{'_' + sub if sub else ''}[{raw_key(arg_t)}{' | ' + cond if cond else ''}]"
            return self.atom_symbol("E", "E", key, key)
        terms = linear_terms(canonical_argument(arg))
        assert terms is not None
        total: sp.Basic = sp.Integer(0)
        for coeff, rest in terms:
            if rest == 1:
                total += coeff
                continue
            key = expectation_key(rest, cond, sub)
            lo, lo_open = sign_bounds(rest)
            sym = self.atom_symbol(
                "E", "E", key, key, lo=lo, lo_open=lo_open, arg=rest, depends=rest.free_symbols
            )
            total += coeff * sym
        return total

    def read_probability(self, offset: int) -> sp.Basic:
        """``Pr_{sub}[event | cond]``: an atom in [0, 1]."""
        sub = self.optional_sub_text()
        toks = self.operator_argument("a probability", offset)
        ev_t, cond_t = self.split_condition(toks)
        ev, deps = self.event(ev_t)
        cond, cond_deps = self.event(cond_t) if cond_t else ("", set())
        key = f"Pr{'_' + sub if sub else ''}[{ev}{' | ' + cond if cond else ''}]"
        arg = self.try_parse(ev_t)
        deps = deps | cond_deps
        plain = arg if isinstance(arg, sp.Symbol) and not cond else None
        return self.atom_symbol("Pr", "Pr", key, key, lo=0.0, hi=1.0, arg=plain, depends=deps)

    def indicator_follows(self, letter: str) -> bool:
        r"""After ``\mathbb{1}``/``\mathbb{I}``/``\mathbf{1}``: an event in ``\{..\}``,
        ``[..]`` or ``(..)`` follows, or (for the digit 1 only) a subscript ``_{A}``
        (``\mathbb{I}_d`` may be an identity matrix: not an indicator)."""
        if self.at_opener():
            return True
        return letter == "1" and self.at("sym", "_")

    def read_indicator(self, offset: int) -> sp.Basic:
        r"""``\mathbb{1}\{A\}``, ``\mathbb{1}_{A}``, ``\mathbb{I}[A]``: an atom in [0, 1]
        keyed by the event (the same event, the same atom)."""
        if self.at("sym", "_"):
            self.next()
            toks = self.read_group_tokens() if self.at("sym", "{") else [self.next()]
        else:
            toks = self.read_group_tokens()
        if not toks:
            raise self.fail("an indicator of an empty event", offset)
        ev, deps = self.event(toks)
        key = f"1[{ev}]"
        return self.atom_symbol("indicator", "1", key, key, lo=0.0, hi=1.0, depends=deps)

    def read_variance(self, offset: int) -> sp.Basic:
        """``Var(sum a_k X_k + c) = sum_k a_k^2 Var[X_k] + 2 sum_{j<k} a_j a_k Cov(X_j, X_k)``
        when every term reads as a constant times random variables (:mod:`.math_covariance`;
        unconditioned, unsubscripted); else ``Var[aX + b] = a^2 Var[X]`` (numbers ``a``,
        ``b``) and an atom ``>= 0`` otherwise."""
        sub = self.optional_sub_text()
        toks = self.operator_argument("a variance", offset)
        arg_t, cond_t = self.split_condition(toks)
        cond = self.event_key(cond_t) if cond_t else ""
        arg = self.try_parse(arg_t)
        tail = f"{' | ' + cond if cond else ''}]"
        head = f"Var{'_' + sub if sub else ''}["
        if arg is None:
            key = head + raw_key(arg_t) + tail
            return self.atom_symbol("Var", "Var", key, key, lo=0.0)
        split = None if cond or sub else random_split(arg, self.scope.atoms)
        if split is not None:
            return self.covariance_sum(variance_pairs(split))
        terms = [(c, r) for c, r in (linear_terms(arg) or []) if r != 1]
        if not terms:
            return sp.Integer(0)
        scale = sp.Integer(1)
        if len(terms) == 1:
            scale, arg = terms[0][0] ** 2, terms[0][1]
        key = head + sp.sstr(arg) + tail
        plain = arg if not cond and not sub else None
        sym = self.atom_symbol("Var", "Var", key, key, lo=0.0, arg=plain, depends=arg.free_symbols)
        return scale * sym

    def covariance_sum(self, pairs: list[tuple[sp.Basic, sp.Basic, sp.Basic]]) -> sp.Basic:
        """``sum c Cov(X, Y)`` over ``(c, X, Y)``, each in the basis: ``Var[X]`` when ``X = Y``,
        else ``Cov`` keyed by the unordered pair."""
        total: sp.Basic = sp.Integer(0)
        for coeff, x, y in pairs:
            if x == y:
                key = f"Var[{sp.sstr(x)}]"
                sym = self.atom_symbol("Var", "Var", key, key, lo=0.0, arg=x,
                                       depends=x.free_symbols)
            else:
                a, b = sorted((x, y), key=sp.sstr)
                key = f"Cov({sp.sstr(a)}, {sp.sstr(b)})"
                sym = self.atom_symbol("Cov", "Cov", key, key, arg=sp.Tuple(a, b),
                                       depends=a.free_symbols | b.free_symbols)
            total += coeff * sym
        return total

    def read_covariance(self, offset: int) -> sp.Basic:
        """``Cov(X, Y)``: bilinear where both arguments read as constants times random
        variables (:mod:`.math_covariance`), ``Cov(X, X) = Var[X]``; symmetric. Conditioned
        (``Cov(X, Y | Z)``) or subscripted (``Cov_\theta``), an atom keyed by the unordered
        pair and the condition."""
        sub = self.optional_sub_text()
        toks = self.operator_argument("a covariance", offset)
        args_t, cond_t = self.split_condition(toks)
        cond = self.event_key(cond_t) if cond_t else ""
        parts = split_top(args_t, (",",))
        if len(parts) != 2:
            raise self.fail("Cov needs two arguments", offset)  # type: ignore[attr-defined]
        args = [self.try_parse(p) for p in parts]
        plain = not cond and not sub
        if args[0] is not None and args[1] is not None:
            splits = [random_split(a, self.scope.atoms) if plain else None for a in args]
            if splits[0] is not None and splits[1] is not None:
                return self.covariance_sum(bilinear_pairs(splits[0], splits[1]))
            if plain and sp.expand(args[0] - args[1]) == 0:
                key = f"Var[{sp.sstr(args[0])}]"
                return self.atom_symbol(
                    "Var", "Var", key, key, lo=0.0, arg=args[0], depends=args[0].free_symbols
                )
            texts = [sp.sstr(a) for a in args]
            if all(_known_scalar(a) for a in args):  # only then Cov(X, Y) = Cov(Y, X)
                texts.sort()
            deps = args[0].free_symbols | args[1].free_symbols
        else:  # read as tokens: possibly vectors, whose Cov(Y, X) is Cov(X, Y)^T
            texts = [raw_key(p) for p in parts]
            deps = set()
        head = f"Cov{'_' + sub if sub else ''}("
        key = f"{head}{texts[0]}, {texts[1]}{' | ' + cond if cond else ''})"
        return self.atom_symbol("Cov", "Cov", key, key, depends=deps)

    def read_operator(self, name: str, offset: int) -> sp.Basic:
        """A named operator applied to a bracket (``Var[..]``, ``KL(P \\| Q)``,
        ``\\operatorname{dist}(x, A)``): the probability operators keep their rules; any
        other is an uninterpreted operator atom."""
        kind = OPERATOR_CONTENTS.get(name)
        if kind == "E":
            return self.read_expectation(offset)
        if kind == "Pr":
            return self.read_probability(offset)
        if kind == "Var":
            return self.read_variance(offset)
        if kind == "Cov":
            return self.read_covariance(offset)
        sub = self.optional_sub_text()
        power: sp.Basic = sp.Integer(1)
        if self.at("sym", "^"):  # type: ignore[attr-defined]
            self.next()  # type: ignore[attr-defined]
            power = self.script()  # type: ignore[attr-defined]  # TV^2(mu, nu) = TV(mu, nu)^2
        toks = self.operator_argument(name, offset)
        args, deps = self.args_key(toks)
        key = f"{name}{'_' + sub if sub else ''}({args})"
        lo, hi = OPERATOR_BOUNDS.get(name, (None, None)) if not sub else (None, None)
        atom = self.atom_symbol("op", name, key, key, lo=lo, hi=hi, depends=deps)
        return atom**power

    def args_key(self, toks: list[Any], seps: tuple[str, ...] = (",",)) -> tuple[str, set]:
        """Comma-separated arguments, each normalised when it parses; with their symbols."""
        key, deps, _ = self.args_read(toks, seps)
        return key, deps

    def args_read(
        self, toks: list[Any], seps: tuple[str, ...] = (",",)
    ) -> tuple[str, set, sp.Tuple | None]:
        """:meth:`args_key` and the parsed arguments as a tuple (None when one cannot be
        read: then the arguments are known by their text only)."""
        texts, deps, values = [], set(), []
        for part in split_top(toks, seps):
            value = self.try_parse(part)
            if value is None:
                texts.append(raw_key(part))
            else:
                texts.append(sp.sstr(value))
                deps |= value.free_symbols
            values.append(value)
        parsed = None if any(v is None for v in values) else sp.Tuple(*values)
        return ", ".join(texts), deps, parsed

    @staticmethod
    def is_operator_word(word: str) -> bool:
        """An italic run read as an operator name before a bracket: ``Var``, ``Cov`` (capital
        then lower case), ``KL``, ``TV`` (capitals), or a known word (``dist``)."""
        if len(word) < 2:
            return False
        if word in OPERATOR_WORDS or word in OPERATOR_CONTENTS:
            return True
        return word[0].isupper() and (word[1:].islower() or word.isupper())

    def letter_run(self) -> str | None:
        """The italic word (adjacent letters) at the position when an operator bracket
        follows it and it reads as an operator (:meth:`is_operator_word`)."""
        j = self.pos
        word = self.toks[j].text
        while (
            j + 1 < len(self.toks)
            and self.toks[j + 1].kind == "letter"
            and self.toks[j].offset + 1 == self.toks[j + 1].offset
        ):
            j += 1
            word += self.toks[j].text
        if len(word) < 2 or not self.is_operator_word(word):
            return None
        nxt = self.toks[j + 1] if j + 1 < len(self.toks) else None
        if nxt is None or not (
            (nxt.kind == "sym" and nxt.text in "([_") or show(nxt) in ("\\{", "\\lbrace")
        ):
            return None
        self.pos = j + 1
        return word


__all__ = ["ProbabilityMixin"]


def _has_sum(toks: list[Any]) -> bool:
    """Whether ``toks`` hold a ``+``/``-`` between terms at bracket depth 0."""
    depth = 0
    for k, t in enumerate(toks):
        if t.text in ("(", "[", "{") and t.kind == "sym":
            depth += 1
        elif t.text in (")", "]", "}") and t.kind == "sym":
            depth -= 1
        elif depth == 0 and k > 0 and t.kind == "sym" and t.text in ("+", "-"):
            return True
    return False
