"""The models ``verify`` runs on each line after the symbolic checker, in order.

Each entry is ``model(check, step, checker, first)``: it may change the line's verdict when it
is still UNDECIDED (or refine a SUPPORTED it can decide), and does nothing on a step it does not
read; the two guards (:mod:`.complex_letters`, :mod:`.natural_zero`) only withdraw a verdict.
``first`` is true for the first relation of a chain. A new model is one more entry here;
``verify`` itself never names a model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hallbound.proofs_checks.latex.models.argmin_scaling import argmin_scaling_check
from hallbound.proofs_checks.latex.models.atom_facts import atom_fact_check
from hallbound.proofs_checks.latex.models.ball_volumes import ball_volume_check
from hallbound.proofs_checks.latex.models.brace_signs import brace_sign_check
from hallbound.proofs_checks.latex.models.complex_letters import complex_letter_check
from hallbound.proofs_checks.latex.models.complex_parts import complex_part_check
from hallbound.proofs_checks.latex.models.conjugates import conjugate_check
from hallbound.proofs_checks.latex.models.cover_volumes import cover_volume_check
from hallbound.proofs_checks.latex.models.covering_instances import covering_instance_check
from hallbound.proofs_checks.latex.models.covering_numbers import covering_number_check
from hallbound.proofs_checks.latex.models.derivative_integrals import derivative_integral_check
from hallbound.proofs_checks.latex.models.doubling_steps import doubling_check
from hallbound.proofs_checks.latex.models.dual_norms import dual_norm_check
from hallbound.proofs_checks.latex.models.extrema import extremum_check
from hallbound.proofs_checks.latex.models.extremum_values import extremum_value_check
from hallbound.proofs_checks.latex.models.fenchel_young import fenchel_young_check
from hallbound.proofs_checks.latex.models.finite_sum_verdicts import finite_sum_check
from hallbound.proofs_checks.latex.models.finite_tables import finite_table_check
from hallbound.proofs_checks.latex.models.function_verdicts import model_check
from hallbound.proofs_checks.latex.models.imaginary_unit import imaginary_unit_check
from hallbound.proofs_checks.latex.models.indexed_sums import indexed_sum_check
from hallbound.proofs_checks.latex.models.law_verdicts import apply_finite_laws
from hallbound.proofs_checks.latex.models.learning.learning_verdicts import apply_learning_model
from hallbound.proofs_checks.latex.models.learning.pac_verdicts import apply_pac_model
from hallbound.proofs_checks.latex.models.linear_notes import linearity_note
from hallbound.proofs_checks.latex.models.measure_integrals import measure_integral_check
from hallbound.proofs_checks.latex.models.measure_verdicts import apply_measure_model
from hallbound.proofs_checks.latex.models.modular_forms import modular_form_check
from hallbound.proofs_checks.latex.models.natural_zero import natural_zero_check
from hallbound.proofs_checks.latex.models.nested_integrals import nested_integral_check
from hallbound.proofs_checks.latex.models.parametric_moments import parametric_moment_check
from hallbound.proofs_checks.latex.models.point_facts import point_fact_check
from hallbound.proofs_checks.latex.models.prose_laws import prose_independence_check
from hallbound.proofs_checks.latex.models.prox_operators import prox_check
from hallbound.proofs_checks.latex.models.tail_events import tail_event_check
from hallbound.proofs_checks.latex.models.vector_readings import size_note, vector_reading_note

LineModel = Callable[[Any, Any, Any, bool], None]


def _plain(model: Callable[[Any, Any, Any], None]) -> LineModel:
    """``model(check, step, checker)`` as a registry entry (it ignores ``first``)."""

    def run(check: Any, step: Any, checker: Any, first: bool) -> None:
        model(check, step, checker)

    run.__name__ = model.__name__
    run.__doc__ = model.__doc__
    return run


#: The models run on every line, in this order (the first that decides a line wins: each one
#: returns at once on a line that is no longer UNDECIDED, unless its docstring says otherwise).
LINE_MODELS: tuple[LineModel, ...] = (
    _plain(apply_finite_laws),  # entropies: random finite laws
    _plain(apply_measure_model),  # divergences: finite measures
    model_check,  # f(x) on concrete functions
    _plain(apply_learning_model),  # E, sup over a class: finite models
    _plain(ball_volume_check),  # V(B_r) in R^d
    _plain(cover_volume_check),  # V(A), covers, separated sets: drawn on the line
    _plain(covering_number_check),  # N^{int}_e(B_r) between the volumetric bounds
    _plain(covering_instance_check),  # N_e(B) <= N_{e/2}(A), a stated bound at e/2
    _plain(doubling_check),  # F(B(x, 2r)) <= K F(B(x, r)) iterated
    _plain(extremum_check),  # inf_x F <= F(x)
    _plain(extremum_value_check),  # sup_x of a polynomial, exactly
    _plain(measure_integral_check),  # \int g d\mu on point masses
    _plain(nested_integral_check),  # \int (\int_a^b g dt) d\mu with i: point masses
    _plain(apply_pac_model),  # Pr of events about risks: finite PAC instances
    _plain(finite_sum_check),  # sums over a finite set / index range, indicators
    _plain(indexed_sum_check),  # sum_i k_i t_i under a stated k_i = ...: termwise
    _plain(finite_table_check),  # sup over a set, E_v: functions as finite tables
    # complex scalars in the document: a verdict that needs z or <x, y> real is withdrawn
    _plain(complex_letter_check),
    _plain(imaginary_unit_check),  # equations with i = sqrt(-1)
    _plain(complex_part_check),  # \Re, \Im, conjugates of complex letters
    _plain(derivative_integral_check),  # \int F'(u) F(u) du: drawn instances of F
    _plain(modular_form_check),  # E_k(-1/z), Delta(z): evaluated in the upper half plane
    _plain(point_fact_check),  # f(x) under facts at one point
    _plain(tail_event_check),  # monotone maps of events, Markov, the union bound: exact
    _plain(atom_fact_check),  # triangle inequality, |E Y| <= E|Y|, Pr of cap / cup: exact
    _plain(parametric_moment_check),  # Pr / E of one variable with stated parameters
    _plain(argmin_scaling_check),  # argmin_x F = argmin_x (c F + r), c > 0
    _plain(brace_sign_check),  # signs noted under \underbrace: sign rules
    _plain(conjugate_check),  # h^*(v) = sup_x <v, x> - h(x)
    _plain(fenchel_young_check),  # <v, w> <= h(w) + h^*(v)
    _plain(dual_norm_check),  # sup_{||x||_p <= 1} <v, x> = ||v||_q, 1/p + 1/q = 1
    _plain(prox_check),  # prox_h(v) = argmin_x h(x) + 1/2 ||x - v||^2
    # n in N: a step shown for n >= 1 is checked at n = 0 too (it withdraws, never decides)
    _plain(natural_zero_check),
    # independence stated in prose: a refutation at a dependent law is withdrawn
    _plain(prose_independence_check),
    _plain(vector_reading_note),  # PROVED with |x|, x^2 of a vector: say the Euclidean reading
    _plain(linearity_note),  # decided on parts of a split sum/integral/<,>: say linearity
    _plain(size_note),  # vectors, matrices of the unfixed size in the step: say which
)

#: The models run again on a chain's conclusion when the chain is broken by a REFUTED line.
#: The two guards that withdraw a verdict (complex scalars, a disputed 0) run there too.
CONCLUSION_MODELS: tuple[LineModel, ...] = (*LINE_MODELS[:2], _plain(complex_letter_check),
                                            _plain(natural_zero_check),
                                            _plain(prose_independence_check), _plain(size_note))


def run_models(models: tuple[LineModel, ...], check: Any, step: Any, checker: Any,
               first: bool) -> None:
    """Run each model of ``models`` on the line, in order."""
    for model in models:
        model(check, step, checker, first)
