r"""What the LaTeX parser reads beyond arithmetic: operators, function values, integrals.

:class:`ReadingMixin` is mixed into :class:`~hallbound.proofs_checks.latex.math_parser.Parser`;
each method consumes tokens at the parser's position and returns a SymPy value, usually an
opaque atom (:mod:`~hallbound.proofs_checks.latex.math_atoms`).

**Function application is never silently a product.** A name followed by ``(`` is read, in this
order, as

1. a product, when the name is declared ``% hb: variable``;
2. a function value, when it is declared ``% hb: function``;
3. a function value, when the group holds a top-level comma (``d(x, y)``: no product has that);
4. a product, when the name is also used on its own in the environment (``x(1-x)``,
   ``h < 2``, then ``h(2s+1)``);
5. a function value, for a conventional function letter
   (:data:`~hallbound.proofs_checks.latex.math_atoms.CONVENTIONAL_FUNCTIONS`);
6. a function value, when the environment applies the name to two different arguments;
7. otherwise a refusal naming ``% hb: function`` and ``% hb: variable``.

A function value is an atom keyed by the name and the parsed arguments (same name and
arguments, same value). ``f'(x)``, ``f''(x)`` and ``f^{(k)}(x)`` are the values of derivatives
(atoms of their own, never powers); ``\Gamma(x)`` is the gamma function.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_atoms import (
    CONVENTIONAL_FUNCTIONS,
    OPERATOR_BOUNDS,
    OPERATOR_CONTENTS,
    OPERATOR_WORDS,
    Atom,
    expectation_key,
    linear_terms,
    sign_bounds,
)

#: CPU seconds SymPy gets to evaluate one integral (in a worker process).
INTEGRAL_CPU_S = 2.0
#: Most integrals remembered (integrand and limits -> value or None).
_INTEGRAL_CACHE_SIZE = 256
_INTEGRAL_CACHE: dict[str, sp.Basic | None] = {}
#: CPU seconds all integrals of one file may take (:func:`reset_integral_budget`); each
#: evaluation is charged at least :data:`_INTEGRAL_MIN_CHARGE` (its worker's start).
INTEGRAL_FILE_CPU_S = 20.0
_INTEGRAL_MIN_CHARGE = 0.05
_integral_left = [INTEGRAL_FILE_CPU_S]


def reset_integral_budget(seconds: float = INTEGRAL_FILE_CPU_S) -> None:
    """Give the integrals of the next file ``seconds`` CPU seconds in all; past them an
    integral stays an opaque atom (so a file of many integrals cannot run for long)."""
    if not seconds >= 0:
        raise ValueError(f"seconds must be >= 0, got {seconds}")
    _integral_left[0] = seconds


OPENERS = {("sym", "("): ")", ("sym", "["): "]", ("sym", "{"): "}", ("cmd", "{"): "\\}"}
OPENERS.update({("cmd", "langle"): "\\rangle", ("cmd", "lbrace"): "\\rbrace"})
OPENERS.update({("cmd", "lbrack"): "\\rbrack", ("cmd", "lceil"): "\\rceil"})
OPENERS.update({("cmd", "lfloor"): "\\rfloor"})
CLOSERS = frozenset(OPENERS.values())
LETTERLIKE = frozenset(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu "
    "nu xi omicron rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
    "Gamma Delta Theta Lambda Xi Sigma Upsilon Phi Psi Omega ell".split()
)


def show(t: Any) -> str:
    """The LaTeX text of a token."""
    return "\\" + t.text if t.kind == "cmd" else t.text


def closer_of(t: Any) -> str | None:
    """The closing token text of an opening token (None if ``t`` opens nothing)."""
    return OPENERS.get((t.kind, t.text))


def is_closer(t: Any) -> bool:
    return show(t) in CLOSERS


def raw_key(tokens: list[Any]) -> str:
    """Tokens joined with single spaces: the key of a construct read as text."""
    return " ".join(show(t) for t in tokens)


@dataclass
class Evidence:
    """How names are used in an environment: on their own (``standalone``), and the argument
    texts each is applied to (``applied``: name -> set of texts)."""

    standalone: set[str] = field(default_factory=set)
    applied: dict[str, set[str]] = field(default_factory=dict)

    def merge(self, other: Evidence) -> None:
        self.standalone |= other.standalone
        for k, v in other.applied.items():
            self.applied.setdefault(k, set()).update(v)


def scan_evidence(toks: list[Any]) -> Evidence:
    """Names used as numbers and names applied to a ``(..)``/``[..]`` group in ``toks``.

    A use counts as a number (``standalone``) only next to arithmetic: an operator, a
    relation, a number or another factor (``x(1-x)``, ``h < 2``, ``2p``); a name alone in a
    norm, a bracket or an argument list (``\\|f\\|``, ``D(\\mu, \\nu)``, ``f \\circ g``)
    says nothing. A letter adjacent to another letter (an italic word such as ``Var``)
    counts as neither."""
    ev = Evidence()
    i = 0
    n = len(toks)
    while i < n:
        start = i
        t = toks[i]
        is_letter = t.kind == "letter"
        if t.kind == "cmd" and t.text in _DECORATED and i + 1 < n:
            # \hat{L}(h), \mathcal{R}(F): the parser's names Lhat, Rcal
            j = _match(toks, i + 1) if toks[i + 1].text == "{" else i + 1
            inner = "".join(x.text for x in toks[i + 1 : j + 1] if x.text not in "{}")
            if inner.isalpha() or inner in LETTERLIKE:
                i = j
                named = type(t)("letter", _DECORATED[t.text](inner), t.offset)
                toks = [*toks[:i], named, *toks[i + 1 :]]
                n = len(toks)
                t = toks[i]
                is_letter = True
            else:
                i += 1
                continue
        elif is_letter and _in_word(toks, i):
            i += 1
            continue
        elif not (is_letter or (t.kind == "cmd" and t.text in LETTERLIKE)):
            i += 1
            continue
        name, i = _scan_name(toks, i)
        nxt = toks[i] if i < n else None
        if nxt is not None and nxt.kind == "sym" and nxt.text in "([":
            j = _match(toks, i)
            ev.applied.setdefault(name, set()).add(nxt.text + raw_key(toks[i + 1 : j]))
        elif nxt is None or not (
            (nxt.kind == "sym" and nxt.text in "'^")
            or (nxt.kind == "cmd" and nxt.text in ("circ", "prime"))
        ):
            prev = toks[start - 1] if start > 0 else None
            if _arithmetic(prev) or _arithmetic(nxt):
                ev.standalone.add(name)
    return ev


_ARITH_CMDS = frozenset("cdot times le ge leq geq lt gt neq leqslant geqslant pm mp".split())


def _arithmetic(t: Any) -> bool:
    """Whether ``t`` (a neighbour of a name) makes the name a number: an operator, a
    relation, a number or another factor."""
    if t is None:
        return False
    if t.kind in ("num", "letter"):
        return True
    if t.kind == "sym":
        return t.text in "+-*/=<>"
    return t.text in _ARITH_CMDS or t.text in LETTERLIKE


_ACCENTS = ("bar", "hat", "tilde", "overline", "widehat", "widetilde", "check", "breve")
_STYLES = ("mathcal", "mathfrak", "mathbb", "mathscr", "mathsf", "mathtt", "mathit")
#: Commands that make a name of a letter, and the parser's name of ``\cmd{X}``.
_DECORATED: dict[str, Any] = {a: (lambda x, a=a: x + a) for a in _ACCENTS}
_DECORATED.update({s: (lambda x, s=s: styled_name(s, x) or x) for s in _STYLES})


def _in_word(toks: list[Any], i: int) -> bool:
    t = toks[i]
    before = toks[i - 1] if i > 0 else None
    after = toks[i + 1] if i + 1 < len(toks) else None
    return bool(
        (before is not None and before.kind == "letter" and before.offset + 1 == t.offset)
        or (after is not None and after.kind == "letter" and t.offset + 1 == after.offset)
    )


def _scan_name(toks: list[Any], i: int) -> tuple[str, int]:
    """The parser's name of the letter at ``i`` with its subscript, and the index after it."""
    base = toks[i].text
    i += 1
    if i < len(toks) and toks[i].kind == "sym" and toks[i].text == "_":
        i += 1
        if i < len(toks) and toks[i].kind == "sym" and toks[i].text == "{":
            j = _match(toks, i)
            return f"{base}_{''.join(t.text for t in toks[i + 1 : j])}", j + 1
        if i < len(toks):
            return f"{base}_{toks[i].text[:1]}", i + 1
    return base, i


