r"""A variable's domain (:class:`Domain`) and the number sets an ``assume`` names.

``x \in \mathbb{R}``, ``n \in \mathbb{Z}``, ``n \in \mathbb{N}`` (0 disputed: see
:func:`read_number_set`), ``\mathbb{N}_0``, ``\mathbb{R}_{>0}``, ``v \in \mathbb{R}^{d}`` (a
vector of the environment's dimension).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


@dataclass
class Domain:
    """A variable's domain: an interval (``None`` = unbounded), integer or not, or a
    positive-definite matrix / vector (``kind``)."""

    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False
    integer: bool = False
    kind: str = "real"  # real | spd | vector
    #: a vector's size when the set fixes it (``\\mathbb{R}^3``); None for ``\\mathbb{R}^d``
    dim: int | None = None
    #: the letter naming a vector's size (``d`` of ``\\mathbb{R}^d``); "" when none
    size_name: str = ""
    #: the set whose reading alone keeps 0 out of the domain, when some authors put 0 in it
    #: (``\\mathbb{N}``, ``\\mathbb{R}_+``); "" when 0 is out by what is stated, or in
    zero_disputed: str = ""

    def tighten_lo(self, v: float, strict: bool) -> None:
        """Raise the lower end to ``v`` (open when ``strict``); a bound that keeps 0 out by
        itself (``n \\ge 1``, ``x > 0``) settles a disputed 0 (:attr:`zero_disputed`)."""
        if v > 0 or (v == 0 and strict):
            self.zero_disputed = ""
        if self.lo is None or v > self.lo or (v == self.lo and strict):
            self.lo, self.lo_open = v, strict

    def excludes_zero(self) -> bool:
        """Whether the lower end keeps 0 out (``lo > 0``, or ``lo = 0`` open)."""
        return self.lo is not None and (self.lo > 0 or (self.lo == 0 and self.lo_open))

    def tighten_hi(self, v: float, strict: bool) -> None:
        if self.hi is None or v < self.hi or (v == self.hi and strict):
            self.hi, self.hi_open = v, strict

    def is_empty(self) -> bool:
        """Whether no number lies in the domain: ``lo > hi``, ``lo == hi`` with an open end,
        or an integer domain with no integer between its ends (open ends excluded)."""
        if self.kind != "real" or self.lo is None or self.hi is None:
            return False
        if self.lo > self.hi or (self.lo == self.hi and (self.lo_open or self.hi_open)):
            return True
        if not self.integer:
            return False
        least, greatest, _, _ = self.ends()
        return least > greatest

    def ends(self) -> tuple[float | None, float | None, bool, bool]:
        """``(lo, hi, lo_open, hi_open)``; for an integer domain the least and greatest
        integers in it, closed (``n \\in \\mathbb{Z}`` in ``[0.2, 1.8]`` is ``[1, 1]``), so
        that no search draws an integer outside it."""
        if not self.integer or self.kind != "real":
            return self.lo, self.hi, self.lo_open, self.hi_open
        lo = hi = None
        if self.lo is not None:
            lo = float(math.floor(self.lo) + 1 if self.lo_open else math.ceil(self.lo))
        if self.hi is not None:
            hi = float(math.ceil(self.hi) - 1 if self.hi_open else math.floor(self.hi))
        return lo, hi, False, False

    def sympy_assumptions(self) -> dict[str, bool]:
        """The SymPy assumptions of a symbol of the domain. A disputed 0
        (:attr:`zero_disputed`) gives ``nonnegative``, not ``positive``: the sides are then
        read without simplifying as if 0 were out (``0^n``, ``\\max(n, 1)``, ``|n - 1|``),
        so that the check at 0 (:mod:`.models.natural_zero`) sees them as written; the
        search and the provers still work above 0 (the Param's ends)."""
        out: dict[str, bool] = {"real": True}
        if self.integer:
            out["integer"] = True
        if self.zero_disputed and self.lo is not None and self.lo >= 0:
            out["nonnegative"] = True
        elif self.lo is not None and (self.lo > 0 or (self.lo == 0 and self.lo_open)):
            out["positive"] = True
        elif self.lo is not None and self.lo >= 0:
            out["nonnegative"] = True
        if self.hi is not None and (self.hi < 0 or (self.hi == 0 and self.hi_open)):
            out["negative"] = True
        elif self.hi is not None and self.hi <= 0:
            out["nonpositive"] = True
        return out


_SET = re.compile(
    r"(?:\\mathbb\s*\{\s*(?P<set>[RZN])\s*\}|\\mathbb\s+(?P<bare>[RZN])(?![A-Za-z])"
    r"|(?P<uni>[ℝℤℕ]))\s*"
    r"(?:_\s*(?P<sub>\{[^{}]*\}|\\[A-Za-z]+|[^\s{}^_])\s*)?"
    r"(?:\^\s*(?P<pow>\{[^{}]*\}|\\[A-Za-z]+|[^\s{}^_]))?\s*$"
)
_UNICODE = {"ℝ": "R", "ℤ": "Z", "ℕ": "N"}

#: A decoration of a number set, written without spaces or braces (``\geq`` as ``\ge``),
#: and what it makes of each set it applies to: ``(lower end, open, disputed)``; disputed:
#: some authors read it with 0 (``\mathbb{Z}_+``, ``\mathbb{R}_+``, ``\mathbb{R}^+``: proved
#: without 0, then checked at 0 too). A decoration not listed for the set is refused.
_POSITIVE, _DISPUTED = (0.0, True, False), (0.0, True, True)
_DECORATIONS: dict[tuple[str, str], dict[str, tuple[float, bool, bool]]] = {
    ("sub", "0"): {"N": (0.0, False, False), "Z": (0.0, False, False)},
    ("sub", "\\ge0"): dict.fromkeys("NZR", (0.0, False, False)),
    ("sub", ">0"): dict.fromkeys("NZR", _POSITIVE),
    ("sub", "\\ge1"): dict.fromkeys("NZR", (1.0, False, False)),
    ("sub", "++"): {"R": _POSITIVE},
    ("sub", "+"): {"N": _POSITIVE, "Z": _DISPUTED, "R": _DISPUTED},
    ("pow", "+"): {"N": _POSITIVE, "Z": _POSITIVE, "R": _DISPUTED},
    ("pow", "*"): {"N": _POSITIVE},
}


def _decoration(where: str, text: str, letter: str) -> tuple[float, bool, bool] | None:
    """The lower end of a decoration (``_{\\ge 0}``, ``^+``) on the set ``letter``; None when
    it is not one this reader knows for that set."""
    t = re.sub(r"\s+|[{}]", "", text).replace("\\geq", "\\ge").replace(">=", "\\ge")
    return _DECORATIONS.get((where, t), {}).get(letter)


def read_number_set(rest: str, dom: Domain) -> bool:
    r"""Narrow ``dom`` to the number set ``rest`` names; False (``dom`` unchanged) when
    ``rest`` names no set this reader knows (then the item is refused).

    ``\mathbb{N}`` (also ``\mathbb N``, ``ℕ``) holds 0 for some authors and not for others:
    the domain is :math:`n \ge 1`, with :attr:`Domain.zero_disputed` set (a step is then
    also checked at 0, :mod:`.models.natural_zero`) unless a bound stated before already
    keeps 0 out. ``\mathbb{N}_0``, ``\mathbb{N}_{\ge 0}``, ``\mathbb{Z}_{\ge 0}``: :math:`n
    \ge 0`; ``\mathbb{N}^+``, ``\mathbb{N}^*``, ``\mathbb{N}_+``, ``\mathbb{N}_{>0}``,
    ``\mathbb{N}_{\ge 1}``, ``\mathbb{Z}_{>0}``, ``\mathbb{Z}^+``: :math:`n \ge 1`;
    ``\mathbb{Z}_+``, ``\mathbb{R}_+``, ``\mathbb{R}^+``: positive, 0 disputed;
    ``\mathbb{R}_{\ge 0}``, ``\mathbb{R}_{>0}``, ``\mathbb{R}_{++}``; ``\mathbb{R}^{d}``: a
    vector, of size 3 for ``\mathbb{R}^3`` (:attr:`Domain.dim`); ``\mathbb{Z}^d``,
    ``\mathbb{R}_+^d``, ``\mathbb{Z}^*``: refused."""
    s = _SET.match(rest)
    if s is None:
        return False
    letter = s.group("set") or s.group("bare") or _UNICODE[s.group("uni")]
    sub, pow_ = s.group("sub"), s.group("pow")
    ends = []
    for where, text in (("sub", sub), ("pow", pow_)):
        if text is None:
            continue
        end = _decoration(where, text, letter)
        if end is None and where == "pow" and letter == "R" and sub is None \
                and text.strip("{} ") not in ("*", "+"):
            dom.kind = "vector"
            size = text.strip("{} ")
            dom.dim = int(size) if size.isdigit() else None
            dom.size_name = size if re.fullmatch(r"[A-Za-z]", size) else ""
            return True
        if end is None:
            return False
        ends.append(end)
    if letter in "ZN":
        dom.integer = True
    if not ends and letter == "N":
        disputed = not dom.excludes_zero()
        dom.tighten_lo(1.0, False)
        dom.zero_disputed = "\\mathbb{N}" if disputed else ""
    for lo, strict, disputed_end in ends:
        before = dom.excludes_zero()
        dom.tighten_lo(lo, strict)
        if disputed_end and not before:
            dom.zero_disputed = s.group(0).strip()
    return True


__all__ = ["Domain", "read_number_set"]
