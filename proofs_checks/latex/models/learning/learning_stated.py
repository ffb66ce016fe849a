r"""What an environment states on the quantities of the finite learning model, and whether
the model meets it (:func:`stated_on_model`).

The model draws its own class, law, sample and signs: anything the text states on them
that the model does not meet by construction keeps it out of the step. Read here:

* domains, function facts and stated relations on the class, the sample, the signs or the
  count (a count relation must hold at every count written out, 1..4);
* law statements: i.i.d. samples, independent copies and independent signs are met; any
  other law statement on them is not;
* the signs: ``\sigma_i`` are the model's Rademacher signs (uniform on ``{-1, +1}``,
  independent) only when nothing but that is said of them: either nothing at all (an
  expectation's subscript names them) or a text saying ``Rademacher`` / ``uniform on
  \{\pm 1\}`` (``\{-1, 1\}``); a law stated on them without that (``\sigma_1, \sigma_2
  \text{ i.i.d.}``: Gaussian signs are i.i.d. too) or any other remark on them (read or
  refused) keeps the model out;
* ``let`` definitions and ``assume`` items naming the class, the law (``P``, ``\mathcal D``,
  ``Q``, ``\mu`` or a name written after ``\sim`` in the step), the sample, the signs, the
  count or an expectation.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.hypotheses import domain_for
from hallbound.proofs_checks.latex.models.law_statements import (
    COPY,
    IID,
    INDEPENDENT,
    read_law_statement,
)

#: Law statements the model meets by construction (samples i.i.d., signs independent).
MET_LAWS = (IID, INDEPENDENT, COPY)
#: Names texts give the law of the sample (besides those written after ``\sim``).
LAW_NAMES = frozenset({"P", "D", "Q", "mu"})
_RADEMACHER = re.compile(
    r"rademacher|uniform\w*\s*(?:on|over|in)?\s*\}?\s*\$?\\{1,2}\{\s*"
    r"(?:\\{1,2}pm\s*1|-\s*1\s*,\s*\+?\s*1)\s*\\{1,2}\}", re.I)
_NAMES_ONLY = re.compile(r"[\s\\A-Za-z0-9_{}',.]*")


def _base(name: str) -> str:
    """The letter a (normalised) name is built on: ``z_i'`` -> ``z``, ``\\sigma_i`` ->
    ``sigma``."""
    m = re.match(r"\\?([A-Za-z]+)", name)
    return m.group(1) if m else name


def says_rademacher(text: str) -> bool:
    r"""Whether ``text`` says the signs are Rademacher: ``Rademacher``, ``uniform on
    \{\pm 1\}``, ``uniform on \{-1, 1\}`` (``+1``)."""
    return _RADEMACHER.search(text) is not None


def _refused_item(message: str) -> str:
    """The item a refusal message names (``(in 'ITEM': not used)``), else the message."""
    m = re.search(r"\(in '(.*)': not used\)", message)
    return m.group(1) if m else message


def sign_statements(table: Any, refused: list[str]) -> str | None:
    r"""Why the signs ``\sigma_i`` cannot be read as the model's Rademacher signs (module
    doc), or None when they can."""
    texts = [*table.hyp.stated, *(_refused_item(m) for m in refused)]
    on_signs = [t for t in texts if "sigma" in t]
    rademacher = any(says_rademacher(t) for t in on_signs)
    laws = [law for law in table.hyp.laws if any(_base(n) == "sigma" for n in law.names())]
    for law in laws:
        if law.kind not in MET_LAWS or not rademacher:
            return (f"a stated law on the signs ({law.text}) that does not say they are "
                    "Rademacher (uniform on {-1, +1})")
    for text in on_signs:
        if says_rademacher(text) or read_law_statement(text) is not None:
            continue
        if "\\text" in text or not _NAMES_ONLY.fullmatch(text.replace("\\\\", "\\")):
            return f"a statement on the signs ({text})"
    return None


def let_names(table: Any, defs: dict) -> set[str]:
    r"""The letters of every name a ``let`` (or an ``x = expression`` item) defines:
    ``\mathcal{F}`` -> ``{F}``; an opaque atom's own definition is not counted."""
    out: set[str] = set()
    for sym in defs:
        if sym in table.atoms:
            continue
        latex = table.latex.get(sym, getattr(sym, "name", ""))
        out |= set(re.findall(r"[A-Za-z]+", latex)) - {"mathcal", "mathscr", "mathfrak",
                                                       "mathbb", "mathrm", "operatorname"}
    return out


