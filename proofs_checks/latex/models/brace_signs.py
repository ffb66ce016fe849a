r"""Signs written under braces: ``f_0(x) + \sum_{i=1}^m \underbrace{\lambda_i}_{\geq 0}
\underbrace{f_i(x)}_{\leq 0} + \sum_{i=1}^p \nu_i \underbrace{h_i(x)}_{=0} \leq f_0(x)``.

Authors annotate a term with its sign (``\underbrace{X}_{\geq 0}``, ``\leq 0``, ``= 0``,
``> 0``, ``< 0``; ``\overbrace{X}^{..}`` alike) and let the reader finish the step with the
sign rules. The reader drops the notes; this model reads them back from the row's LaTeX as
facts and applies the rules (:func:`brace_sign_check`):

* each side is split at its top-level ``+`` / ``-`` into terms;
* a term with no note must appear on the other side too, with the same sign (SymPy reads
  both and their difference is 0): the pair cancels;
* a term with notes is ``\sum_{..}^{..}`` prefixes (finite upper limit) followed by a
  product of factors, every factor a braced one with a sign note, or a plain name when a
  factor is noted ``= 0``. Its sign is the product of the noted signs (``=0`` wins: a product
  with a zero factor is 0); a sum prefix keeps the sign but makes a strict one non-strict (an
  empty sum is 0).

The difference ``lhs - rhs`` is then a sum of terms of known sign; when that sign gives the
relation (``\le``: every term ``\le 0``; ``<``: also one ``< 0``; ``=``: every term 0) the
step is PROVED if SymPy's assumptions show every note true, and ASSUMED otherwise: a note is
the author's word, and a false note (``\underbrace{g(x)}_{\leq 0}`` where g > 0) must not
make a false step PROVED. The detail lists the notes taken on trust. Anything else (an
unnoted term that does not cancel, a fraction, a factor with no note, an infinite sum)
leaves the step as it is: the model never refutes, since the noted signs only bound the
terms.
"""

from __future__ import annotations

import re
from typing import Any

import sympy as sp

from hallbound.proofs_checks.latex.math_parser import parse_expression

_TOK = re.compile(r"\\[A-Za-z]+|\\.|\s+|.", re.S)
_OPEN = frozenset("{([") | {r"\{", r"\langle", r"\lvert", r"\lVert"}
_CLOSE = frozenset("})]") | {r"\}", r"\rangle", r"\rvert", r"\rVert"}
#: The sign notes read, as (sign, strict): sign -1, 0, +1 for ``<= / =`` ... ``>= / >``.
_NOTES = {r"\geq": (1, False), r"\ge": (1, False), r"\geqslant": (1, False), ">": (1, True),
          r"\leq": (-1, False), r"\le": (-1, False), r"\leqslant": (-1, False),
          "<": (-1, True), "=": (0, False)}
_NOTE = re.compile(r"\s*(\\geqslant|\\leqslant|\\geq|\\leq|\\ge|\\le|>|<|=)\s*0\s*")
_BRACE = re.compile(r"\\(underbrace|overbrace)\s*\{")
_SUM = re.compile(r"\\sum\s*(_\{[^{}]*\}|_[A-Za-z0-9])\s*(\^\{[^{}]*\}|\^[A-Za-z0-9])")
#: Greek letters: the only commands a plain factor beside a zero factor may be (not ``\infty``,
#: ``\log``, ``\frac``: a zero times an infinite or undefined factor is not 0).
_GREEK = ("alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|theta|vartheta|iota|kappa|lambda|"
          "mu|nu|xi|pi|rho|sigma|tau|upsilon|phi|varphi|chi|psi|omega|Gamma|Delta|Theta|Lambda|"
          "Xi|Pi|Sigma|Phi|Psi|Omega")
_PLAIN = re.compile(rf"(\\(?:{_GREEK})(?![A-Za-z])|[A-Za-z])(_\{{[^{{}}]*\}}|_[A-Za-z0-9])?"
                    r"(\([A-Za-z0-9_,\s]*\))?")
_SPACE = re.compile(r"(\s|\\cdot|\\,|\\;|\\!|\\ )+")