def match_group(toks: list[Any], i: int) -> int:
    """Index of the token closing the group opened at ``i`` (``len(toks)`` if none)."""
    return _match(toks, i)


def _match(toks: list[Any], i: int) -> int:
    """Index of the token closing the group opened at ``i`` (``len(toks)`` if none)."""
    depth = 0
    for j in range(i, len(toks)):
        if closer_of(toks[j]) is not None:
            depth += 1
        elif is_closer(toks[j]):
            depth -= 1
            if depth == 0:
                return j
    return len(toks)


def split_top(toks: list[Any], seps: tuple[str, ...]) -> list[list[Any]]:
    """``toks`` split at top-level tokens whose text is in ``seps``."""
    out: list[list[Any]] = [[]]
    depth = 0
    for t in toks:
        if closer_of(t) is not None:
            depth += 1
        elif is_closer(t):
            depth -= 1
        if depth == 0 and show(t) in seps:
            out.append([])
            continue
        out[-1].append(t)
    return out


def evaluate_integral(
    integrand: sp.Basic, var: sp.Symbol, lower: sp.Basic, upper: sp.Basic
) -> sp.Basic | None:
    """:math:`\\int_{lower}^{upper} integrand\\, d var` by SymPy within :data:`INTEGRAL_CPU_S`
    CPU seconds (a worker process) and what is left of the file's integral budget; None when
    SymPy leaves an integral, a piecewise result or a non-finite value, or runs out of time."""
    key = sp.srepr((integrand, var, lower, upper))
    if key in _INTEGRAL_CACHE:
        return _INTEGRAL_CACHE[key]
    limit = min(INTEGRAL_CPU_S, _integral_left[0])
    if limit < _INTEGRAL_MIN_CHARGE:
        return None  # the file's integral budget is spent: the integral stays opaque
    from hallbound.proofs_checks.latex.verify import run_with_budget

    status, value, used = run_with_budget(
        lambda: sp.integrate(integrand, (var, lower, upper)), limit
    )
    _integral_left[0] -= max(used, _INTEGRAL_MIN_CHARGE)
    result = None
    if status == "ok" and isinstance(value, sp.Basic):
        bad = value.has(sp.Integral, sp.Piecewise, sp.nan, sp.zoo, sp.oo, -sp.oo)
        result = None if bad else value
    if len(_INTEGRAL_CACHE) >= _INTEGRAL_CACHE_SIZE:
        _INTEGRAL_CACHE.clear()
    _INTEGRAL_CACHE[key] = result
    return result


