r"""Trust-base lemmas on events: the complement, additivity over disjoint events (two, or a
family of symbolic size) and the product rule for a family of independent events.

The lemmas (:data:`LEMMAS`), each with its source:

* ``Complement``: :math:`\Pr[A^c] = 1 - \Pr[A]` for any event :math:`A`;
* ``Additivity (disjoint)``: :math:`\Pr[A \cup B] = \Pr[A] + \Pr[B]` when :math:`A` and
  :math:`B` are disjoint (:math:`A \Rightarrow B^c` at every outcome);

* ``Additivity (family)``: :math:`\Pr[\bigcup_{k=1}^n A_k] = \sum_{k=1}^n \Pr[A_k]` when the
  :math:`A_k` are pairwise disjoint (for every :math:`k`, :math:`A_k` implies that no
  :math:`A_j`, :math:`j > k`, occurs);
* ``Independence product (family)``: :math:`\Pr[\bigcap_{i=1}^n A_i] = \prod_{i=1}^n
  \Pr[A_i]` when each :math:`A_i` is a function of :math:`X_i` and :math:`X_1, \dots, X_n`
  are mutually independent (the intersection written as the complement of the union of the
  complements).

Each is an axiom or a first consequence of one: a probability measure is countably additive
and gives the whole space mass 1 (G. Grimmett, D. Stirzaker, Probability and Random Processes,
3rd ed., Def. 1.3.1 and Lemma 1.3.4; P. Billingsley, Probability and Measure, 3rd ed., Sect. 2,
finite additivity (2.5)); the product rule is the definition of independence of the
sigma-fields :math:`\sigma(X_i)` (Billingsley, Sect. 4, (4.10) and Sect. 20; R. Durrett,
Probability: Theory and Examples, Sect. 2.1). Importing the module adds them to the library's table
(:data:`~hallbound.proofs_checks.library.lemma_library.LIBRARY`); their audit cases are in
:mod:`.audit_events`.
"""

from __future__ import annotations

import sympy as sp

from hallbound.proofs_checks.library import lemma_library as _lib
from hallbound.proofs_checks.library.lemma_library import (
    AnyOf,
    Hypothesis,
    Independent,
    Lemma,
    Param,
)
from hallbound.proofs_checks.library.randomness import Pr, random_symbol

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

_BILLINGSLEY = "P. Billingsley, Probability and Measure (3rd ed., 1995)"
_k, _j, _i = sp.symbols("k j i", integer=True)
_n = sp.Symbol("n", integer=True)
_As = sp.IndexedBase("A")
_Xs = sp.IndexedBase(random_symbol("X"))
_OVER_K = ((_k, sp.S.One, _n),)
_OVER_I = ((_i, sp.S.One, _n),)

ADDITIVITY_FAMILY = Lemma(
    "Additivity (family)",
    f"{_BILLINGSLEY}, Sect. 2, finite additivity (2.5); {_GS}, Def. 1.3.1 (b)",
    (Param("A", "event-sequence", _As), Param("n", "integer", _n)),
    (Hypothesis(_As[_k], "implies", sp.Not(AnyOf(_As[_j], (_j, _k + 1, _n))), "pointwise",
                _OVER_K),),
    (Pr(AnyOf(_As[_k], (_k, 1, _n))), "=", sp.Sum(Pr(_As[_k]), (_k, 1, _n))),
    length="n",
    note="pairwise disjoint: for every k, A_k implies that no later A_j occurs",
)

#: The intersection of the family, as the complement of the union of the complements.
_ALL = sp.Not(AnyOf(sp.Not(_As[_i]), (_i, 1, _n)))

INDEPENDENCE_FAMILY = Lemma(
    "Independence product (family)",
    f"{_BILLINGSLEY}, Sect. 4 (independent events, (4.10)) and Sect. 20 (independent random "
    "variables: sigma(X_1), ..., sigma(X_n) independent); R. Durrett, Probability: Theory and "
    "Examples, Sect. 2.1",
    (Param("X", "random-sequence", _Xs), Param("A", "event-sequence", _As),
     Param("n", "integer", _n)),
    (
        Hypothesis(sp.Tuple(_Xs[_i]), "independent", sp.true, Independent((_Xs[_i],)),
                   _OVER_I),
        Hypothesis(_As[_i], "measurable", sp.Tuple(_Xs[_i]), "pointwise", _OVER_I),
    ),
    (Pr(_ALL), "=", sp.Product(Pr(_As[_i]), (_i, 1, _n))),
    length="n",
    note="the intersection of the A_i written as not (any of not A_i); A_i a function of X_i",
)

LEMMAS: tuple[Lemma, ...] = (COMPLEMENT, ADDITIVITY, ADDITIVITY_FAMILY, INDEPENDENCE_FAMILY)
#: The names of :data:`LEMMAS`.
NAMES: tuple[str, ...] = tuple(lem.name for lem in LEMMAS)
_lib.LIBRARY.update((lem.name, lem) for lem in LEMMAS)  # the trust base holds them
