r"""Mutation testing of the checker: false variants of every step must not be PROVED.

For every step of every registered claim the tool builds *mutants* (new
:class:`~hallbound.proofs_checks.engine.claim.Step` objects made with :func:`dataclasses.replace`,
inside a copy of the claim):

* ``flip-rel``: the relation reversed (:math:`\le \leftrightarrow \ge`, :math:`< \leftrightarrow
  >`, :math:`=` to :math:`<` or :math:`>`);
* ``scale-const``: one numeric constant :math:`c` of a side replaced by :math:`2c` or
  :math:`c/2`;
* ``scale-side``: a whole side times :math:`2` or :math:`1/2`;
* ``drop-factor`` / ``drop-term``: one factor of a product / one term of a sum removed;
* ``flip-sign``: a side, or one term of a sum, negated;
* ``premise+...``: a side mutated *and* the step's premise altered the same way, so that the
  step still "simplifies" after the premise substitution. For the old ``given`` mapping the
  premise value of one key :math:`k` is re-solved from
  :math:`\text{lhs}'(k) - \text{rhs}'(k) = \text{lhs}_0 - \text{rhs}_0` (the original
  substituted difference); :class:`~hallbound.proofs_checks.engine.claim.Premise` objects are
  rewritten to state the mutated relation itself.

A step whose law check is built from its displayed sides
(:class:`~hallbound.proofs_checks.engine.law_checks.ExprLawCheck`) gets the law rebuilt from the
mutated sides (:func:`with_source_law`): in the source both come from the same expressions,
so an edit reaches both. A hand-written law (a second, typed formula) is kept, unless the
claim declares how its displayed symbols take values on the law's cases
(``law_symbols``) and that declaration reproduces the hand-written law exactly on every
case tried: the mutant is then checked on its own displayed sides through the declaration
(:mod:`.declared`), so a false mutant is refuted on an exact case.

A mutant counts only when an **independent** evaluation shows it false at some point of the
step's domain (:func:`evaluate_mutant`); the evaluation never uses the mutated premise nor the
checker. The **first model** (:func:`first_model`):

* steps with a ``law`` (:class:`~hallbound.proofs_checks.engine.probability.LawCheck`): the law's
  exact cases with the mutated relation, when the mutation only changed the relation or
  scaled/negated a whole side; other side mutations through a mapping from the step's
  symbols to values of a case (:data:`LAW_MAPS`, and the finite-instance quantities of
  :mod:`hallbound.proofs_checks.mutation.laws`);
* SymPy sides: 50-digit mpmath at seeded random points of the parameter domains
  (:func:`hallbound.proofs_checks.engine.falsify.sample_param`), either raw (when the original raw
  relation holds at every sample: the step is a statement about its parameters alone; a
  step that states nothing else is judged even where it is itself false) or under a
  hand-checked *model* (:data:`MODELS`): a substitution of the step's opaque symbols by a
  realisable instance (e.g. :math:`W` uniform on a ball for U5) or the original premise
  where it only reparametrises the step's domain; the claim's assumptions connected to the
  step's symbols constrain the points.

Where it cannot decide, the **second model** (:mod:`hallbound.proofs_checks.mutation.models`)
makes the step finite: sums over a symbolic :math:`N` written out at small :math:`N`, exact
random laws for ``Pr``/``E``/``Var``, the stated equalities and premises substituted (through
slacks), an unknown density uniform, events as indicators, matrices explicit. Either model
calls a mutant *true* only with at least :data:`MIN_VALID` points where the premises and the
original hold; otherwise the mutant is *not independently decidable*, with its reason.
In both models a strict mutant (``<``, ``>``) is false where its sides are *exactly* equal
(a 50-digit equality confirmed by SymPy at the exact point; sides that are only close are
not counted), so ``a = b`` flipped to ``a < b`` is a false mutant, checked by the checker.

A false mutant is checked by the real checker (at most :data:`CHECK_SECONDS` of CPU each,
:func:`cpu_budget`), and counted by its verdict
(:mod:`hallbound.proofs_checks.mutation.summary`): **killed by REFUTED**, **killed by
demotion** (SUPPORTED, ASSUMED, UNDECIDED) or **survived** (PROVED, CERTIFIED: a soundness
bug, listed); a TIMEOUT or a crash is listed and counts as neither. The report gives, per
claim and in total, generated / decided / false / REFUTED / demoted / survived, the decided
fraction (decided / evaluated) and the targets (>= 90% decided, every false mutant killed,
>= 80% of the kills by REFUTED), and why the undecided mutants were not decided. Planted
mutants (:func:`planted_mutants`) include "Chebyshev with Var/(4a^2)" and "drop V_d from U5
together with its premise"; :func:`planted_source_mutation` halves the uniform mean law's
sup density through the source's injection point and re-checks ``Theorem 6.1 (corrected)``.

Usage: ``python -m hallbound.proofs_checks.mutation [--claims NAME ...] [--prefix] [--json FILE]
[--partial FILE] [--seed S] [--trials N] [--per-step K] [--step-share F] [--jobs J]
[--check-seconds S]``. ``--claims`` names are exact (``Theorem 6.1`` is that claim only);
``--prefix`` makes them case-insensitive prefixes. ``--partial`` appends each claim's
outcomes to a JSON-lines file as the claim finishes, so an interrupted run keeps them.

The package: :mod:`.operators` (the mutants), :mod:`.planted` (planted mutants and the planted
source change), :mod:`.evaluation` (the first model), :mod:`.opaque_models` (closed models of
the steps with opaque operators: U4, U5, C.3a, and a one-sided exact sample law for Corollary
3's step 5), :mod:`.models` and :mod:`.forms` (the second, finite model), :mod:`.laws`
(finite-instance quantities), :mod:`.declared` (law steps through the claims' declared
symbols), :mod:`.runner` (the checker within a CPU budget), :mod:`.summary` (the counts and
the text), :mod:`.cli` (the command).
"""