class ReadingMixin:
    """Parser methods for operators, function values, integrals and opaque sums (see the
    module doc). Uses the parser's ``toks``, ``pos``, ``scope``, ``bound`` and helpers."""

    toks: list[Any]
    pos: int
    scope: Any
    bound: dict[str, sp.Symbol]
    depth: int
    row_evidence: Evidence

    # -- atoms -------------------------------------------------------------------------------
    def atom_symbol(
        self,
        kind: str,
        head: str,
        key: str,
        latex: str,
        lo: float | None = None,
        hi: float | None = None,
        lo_open: bool = False,
        arg: sp.Basic | None = None,
        depends: set | frozenset = frozenset(),
    ) -> sp.Symbol:
        """The symbol of one opaque atom (created once per key; bounds as in :class:`Atom`)."""
        make = getattr(self.scope, "make_atom", None)
        sym = make(key, latex, lo, hi, lo_open) if make else self.scope.make_symbol(key, latex)
        atoms = self.scope.atoms
        deps = set()
        for s in depends:
            deps |= set(atoms[s].depends) if s in atoms else {s}
        # a summation index named in the key counts as a dependence, also for an atom read
        # as text (its symbols unknown): the sum of it is then opaque, never n times it
        deps |= {v for name, v in self.bound.items() if re.search(rf"\b{re.escape(name)}\b", key)}
        atoms.setdefault(sym, Atom(kind, head, key, latex, lo, hi, lo_open, arg, frozenset(deps)))
        self.scope.latex.setdefault(sym, latex)
        return sym

    def atoms_depending_on(self, expr: Any, var: sp.Symbol) -> bool:
        """Whether ``expr`` holds an atom whose argument involves ``var`` (a bound index)."""
        if not isinstance(expr, sp.Basic):
            return False
        atoms = self.scope.atoms
        return any(var in atoms[s].depends for s in expr.free_symbols if s in atoms)

    def sub_parse(self, toks: list[Any], rule: str = "whole_expression") -> Any:
        """Parse ``toks`` alone with this parser's scope and bound indices (``rule``: a
        parser method name); raises :class:`LatexError` like the parser."""
        end = toks[-1].offset + len(toks[-1].text) if toks else self.offset()  # type: ignore[attr-defined]
        p = type(self)(list(toks), self.scope, end)  # type: ignore[call-arg]
        p.bound = dict(self.bound)
        p.depth = self.depth
        p.row_evidence = self.row_evidence
        return getattr(p, rule)()

    def try_parse(self, toks: list[Any]) -> sp.Basic | None:
        """``toks`` as one scalar expression, or None when they cannot be read."""
        from hallbound.proofs_checks.latex.math_parser import LatexError

        if not toks:
            return None
        try:
            value = self.sub_parse(toks)
        except (LatexError, RecursionError, TypeError, ValueError, AttributeError):
            return None
        return None if isinstance(value, sp.MatrixBase) else value

    def read_group_tokens(self) -> list[Any]:
        """The tokens inside the bracket group at the position (``(..)``, ``[..]``, ``{..}``,
        ``\\{..\\}``, ``\\langle..\\rangle``); the position moves past it."""
        t = self.peek()  # type: ignore[attr-defined]
        if t is None or closer_of(t) is None:
            raise self.fail("expected a bracket")  # type: ignore[attr-defined]
        j = _match(self.toks, self.pos)
        if j >= len(self.toks) or show(self.toks[j]) != closer_of(t):
            raise self.fail(f"unbalanced {show(t)}", t.offset)  # type: ignore[attr-defined]
        inner = self.toks[self.pos + 1 : j]
        self.pos = j + 1
        return inner

    def at_opener(self, k: int = 0) -> bool:
        t = self.peek(k)  # type: ignore[attr-defined]
        return t is not None and (t.kind, t.text) in (
            ("sym", "("),
            ("sym", "["),
            ("cmd", "{"),
            ("cmd", "lbrace"),
            ("cmd", "lbrack"),
        )

    def optional_sub_text(self) -> str:
        """``_{..}`` or ``_x`` after an operator (``\\mathbb{E}_{x \\sim D}``) as text."""
        if not self.at("sym", "_"):  # type: ignore[attr-defined]
            return ""
        self.next()  # type: ignore[attr-defined]
        if self.at("sym", "{"):  # type: ignore[attr-defined]
            return raw_key(self.read_group_tokens())
        return show(self.next())  # type: ignore[attr-defined]

    def operator_argument(self, what: str, offset: int) -> list[Any]:
        """The bracketed argument of an operator, or a single name (``\\mathbb{E} X``)."""
        if self.at_opener():
            return self.read_group_tokens()
        t = self.peek()  # type: ignore[attr-defined]
        if t is not None and (t.kind == "letter" or (t.kind == "cmd" and t.text in LETTERLIKE)):
            start = self.pos
            self.next()  # type: ignore[attr-defined]
            if self.at("sym", "_"):  # type: ignore[attr-defined]
                self.next()  # type: ignore[attr-defined]
                if self.at("sym", "{"):  # type: ignore[attr-defined]
                    self.read_group_tokens()
                else:
                    self.next()  # type: ignore[attr-defined]
            return self.toks[start : self.with_power()]
        bars = {"|": "|", "lvert": "rvert", "Vert": "Vert", "lVert": "rVert"}
        if t is not None and t.text in bars:  # E|X - m|: the expectation of |X - m|
            close = bars[t.text]
            for j in range(self.pos + 1, len(self.toks)):
                if self.toks[j].text == close and self.toks[j].kind == t.kind:
                    start, self.pos = self.pos, j + 1
                    return self.toks[start : self.with_power()]
        raise self.fail(f"{what} needs a bracketed argument", offset)  # type: ignore[attr-defined]

    def with_power(self) -> int:
        """Past a ``^2`` / ``^{p}`` at the position (consumed): without brackets the power
        belongs to the argument, ``\\mathbb{E} X^2 = \\mathbb{E}[X^2]``,
        ``\\mathbb{E}|X|^p = \\mathbb{E}[|X|^p]``."""
        if self.at("sym", "^"):  # type: ignore[attr-defined]
            self.next()  # type: ignore[attr-defined]
            if self.at("sym", "{"):  # type: ignore[attr-defined]
                self.read_group_tokens()
            else:
                self.next()  # type: ignore[attr-defined]
        return self.pos

    # -- probability -------------------------------------------------------------------------
    def split_condition(self, toks: list[Any]) -> tuple[list[Any], list[Any]]:
        """``A | B`` / ``A \\mid B`` -> (A, B); a bar is a conditioning bar only when it is the
        one top-level ``|`` (pairs of bars are absolute values)."""
        parts = split_top(toks, ("\\mid",))
        if len(parts) == 2:
            return parts[0], parts[1]
        parts = split_top(toks, ("|",))
        if len(parts) == 2:
            return parts[0], parts[1]
        return toks, []

    def event_key(self, toks: list[Any]) -> str:
        """An event or conditioning text, normalised when it parses as a relation chain."""
        return self.event(toks)[0]

    def event(self, toks: list[Any]) -> tuple[str, set]:
        """``(key, symbols)`` of an event or conditioning: normalised when it parses as a
        relation chain (its symbols known), else its tokens (symbols unknown: empty)."""
        from hallbound.proofs_checks.latex.math_parser import LatexError

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
        toks = self.operator_argument("an expectation", offset)
        arg_t, cond_t = self.split_condition(toks)
        cond = self.event_key(cond_t) if cond_t else ""
        arg = self.try_parse(arg_t)
        if arg is None:
            key = f"E{'_' + sub if sub else ''}[{raw_key(arg_t)}{' | ' + cond if cond else ''}]"
            return self.atom_symbol("E", "E", key, key)
        terms = linear_terms(arg)
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

    def read_variance(self, offset: int) -> sp.Basic:
        """``Var[aX + b] = a^2 Var[X]`` (numbers ``a``, ``b``); an atom ``>= 0`` otherwise."""
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

    def read_covariance(self, offset: int) -> sp.Basic:
        """``Cov(X, Y)``: symmetric; ``Cov(X, X) = Var[X]``."""
        toks = self.operator_argument("a covariance", offset)
        parts = split_top(toks, (",",))
        if len(parts) != 2:
            raise self.fail("Cov needs two arguments", offset)  # type: ignore[attr-defined]
        args = [self.try_parse(p) for p in parts]
        if args[0] is not None and args[1] is not None:
            if sp.expand(args[0] - args[1]) == 0:
                key = f"Var[{sp.sstr(args[0])}]"
                return self.atom_symbol(
                    "Var", "Var", key, key, lo=0.0, arg=args[0], depends=args[0].free_symbols
                )
            texts = sorted(sp.sstr(a) for a in args)
            deps = args[0].free_symbols | args[1].free_symbols
        else:
            texts = sorted(raw_key(p) for p in parts)
            deps = set()
        key = f"Cov({texts[0]}, {texts[1]})"
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
        texts, deps = [], set()
        for part in split_top(toks, seps):
            value = self.try_parse(part)
            if value is None:
                texts.append(raw_key(part))
            else:
                texts.append(sp.sstr(value))
                deps |= value.free_symbols
        return ", ".join(texts), deps

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

    # -- functions ---------------------------------------------------------------------------
    def application_kind(self, base: str, full: str) -> str:
        """``product``, ``function`` or ``refuse`` for ``full(..)`` (module doc, rules 1-7)."""
        scope = self.scope
        declared_vars = getattr(scope, "variables", set())
        declared_funcs = getattr(scope, "functions", set())
        if full in declared_vars or base in declared_vars:
            return "product"
        if full in declared_funcs or base in declared_funcs:
            return "function"
        j = _match(self.toks, self.pos)
        inside = self.toks[self.pos + 1 : j]
        if len(split_top(inside, (",", ";", ":"))) > 1 or self.split_condition(inside)[1]:
            return "function"  # d(x, y), d[X; Y], I[X : Y], H[X | Y]: no product has that
        env = getattr(scope, "evidence", None) or Evidence()
        if full in self.row_evidence.standalone or full in env.standalone:
            return "product"
        if base in CONVENTIONAL_FUNCTIONS:
            return "function"
        uses = set(env.applied.get(full, set())) | self.row_evidence.applied.get(full, set())
        if len(uses) >= 2:
            return "function"
        return "refuse"

    def derivative_marker(self) -> str | None:
        """``'``, ``''``, ``^{(k)}``, ``^\\prime`` before a ``(``: the marker's text (consumed);
        None (nothing consumed) when there is none or no ``(`` follows it."""
        start = self.pos
        marker = ""
        while self.at("sym", "'"):  # type: ignore[attr-defined]
            self.next()  # type: ignore[attr-defined]
            marker += "'"
        if not marker and self.at("sym", "^"):  # type: ignore[attr-defined]
            if self.at("cmd", "prime", 1):  # type: ignore[attr-defined]
                self.pos += 2
                marker = "'"
            elif self.at("sym", "*", 1) or self.at("cmd", "star", 1):  # type: ignore[attr-defined]
                self.pos += 2  # f^*(y): the conjugate, a function of its own
                marker = "^*"
            elif (
                self.at("sym", "{", 1)  # type: ignore[attr-defined]
                and self.at("sym", "(", 2)  # type: ignore[attr-defined]
            ):
                j = _match(self.toks, self.pos + 1)
                inner = self.toks[self.pos + 3 : j - 1] if j < len(self.toks) else []
                if j < len(self.toks) and show(self.toks[j - 1]) == ")":
                    marker = f"^({raw_key(inner)})"
                    self.pos = j + 1
        if marker and (self.at("sym", "(") or self.at("sym", "[")):  # type: ignore[attr-defined]
            return marker
        self.pos = start
        return None

    def maybe_application(self, base: str, full: str, latex: str, offset: int) -> Any:
        """The value of ``full(..)`` / ``full'(..)`` / ``full^{(k)}(..)`` when one is at the
        position, per :meth:`application_kind`; None when none follows (or a product)."""
        if getattr(self, "in_script", 0):
            return None
        start = self.pos
        marker = self.derivative_marker()
        bracket = self.at("sym", "(") or self.at("sym", "[")  # type: ignore[attr-defined]
        if marker is None and not bracket:
            if self.at("sym", "^") and self.at("sym", "{", 1) and self.at("sym", "(", 2):  # type: ignore[attr-defined]
                if base in CONVENTIONAL_FUNCTIONS or base in getattr(
                    self.scope, "functions", set()
                ):
                    raise self.fail(  # type: ignore[attr-defined]
                        f"{latex}^{{(k)}} reads as a derivative; write it applied, "
                        f"{latex}^{{(k)}}(x), or declare '% hb: variable {latex}'",
                        offset,
                    )
            return None
        if base == "Gamma" and marker is None and full == "Gamma" and self.at("sym", "("):  # type: ignore[attr-defined]
            if "Gamma" not in getattr(self.scope, "variables", set()):
                return sp.gamma(self.group("(", ")"))  # type: ignore[attr-defined]
        decision = self.application_kind(base, full)
        if decision == "product" and marker is None:
            self.pos = start
            return None
        opener = self.peek().text  # type: ignore[attr-defined]
        group = "(...)" if opener == "(" else "[...]"
        if decision != "function":
            raise self.fail(  # type: ignore[attr-defined]
                f"{latex}{group} reads as a function application; declare '% hb: function "
                f"{latex}' (a function value), or '% hb: variable {latex}' (a product), or "
                f"write {latex} \\cdot {group}",
                offset,
            )
        toks = self.read_group_tokens()
        args, deps = self.args_key(toks, (",", ";", ":"))
        name = full + (marker or "") + ("" if opener == "(" else "[]")
        shown = latex + (marker or "")
        key = f"{name}({args})"
        return self.atom_symbol("func", full, key, f"{shown}({raw_key(toks)})", depends=deps)

    # -- norms, inner products ---------------------------------------------------------------
    def norm_atom(self, value: sp.Basic) -> sp.Basic:
        """``\\|value\\|_sub`` of something not a declared vector: an atom ``>= 0``."""
        sub = ""
        if self.at("sym", "_"):  # type: ignore[attr-defined]
            sub = self.optional_sub_text()
        key = f"||{sp.sstr(value)}||{'_' + sub if sub else ''}"
        return self.atom_symbol("norm", "norm", key, key, lo=0.0, depends=value.free_symbols)

    def subscripted_norm(self, base: Any) -> sp.Basic | None:
        """``{\\|x\\|}_q``: a subscript after a braced norm atom belongs to the norm; the
        subscripted norm (the subscript consumed), or None when ``base`` is no such atom."""
        atom = self.scope.atoms.get(base) if isinstance(base, sp.Symbol) else None
        if atom is None or atom.kind != "norm" or "||_" in atom.key:
            return None
        sub = self.optional_sub_text()
        key = f"{atom.key}_{sub}"
        return self.atom_symbol("norm", "norm", key, key, lo=0.0, depends=atom.depends)

    def read_inner_product(self, offset: int) -> sp.Basic:
        """``\\langle x, y \\rangle``: symmetric atom; ``\\langle x, x\\rangle >= 0``."""
        toks = self.read_group_tokens()
        parts = split_top(toks, (",", "|", "\\mid"))
        if len(parts) != 2:
            raise self.fail("an inner product needs two arguments", offset)  # type: ignore[attr-defined]
        vals = [self.try_parse(p) for p in parts]
        if vals[0] is not None and vals[1] is not None:
            texts = sorted(sp.sstr(v) for v in vals)
            deps = vals[0].free_symbols | vals[1].free_symbols
        else:
            texts = sorted(raw_key(p) for p in parts)
            deps = set()
        lo = 0.0 if texts[0] == texts[1] else None
        key = f"<{texts[0]}, {texts[1]}>"
        return self.atom_symbol("inner", "inner", key, key, lo=lo, depends=deps)

    # -- integrals and sums ------------------------------------------------------------------
    def find_differential(self) -> tuple[int, int, str] | None:
        """``(start, end, variable)`` of the top-level ``dx`` / ``\\mathrm{d}x`` /
        ``\\,d\\theta`` ending the integrand at the position."""
        depth = 0
        j = self.pos
        toks = self.toks
        rel = self.relation_at  # type: ignore[attr-defined]
        while j < len(toks):
            t = toks[j]
            if closer_of(t) is not None:
                depth += 1
            elif is_closer(t):
                depth -= 1
                if depth < 0:
                    return None
            elif depth == 0 and rel(j):
                return None
            if depth == 0:
                width = 0
                if t.kind == "letter" and t.text == "d":
                    width = 1
                elif t.kind == "cmd" and t.text in ("mathrm", "operatorname", "text", "mathop"):
                    if j + 3 < len(toks) and [x.text for x in toks[j + 1 : j + 4]] == [
                        "{",
                        "d",
                        "}",
                    ]:
                        width = 4
                    elif j + 1 < len(toks) and toks[j + 1].text == "d":
                        width = 2
                elif t.kind == "cmd" and t.text == "d":
                    width = 1
                elif t.kind == "cmd" and t.text == "dd" and j + 1 < len(toks):
                    width = 2 if toks[j + 1].text == "{" else 1  # physics' \dd{x}
                if width and j + width + 2 < len(toks) and toks[j + width].text == "{":
                    if toks[j + width + 2].text == "}":  # d{s}: the braces are dropped
                        toks[j + width : j + width + 3] = [toks[j + width + 1]]
                if width and j + width < len(toks):
                    v = toks[j + width]
                    if v.kind == "letter" or (v.kind == "cmd" and v.text in LETTERLIKE):
                        prev = toks[j - 1] if j > self.pos else None
                        if not (  # "d" ending an italic word (``ad x``) is no differential
                            t.kind == "letter"
                            and prev is not None
                            and prev.kind == "letter"
                            and prev.offset + 1 == t.offset
                        ):
                            return j, j + width + 1, v.text
            j += 1
        return None

    def read_integral(self, offset: int) -> sp.Basic:
        """``\\int_a^b g(x)\\,dx``: SymPy's value when it finds one within
        :data:`INTEGRAL_CPU_S`; otherwise an atom keyed by integrand and limits."""
        lower = upper = None
        for _ in range(2):
            if self.at("sym", "_") and lower is None:  # type: ignore[attr-defined]
                self.next()  # type: ignore[attr-defined]
                lower = self.script()  # type: ignore[attr-defined]
            elif self.at("sym", "^") and upper is None:  # type: ignore[attr-defined]
                self.next()  # type: ignore[attr-defined]
                upper = self.script()  # type: ignore[attr-defined]
        found = self.find_differential()
        if found is None:
            raise self.fail(  # type: ignore[attr-defined]
                "an integral needs its differential (dx) after the integrand", offset
            )
        start, end, var_name = found
        measure = ""
        if end < len(self.toks) and self.toks[end - 2].text == "{" and show(self.toks[end]) == "}":
            end += 1  # \dd{x}: past the closing brace
        elif (
            end + 2 < len(self.toks)
            and show(self.toks[end]) == "("
            and show(self.toks[end + 2]) == ")"
        ):
            # d\mu(x): against a measure; read as an atom of the integrand and the measure
            measure, var_name = var_name, self.toks[end + 1].text
            end += 3
        body_toks = self.toks[self.pos : start]
        self.pos = end
        var = sp.Symbol(var_name, real=True)
        saved = self.bound.get(var_name)
        self.bound[var_name] = var
        try:
            body = self.sub_parse(body_toks) if body_toks else sp.Integer(1)
        finally:
            if saved is None:
                self.bound.pop(var_name, None)
            else:
                self.bound[var_name] = saved
        if isinstance(body, sp.MatrixBase):
            raise self.fail("an integral of a vector or matrix", offset)  # type: ignore[attr-defined]
        opaque = self.atoms_depending_on(body, var) or lower is None or upper is None
        opaque = opaque or bool(measure)
        if not opaque:
            value = evaluate_integral(body, var, lower, upper)
            if value is not None:
                return value
        canon = sp.Symbol("_t", real=True)
        ends = ["" if b is None else sp.sstr(b) for b in (lower, upper)]
        lims = f"{ends[0]}^{ends[1]}"
        key = f"int_{lims}({sp.sstr(body.xreplace({var: canon}))} d{measure}(_t))"
        deps = (body.free_symbols - {var}) | {
            s for b in (lower, upper) if b is not None for s in b.free_symbols
        }
        lo = None
        if (
            body.is_nonnegative
            and lower is not None
            and upper is not None
            and (upper - lower).is_nonnegative
        ):
            lo = 0.0
        return self.atom_symbol("integral", "integral", key, key, lo=lo, depends=deps)

    def opaque_big_operator(self, name: str, sub_toks: list[Any], upper: Any) -> sp.Basic:
        """``\\sum_{i \\in S} body`` (no numeric range): an atom keyed by the range text and
        the body read with ``i`` as an index; ``>= 0`` when the body is."""
        index = next((t.text for t in sub_toks if t.kind == "letter" or t.text in LETTERLIKE), None)
        saved = self.bound.get(index) if index else None
        if index:
            self.bound[index] = sp.Symbol(index, integer=True)
        try:
            self.enter()  # type: ignore[attr-defined]
            body = self.product()  # type: ignore[attr-defined]
            self.leave()  # type: ignore[attr-defined]
        finally:
            if index and saved is None:
                self.bound.pop(index, None)
            elif index:
                self.bound[index] = saved
        if isinstance(body, sp.MatrixBase):
            raise self.fail(f"\\{name} of vectors is not supported")  # type: ignore[attr-defined]
        up = f"^{{{sp.sstr(upper)}}}" if upper is not None else ""
        key = f"{name}_{{{raw_key(sub_toks)}}}{up}({sp.sstr(body)})"
        lo = 0.0 if name == "sum" and body.is_nonnegative else None
        deps = {s for s in body.free_symbols if not (index and s.name == index)}
        return self.atom_symbol("sum", name, key, key, lo=lo, depends=deps)

    def ellipsis_sum(self, first: sp.Basic, last: sp.Basic) -> sp.Basic:
        """``first + \\cdots + last``: an atom keyed by its first and last terms."""
        key = f"{sp.sstr(first)} + ... + {sp.sstr(last)}"
        deps = first.free_symbols | last.free_symbols
        return self.atom_symbol("sum", "ellipsis", key, key, depends=deps)


def styled_name(style: str, inner: str) -> str | None:
    """The symbol name of ``\\mathcal{F}`` (``Fcal``) and the like; None if ``inner`` is not a
    letter or Greek letter."""
    suffix = {
        "mathcal": "cal",
        "mathfrak": "frak",
        "mathbb": "bb",
        "mathscr": "scr",
        "mathsf": "sf",
        "mathtt": "tt",
        "mathit": "",
        "mathnormal": "",
    }.get(style)
    if suffix is None or not re.fullmatch(r"\\?[A-Za-z]+", inner):
        return None
    return inner.lstrip("\\") + suffix


__all__ = [
    "Evidence",
    "INTEGRAL_CPU_S",
    "ReadingMixin",
    "evaluate_integral",
    "reset_integral_budget",
    "scan_evidence",
    "split_top",
    "styled_name",
]
