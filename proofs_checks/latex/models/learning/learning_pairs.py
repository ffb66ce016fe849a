r"""How the finite learning model's reader writes a labelled sample: the pair ``(x^{(i)},
y^{(i)})`` in an expectation's subscript, and the printed input and label of the i-th point
(used by :mod:`.learning_terms` to read, and by :mod:`.learning_labels` to draw)."""

from __future__ import annotations

import re

#: A labelled pair in an expectation's subscript, spaces removed: ``\{(x^{(i)},y^{(i)})\}``,
#: ``(x_i,y_i)``.
_PAIR = re.compile(r"(?:\\\{)?\(x(?:\^\{\(i\)\}|_i|_\{i\}),y(?:\^\{\(i\)\}|_i|_\{i\})\)(?:\\\})?")
#: The input and the label of the i-th point as the reader prints them.
INPUT = re.compile(r"x(?:\^\(\)\[(\w+)\]|\[(\w+)\]|_\{?(\w+)\}?)")
LABEL = re.compile(r"(?:\^\(\)\[(\w+)\]|\[(\w+)\])")


#: The i-th labelled pair as the reader prints it, spaces removed: ``(x^{(i)},y^{(i)})``,
#: ``(x_i,y_i)``.
_POINT_PAIR = re.compile(r"\(x(?:\^\{\((\w+)\)\}|_\{?(\w+)\}?),y(?:\^\{\((\w+)\)\}|_\{?(\w+)\}?)\)")
#: Subscripts that name the zero-one loss: ``\ell_{0-1}``, ``\ell_{01}``.
ZERO_ONE = ("0-1", "01")


def zero_one_point(sub: str, arg: str, var: str | None) -> str | None:
    r"""The index ``i`` of ``\ell_{0-1}((x^{(i)}, y^{(i)}), h)``: the zero-one loss
    :math:`1[h(x^{(i)}) \ne y^{(i)}]` of the class variable ``var`` at the i-th labelled
    point (``sub``: the subscript, ``arg``: the text inside the parentheses); None for any
    other form."""
    if re.sub(r"\s+", "", sub) not in ZERO_ONE or var is None:
        return None
    text = re.sub(r"\s+", "", arg)
    m = re.fullmatch(r"(\(.*\)),(\w+)", text)
    if m is None or m.group(2) != var:
        return None
    p = _POINT_PAIR.fullmatch(m.group(1))
    if p is None:
        return None
    x, y = p.group(1) or p.group(2), p.group(3) or p.group(4)
    return x if x == y else None


def strip_pair(sub: str) -> tuple[str, bool]:
    """``sub`` with a labelled pair replaced by ``S`` (the sample), and whether it had one."""
    text = re.sub(r"\s+", "", sub)
    out, k = _PAIR.subn("S", text)
    return out, k > 0