def _words(scope: dict, names: set[str]) -> set[str]:
    """The words naming the model's quantities: class, law, sample, signs, E, P."""
    words = (names - set(scope["counts"])) | {"E", "mathbb", "sup", "Pr"} | LAW_NAMES
    words |= {re.sub(r"[^A-Za-z]|mathcal|mathscr", "", c) for _, c in scope["classes"]} - {""}
    words |= scope["complexities"] | scope.get("laws", set())
    return words


def _domains_and_laws(names: set[str], scope: dict, table: Any) -> str | None:
    for name in sorted(names):
        dom = domain_for(name, table.hyp.domains)
        if dom is not None and not (name in scope["counts"] and _holds_counts(dom)):
            return f"a stated domain of {name}"
    for law in table.hyp.laws:
        bases = {_base(n) for n in law.names()}
        if bases & names and (law.kind not in MET_LAWS or not bases <= {"z", "sigma"}):
            return f"a stated law ({law.text})"
    return None


def stated_on_model(scope: dict, table: Any, relations: list, defs: dict,
                    refused: list[str], met: frozenset[str] = frozenset()) -> str | None:
    """What is stated on a quantity the step uses (module doc) that the model does not
    meet, if anything: the model then stays out. ``met``: the texts of statements the
    model meets by construction (the ranges of a labelled sample, :mod:`.learning_labels`)."""
    used = scope["used"]
    classes = {f for f, _ in scope["classes"]} | ({"f"} if scope["complexities"] else set())
    names = classes | set(scope["counts"]) | ({"z"} if used - {"sigma"} else set())
    names |= {"sigma"} if "sigma" in used else set()
    why = _domains_and_laws(names, scope, table)
    if why is None and "sigma" in used:
        why = sign_statements(table, refused)
    if why is not None:
        return why
    if any(f.text not in met for f in table.hyp.facts) and classes:
        return "a stated function fact"
    words = _words(scope, names)
    defined = let_names(table, defs) & (words | set(scope["counts"]))
    if defined:
        return f"a definition (let) of {', '.join(sorted(defined))}"
    for text in table.hyp.stated:
        if text in met:
            continue
        if read_law_statement(text) is not None or ("sigma" in text and says_rademacher(text)):
            continue  # a law statement, judged above
        found = set(re.findall(r"[A-Za-z]+", text)) & words
        if found:
            return f"an assumption on {', '.join(sorted(found))}"
    return _relations(scope, table, relations, names)


def _relations(scope: dict, table: Any, relations: list, names: set[str]) -> str | None:
    for a, op, b in relations:
        syms = set().union(*(getattr(e, "free_symbols", set()) for e in (a, b)))
        if any(s in table.atoms or _base(s.name) in names
               for s in syms if s.name not in scope["counts"]):
            return "a stated relation on the model's quantities"
        counts = [s for s in syms if s.name in scope["counts"]]
        if counts and not _counts_meet(a, op, b, counts[0]):
            return "a stated relation on the sample size"
    return None


def _holds_counts(dom: Any) -> bool:
    """Whether the counts written out, 1..4, all lie in the stated domain ``dom``."""
    if dom.kind != "real":
        return False
    lo, hi, lo_open, hi_open = dom.lo, dom.hi, dom.lo_open, dom.hi_open
    return all((lo is None or k > lo or (k == lo and not lo_open))
               and (hi is None or k < hi or (k == hi and not hi_open)) for k in range(1, 5))


def _counts_meet(a: Any, op: str, b: Any, count: Any) -> bool:
    """Whether ``a OP b`` holds at every count 1..4 (False when it cannot be decided)."""
    ops = {"<": sp.Lt, "<=": sp.Le, ">": sp.Gt, ">=": sp.Ge, "=": sp.Eq, "!=": sp.Ne}
    if op not in ops:
        return False
    for k in range(1, 5):
        try:
            val = ops[op](sp.sympify(a).subs(count, k), sp.sympify(b).subs(count, k))
        except (TypeError, ValueError):
            return False
        if val is not sp.true:
            return False
    return True


__all__ = ["LAW_NAMES", "MET_LAWS", "let_names", "sign_statements", "says_rademacher",
           "stated_on_model"]
