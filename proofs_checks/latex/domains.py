r"""A variable's domain (:class:`Domain`) and the number sets an ``assume`` names.

``x \in \mathbb{R}``, ``n \in \mathbb{Z}``, ``n \in \mathbb{N}`` (positive integers),
``x \in \mathbb{R}_+`` / ``\mathbb{R}_{>0}`` (positive), ``\mathbb{R}_{\ge 0}``
(nonnegative), ``v \in \mathbb{R}^{d}`` (a vector of the environment's dimension):
:func:`read_number_set`.
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

    def tighten_lo(self, v: float, strict: bool) -> None:
        if self.lo is None or v > self.lo or (v == self.lo and strict):
            self.lo, self.lo_open = v, strict

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
        out: dict[str, bool] = {"real": True}
        if self.integer:
            out["integer"] = True
        if self.lo is not None and (self.lo > 0 or (self.lo == 0 and self.lo_open)):
            out["positive"] = True
        elif self.lo is not None and self.lo >= 0:
            out["nonnegative"] = True
        if self.hi is not None and (self.hi < 0 or (self.hi == 0 and self.hi_open)):
            out["negative"] = True
        elif self.hi is not None and self.hi <= 0:
            out["nonpositive"] = True
        return out


_SET = re.compile(
    r"\\mathbb\{(?P<set>[RZN])\}(?:_\{?(?P<sign>\+|>0|\\ge 0|\\geq 0)\}?)?"
    r"(?:\^\{?(?P<pow>[^}]*)\}?)?$"
)


def read_number_set(rest: str, dom: Domain) -> bool:
    """Narrow ``dom`` to the number set ``rest`` names (``\\mathbb{N}``, ``\\mathbb{Z}_{\\ge
    0}``, ``\\mathbb{R}^{d}``, ..); False (``dom`` unchanged) when ``rest`` names no such set."""
    s = _SET.match(rest)
    if s is None:
        return False
    if s.group("pow"):
        dom.kind = "vector"
        return True
    if s.group("set") in "ZN":
        dom.integer = True
    if s.group("set") == "N":
        dom.tighten_lo(1.0, False)
    if s.group("sign"):
        dom.tighten_lo(0.0, s.group("sign") in ("+", ">0"))
    return True


__all__ = ["Domain", "read_number_set"]