#: A term's sign class: (sign, strict) with sign in {-1, 0, 1}; 0 is exactly zero.
Sign = tuple[int, bool]


def _group_end(text: str, i: int) -> int:
    """Index after the braced group opening at ``text[i] == '{'`` (-1 when unbalanced)."""
    depth = 0
    for m in _TOK.finditer(text, i):
        t = m.group()
        if t == "{":
            depth += 1
        elif t == "}":
            depth -= 1
            if depth == 0:
                return m.end()
    return -1


def split_terms(text: str) -> list[tuple[int, str]] | None:
    """The top-level additive terms of ``text`` as ``(sign, term)`` (``+``/``-`` outside every
    group); None when the brackets do not balance."""
    out: list[tuple[int, str]] = []
    depth, sign, start, prev = 0, 1, 0, ""
    for m in _TOK.finditer(text):
        t = m.group()
        if t in _OPEN or t == r"\left":
            depth += t in _OPEN
        elif t in _CLOSE:
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0 and t in "+-" and prev not in ("^", "_"):
            piece = text[start:m.start()]
            if piece.strip():
                out.append((sign, piece.strip()))
            elif t == "-":
                sign = -sign
                start = m.end()
                continue
            sign, start = (1 if t == "+" else -1), m.end()
        if not t.isspace():
            prev = t
    if depth != 0:
        return None
    piece = text[start:]
    if piece.strip():
        out.append((sign, piece.strip()))
    return out


def _note_fact(body: str, sign: Sign, scope: Any) -> bool | None:
    """What SymPy's assumptions in ``scope`` say of the note ``body <sign> 0``: True (shown),
    False (shown false, e.g. ``-b^2 - 1 >= 0``) or None (nothing shown, or unreadable)."""
    if scope is None:
        return None
    try:
        e = parse_expression(body, scope)
    except Exception:  # noqa: BLE001 - a body the reader refuses: nothing shown
        return None
    facts = {(1, False): e.is_nonnegative, (1, True): e.is_positive, (0, False): e.is_zero,
             (-1, False): e.is_nonpositive, (-1, True): e.is_negative}
    return facts[sign]


def unshown_notes(text: str, scope: Any) -> list[str]:
    r"""The sign notes of ``text`` (``X \geq 0`` for ``\underbrace{X}_{\geq 0}``) that SymPy's
    assumptions do not show true: the author's word, not a computation."""
    out: list[str] = []
    for m in _BRACE.finditer(text):
        end = _group_end(text, m.end() - 1)
        script = "_" if m.group(1) == "underbrace" else "^"
        if end < 0 or not text[end:].lstrip().startswith(script):
            continue
        at = text.index(script, end) + 1
        note_end = _group_end(text, at) if text[at:at + 1] == "{" else -1
        note = _NOTE.fullmatch(text[at + 1:note_end - 1]) if note_end > 0 else None
        body = text[m.end():end - 1]
        if note is not None and _note_fact(body, _NOTES[note.group(1)], scope) is not True:
            out.append(f"{body.strip()} {note.group(1)} 0")
    return out


def _notes(term: str, scope: Any = None) -> tuple[list[Sign], str] | None:
    r"""The sign notes of ``term``'s braces and the term with each noted brace removed; None
    when a brace has no sign note (or does not close), or when SymPy shows a note false."""
    signs: list[Sign] = []
    rest, pos = [], 0
    for m in _BRACE.finditer(term):
        if m.start() < pos:
            return None  # a brace inside a noted brace
        end = _group_end(term, m.end() - 1)
        script = "_" if m.group(1) == "underbrace" else "^"
        if end < 0 or not term[end:].lstrip().startswith(script):
            return None
        at = term.index(script, end) + 1
        note_end = _group_end(term, at) if term[at:at + 1] == "{" else -1
        if note_end < 0:
            return None
        note = _NOTE.fullmatch(term[at + 1:note_end - 1])
        if note is None:
            return None
        sign = _NOTES[note.group(1)]
        if _note_fact(term[m.end():end - 1], sign, scope) is False:
            return None
        signs.append(sign)
        rest.append(term[pos:m.start()])
        pos = note_end
    rest.append(term[pos:])
    return signs, " ".join(rest)