from __future__ import annotations

from hallbound.proofs_checks.mutation.cli import (
    main,
)
from hallbound.proofs_checks.mutation.evaluation import (
    KNOWN_FUNCTIONS,
    LAW_MAPS,
    MODELS,
    Evaluation,
    Model,
    evaluate_mutant,
    expand_known,
    first_model,
    second_model,
)
from hallbound.proofs_checks.mutation.operators import (
    _FLIPS,
    CHECK_SECONDS,
    DEFAULT_SEED,
    DEFAULT_TRIALS,
    EVAL_POINTS,
    HOLDING,
    LAW_CASES,
    MAX_PER_OPERATOR,
    MIN_VALID,
    ORDER_RELS,
    TIMEOUT,
    Mutant,
    adjust_given,
    claim_mutants,
    drop_factors,
    drop_terms,
    flip_relation,
    flip_signs,
    scale_constants,
    scale_side,
    step_mutants,
    with_source_law,
)
from hallbound.proofs_checks.mutation.planted import (
    halved_uniform_sup_density,
    planted_mutants,
    planted_source_mutation,
    uniform_sup_density,
)
from hallbound.proofs_checks.mutation.runner import (
    Outcome,
    OutOfBudget,
    check_mutant,
    cpu_budget,
    run,
    run_claim,
    run_mutants,
)
from hallbound.proofs_checks.mutation.summary import (
    CAUSES,
    COLUMNS,
    DEMOTED,
    TARGETS,
    demotion_cause,
    demotion_causes,
    demotions,
    fractions,
    kill_kind,
    reason_key,
    report,
    score_line,
    score_lines,
    side_only_share,
    summarize,
    survivor_table,
    table,
    tally,
    undecided_reasons,
)

__all__ = [
    "CAUSES",
    "CHECK_SECONDS",
    "COLUMNS",
    "DEFAULT_SEED",
    "DEFAULT_TRIALS",
    "DEMOTED",
    "EVAL_POINTS",
    "Evaluation",
    "HOLDING",
    "KNOWN_FUNCTIONS",
    "LAW_CASES",
    "LAW_MAPS",
    "MAX_PER_OPERATOR",
    "MIN_VALID",
    "MODELS",
    "Model",
    "Mutant",
    "ORDER_RELS",
    "OutOfBudget",
    "Outcome",
    "TARGETS",
    "TIMEOUT",
    "_FLIPS",
    "adjust_given",
    "check_mutant",
    "claim_mutants",
    "cpu_budget",
    "demotion_cause",
    "demotion_causes",
    "demotions",
    "drop_factors",
    "drop_terms",
    "evaluate_mutant",
    "expand_known",
    "first_model",
    "flip_relation",
    "flip_signs",
    "fractions",
    "halved_uniform_sup_density",
    "kill_kind",
    "main",
    "planted_mutants",
    "planted_source_mutation",
    "reason_key",
    "report",
    "run",
    "run_claim",
    "run_mutants",
    "scale_constants",
    "scale_side",
    "score_line",
    "score_lines",
    "second_model",
    "side_only_share",
    "step_mutants",
    "summarize",
    "survivor_table",
    "table",
    "tally",
    "undecided_reasons",
    "uniform_sup_density",
    "with_source_law",
]
