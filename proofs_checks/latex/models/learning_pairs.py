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


def strip_pair(sub: str) -> tuple[str, bool]:
    """``sub`` with a labelled pair replaced by ``S`` (the sample), and whether it had one."""
    text = re.sub(r"\s+", "", sub)
    out, k = _PAIR.subn("S", text)
    return out, k > 0