def term_sign(term: str, scope: Any = None) -> Sign | None:
    r"""The sign of a noted term (module doc), or None when it is not such a product (or a
    note is shown false in ``scope``)."""
    noted = _notes(term, scope)
    if noted is None or not noted[0]:
        return None
    signs, rest = noted
    rest = _SPACE.sub(" ", rest).strip()
    summed = False
    while (m := _SUM.match(rest)) is not None:
        if "infty" in m.group(2):
            return None
        summed, rest = True, rest[m.end():].strip()
    plain = _SPACE.sub("", rest)
    if any(s == 0 for s, _ in signs):
        while plain and (m := _PLAIN.match(plain)) is not None and m.end() > 0:
            plain = plain[m.end():]
        return (0, False) if not plain else None
    if plain:
        return None
    sign = 1
    for s, _ in signs:
        sign *= s
    strict = all(st for _, st in signs) and not summed
    return sign, strict


def _same(a: str, b: str, scope: Any) -> bool:
    """Whether two unnoted terms read as the same quantity (their difference is 0)."""
    try:
        return sp.simplify(parse_expression(a, scope) - parse_expression(b, scope)) == 0
    except Exception:  # noqa: BLE001 - a term the reader refuses: not the same
        return False


def difference_signs(lhs: str, rhs: str, scope: Any) -> list[Sign] | None:
    """The signs of the terms of ``lhs - rhs`` left once the unnoted terms cancel in pairs;
    None when an unnoted term is left or a noted term has no sign."""
    left, right = split_terms(lhs), split_terms(rhs)
    if left is None or right is None:
        return None
    terms = [(s, t) for s, t in left] + [(-s, t) for s, t in right]
    plain = [(s, t) for s, t in terms if not _BRACE.search(t)]
    out: list[Sign] = []
    for s, t in terms:
        if _BRACE.search(t):
            sign = term_sign(t, scope)
            if sign is None:
                return None
            out.append((s * sign[0], sign[1]))
    while plain:
        s, t = plain.pop()
        k = next((k for k, (s2, t2) in enumerate(plain) if s2 == -s and _same(t, t2, scope)),
                 None)
        if k is None:
            return None
        plain.pop(k)
    return out


def _holds(signs: list[Sign], rel: str) -> bool:
    """Whether a sum of terms with these signs stands in ``rel`` to 0."""
    if rel == "=":
        return all(s == 0 for s, _ in signs)
    want = -1 if rel in ("<=", "<") else 1
    if not all(s in (0, want) for s, _ in signs):
        return False
    return rel in ("<=", ">=") or any(s == want and st for s, st in signs)


def brace_sign_check(check: Any, step: Any, checker: Any) -> None:
    r"""The hook: an UNDECIDED step whose sides carry ``\underbrace{X}_{\geq 0}``-style sign
    notes is PROVED when the sign rules give its relation (module doc)."""
    table = getattr(checker, "table", None)
    if check.verdict != "UNDECIDED" or step is None or table is None:
        return
    text = f"{check.lhs} {check.rhs}"
    if not _BRACE.search(text) or step.rel not in ("=", "<=", "<", ">=", ">"):
        return
    signs = difference_signs(check.lhs, check.rhs, table.scope())
    if signs is None or not signs or not _holds(signs, step.rel):
        return
    unshown = unshown_notes(text, table.scope())
    check.verdict = "ASSUMED" if unshown else "PROVED"
    check.method = "signs noted under braces"
    check.detail = ("the terms that differ between the sides carry sign notes "
                    "(\\underbrace{..}_{\\geq 0} ...); the other terms "
                    "cancel; the sign rules (a product of signed factors, a finite sum of "
                    f"terms of one sign) give lhs - rhs {step.rel} 0")
    if unshown:
        check.detail += ("; the step rests on notes taken as the author's word, not computed: "
                         + "; ".join(unshown))
    check.witness = None


__all__ = ["brace_sign_check", "difference_signs", "split_terms", "term_sign", "unshown_notes"]
