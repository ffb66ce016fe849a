r"""Hypothesis properties of Kalai et al. (2025) on random finite instances (exact).

- ``theorem1``: :math:`\mathrm{err} \ge 2\,\mathrm{err}_{iiv} - k/K - \delta` on every
  instance, every mode (ties at :math:`1/K` included);
- ``theorem1_steps``: proof steps 6 and 9 of Theorem 1;
- ``theorem4``: :math:`\mathrm{err} \ge 2(1-1/C)\,E_t\,\mathrm{err}_{iiv}(\hat f_t) \ge
  2(1-1/C)\min_t`, the false-negative identity, and equality when all :math:`|E_c| = C-1`;
- ``calibration``: :math:`\frac{d}{ds}L(\hat p_s)|_{s=1} = \hat p(A) - p(A)` (central
  difference of the prompted cross-entropy, float);
- ``uniform_calibrated``: uniform :math:`\hat p` has :math:`\delta_z = 0` at every breakpoint;
- ``arbitrary_facts``: on exact Arbitrary-Facts realizations, Lemma 1 steps 2-3
  (:math:`\mathrm{GT}(s') - \mathrm{sr} \in \{0, 1/N\}`,
  :math:`M(s') - \mathrm{MM} \in \{0, \varphi_0\}`), Theorem 1 for all four algorithms, and
  for the calibrated one :math:`\mathrm{err} \le \mathrm{MM}\,L/(L+1)` and
  :math:`\delta_z = 0` at every breakpoint (Theorem 2 UB steps 3 and 7).

:func:`run` returns one :class:`Outcome` per property (the shrunk counterexample on failure).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hallbound.symbolic.why_hallucinate.finite import FiniteInstance, make
from hallbound.symbolic.why_hallucinate.instances import MODES, random_instance

F = Fraction


@dataclass
class Outcome:
    name: str
    passed: bool
    detail: str = ""
    counterexample: dict[str, Any] = field(default_factory=dict)


def _theorem1(inst: FiniteInstance) -> None:
    assert inst.err() >= inst.theorem1_rhs(), "Theorem 1 fails"


def _theorem1_steps(inst: FiniteInstance) -> None:
    t = inst.threshold()
    pav = dav = dbv = pbv = pb = phb = F(0)
    for _, j, c in inst.items():
        a, v = c.p_hat[j] > t, c.is_valid(j)
        if a and not v:
            pav += c.weight * c.p_hat[j]
            dav += inst.D(c, j)
        if not a:
            pb += c.weight * c.p[j]
            phb += c.weight * c.p_hat[j]
            if v:
                dbv += inst.D(c, j)
            else:
                pbv += c.weight * c.p_hat[j]
    assert pav >= 2 * dav, "step 6"
    assert 2 * dbv - pbv <= inst.delta() + F(inst.k, inst.K), "step 9"


def _theorem4(inst: FiniteInstance) -> None:
    c = inst.K + 1
    e_t = inst.expected_err_iiv()
    lin = sum(
        (
            inst.D(pr, j) * (1 - pr.p_hat[j] if pr.is_valid(j) else pr.p_hat[j])
            for _, j, pr in inst.items()
        ),
        F(0),
    )
    assert e_t == lin, "E_t by integration != E_t by linearity"
    assert inst.err() >= 2 * (1 - F(1, c)) * e_t >= 2 * (1 - F(1, c)) * inst.best_threshold()[1]
    assert sum((pr.weight * (1 - pr.p_hat[0]) for pr in inst.prompts), F(0)) == inst.err()
    if len({len(pr.errors) for pr in inst.prompts}) == 1:
        assert e_t == c * inst.err() / (2 * (c - 1)), "equality case"


def _positive(inst: FiniteInstance) -> FiniteInstance:
    ps = inst.prompts
    return make(
        [c.weight for c in ps],
        [len(c.valid) for c in ps],
        [len(c.errors) for c in ps],
        [c.p for c in ps],
        [[(q + F(1, len(c.p))) / 2 for q in c.p_hat] for c in ps],
    )


def prompted_loss(inst: FiniteInstance, s: float) -> float:
    """:math:`L(\\hat p_s) = \\sum -\\mu(c)p(r|c)\\ln\\hat p_s(r|c)`, per-prompt rescaling."""
    t = inst.threshold()
    total = 0.0
    for c in inst.prompts:
        a = float(sum((q for q in c.p_hat if q > t), F(0)))
        z = s * a + 1 - a
        for pj, qj in zip(c.p, c.p_hat, strict=True):
            if pj:
                total -= float(c.weight * pj) * math.log(float(qj) * (s if qj > t else 1) / z)
    return total


def _calibration(inst: FiniteInstance) -> None:
    inst = _positive(inst)
    h = 1e-6
    d = (prompted_loss(inst, 1 + h) - prompted_loss(inst, 1 - h)) / (2 * h)
    assert abs(d - float(inst.signed_delta())) < 1e-6, f"dL/ds = {d}"


def _uniform(inst: FiniteInstance) -> None:
    assert all(inst.delta(z) == 0 for z in inst.breakpoints())


def _arbitrary_facts(seed: int) -> None:
    from hallbound.symbolic.why_hallucinate.facts import ALGORITHMS, random_facts

    f = random_facts(np.random.default_rng(seed))
    assert f.good_turing_mapped() - f.sr() in (0, F(1, f.n)), "Lemma 1 step 2"
    assert f.missing_mass_mapped() - f.missing_mass() in (0, f.phi0()), "Lemma 1 step 3"
    for alg in ALGORITHMS:
        inst = f.model(alg)
        assert inst.err() >= inst.theorem1_rhs(), f"Theorem 1 ({alg})"
    cal = f.model("calibrated")
    assert cal.err() <= f.missing_mass() * F(cal.L, cal.L + 1), "Theorem 2 UB step 3"
    assert all(cal.delta(z) == 0 for z in cal.breakpoints()), "Theorem 2 UB step 7"


PROPERTIES: dict[str, tuple[Callable[[Any], None], dict[str, Any]]] = {
    "theorem1": (_theorem1, {}),
    "theorem1_steps": (_theorem1_steps, {}),
    "theorem4": (_theorem4, {"multiple_choice": True}),
    "calibration": (_calibration, {"modes": ("dirichlet", "mix")}),
    "uniform_calibrated": (_uniform, {"modes": ("uniform",)}),
    "arbitrary_facts": (_arbitrary_facts, {"seed_only": True}),
}


def _make(name: str, seen: dict[str, Any]) -> Callable[[], None]:
    check, opts = PROPERTIES[name]
    mc = opts.get("multiple_choice", False)

    if opts.get("seed_only"):

        @given(st.integers(0, 2**32 - 1))
        def prop_seed(seed: int) -> None:
            seen.update(seed=seed)
            check(seed)

        return prop_seed

    @given(st.integers(0, 2**32 - 1), st.sampled_from(opts.get("modes", MODES)))
    def prop(seed: int, mode: str) -> None:
        seen.update(seed=seed, mode=mode)
        check(random_instance(np.random.default_rng(seed), mode, multiple_choice=mc))

    return prop


def run(max_examples: int = 100, only: list[str] | None = None) -> list[Outcome]:
    """Run the properties (``only`` names a subset); the counterexample is the shrunk
    (seed, mode) of :func:`~hallbound.symbolic.why_hallucinate.instances.random_instance`."""
    out = []
    for name in only or list(PROPERTIES):
        seen: dict[str, Any] = {}
        prop = settings(
            max_examples=max_examples,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        )(_make(name, seen))
        try:
            prop()
            out.append(Outcome(name, True, f"{max_examples} examples"))
        except AssertionError as err:
            out.append(Outcome(name, False, str(err) or "assertion failed", dict(seen)))
    return out
