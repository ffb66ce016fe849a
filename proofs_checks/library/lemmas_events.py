r"""Trust-base lemmas on events: the complement and additivity over disjoint events.

The lemmas (:data:`LEMMAS`), each with its source:

* ``Complement``: :math:`\Pr[A^c] = 1 - \Pr[A]` for any event :math:`A`;
* ``Additivity (disjoint)``: :math:`\Pr[A \cup B] = \Pr[A] + \Pr[B]` when :math:`A` and
  :math:`B` are disjoint (:math:`A \Rightarrow B^c` at every outcome);

Each is an axiom or a first consequence of one: a probability measure is countably additive
and gives the whole space mass 1 (G. Grimmett, D. Stirzaker, Probability and Random Processes,
3rd ed., Def. 1.3.1 and Lemma 1.3.4). Importing the module adds them to the library's table
(:data:`~hallbound.proofs_checks.library.lemma_library.LIBRARY`); their audit cases are in
:mod:`.audit_events`.
"""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.library import lemma_library as _lib
from hallbound.proofs_checks.library.lemma_library import Hypothesis, Lemma, Param
from hallbound.proofs_checks.library.randomness import Pr

_GS = "G. Grimmett, D. Stirzaker, Probability and Random Processes (3rd ed., 2001)"
_A, _B = sp.Symbol("A"), sp.Symbol("B")

COMPLEMENT = Lemma(
    "Complement",
    f"{_GS}, Lemma 1.3.4 (a): P(A^c) = 1 - P(A) (additivity on A, A^c and P(Omega) = 1)",
    (Param("A", "event", _A),),
    (),
    (Pr(sp.Not(_A)), "=", 1 - Pr(_A)),
)

ADDITIVITY = Lemma(
    "Additivity (disjoint)",
    f"{_GS}, Def. 1.3.1 (b) (additivity of a probability measure on disjoint events)",
    (Param("A", "event", _A), Param("B", "event", _B)),
    (Hypothesis(_A, "implies", sp.Not(_B), "pointwise"),),
    (Pr(sp.Or(_A, _B)), "=", Pr(_A) + Pr(_B)),
    note="A and B disjoint: A implies not B at every outcome",
)

LEMMAS: tuple[Lemma, ...] = (COMPLEMENT, ADDITIVITY)
#: The names of :data:`LEMMAS`.
NAMES: tuple[str, ...] = tuple(lem.name for lem in LEMMAS)
_lib.LIBRARY.update((lem.name, lem) for lem in LEMMAS)  # the trust base holds them
