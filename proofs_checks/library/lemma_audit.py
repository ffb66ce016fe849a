r"""An audit of the lemma library that can fail: broad random cases, pinned tight cases.

The property tests of the library draw cases that satisfy every hypothesis, so they cannot
notice a hypothesis dropped from a lemma. This audit draws *broad* cases instead (exact finite
laws from :func:`~hallbound.proofs_checks.library.randomness.random_law`, comonotone copies, point
masses; arguments of either sign, zero, empty sequences), many of which violate a hypothesis,
and

* keeps a case only when the lemma's OWN declared hypotheses hold on it
  (:func:`~hallbound.proofs_checks.library.lemma_library.hypotheses_failing`);
* evaluates both sides of the conclusion on the case (exactly, or at 50 digits);
* reports a :class:`Finding` when the conclusion is false, or not a real number (undefined),
  on a kept case: the lemma as written in the library is unsound (a hypothesis was dropped,
  a constant strengthened, a sum turned into a product, ...).

The density lemmas (``Sup density (...)``, ``Ball mass``) are audited in a density model: a
random symbol with a width :math:`w > 0` in ``Case.widths`` stands for :math:`S + w U_S`,
:math:`U_S` uniform on :math:`[0, 1)` and independent of everything else, so linear
expressions in such symbols have piecewise-polynomial densities whose sup
(:func:`sup_density`; a vector in :math:`\mathbb R^d` has :math:`d` independent coordinates)
and ball mass (:func:`ball_mass`, dimension 1) are computed exactly; a symbol without a width
has no density (:math:`\sup f = +\infty`).

Pinned cases (:data:`PINNED`) are textbook extremal cases where the conclusion holds with
equality or nearly (Markov's two-point law, Chebyshev's three-point law, the Paley-Zygmund
two-point law at :math:`\theta = 1/2`, Hoeffding on one wide two-point variable, ...): any
strengthening of a constant makes the conclusion fail there.

The lemma ``Ball volume`` states the value of an opaque :class:`~hallbound.proofs_checks.
lemma_library.BallVolume`; the audit evaluates it by :func:`ball_volume_reference`, which does
not use the Gamma function: :math:`V_1(r) = 2r`, :math:`V_2(r) = \pi r^2`,
:math:`V_d(r) = \frac{2\pi r^2}{d} V_{d-2}(r)`.

:func:`failing_lemmas` runs the audit and the pinned cases on every library lemma (cached,
seeded) and names each lemma that fails, with a one-line reason; a lemma the audit has no
generator or pinned case for is named too (it is unaudited).
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Callable, Sequence

import numpy as np

from hallbound.errors import InputError
from hallbound.proofs_checks.library import (
    audit_arb,
    audit_concentration,
    audit_events,
    audit_tails,
)
from hallbound.proofs_checks.library import lemma_library as _lib
from hallbound.proofs_checks.library.audit_cases import (
    GENERATORS,
    PINNED,
)
from hallbound.proofs_checks.library.audit_model import (
    POINT_LAW,
    XS,
    AuditResult,
    Case,
    F,
    Finding,
    Outcome,
    Pinned,
    X,
    Y,
    Z,
    _Undefined,
    ball_mass,
    ball_volume_reference,
    run,
    sup_density,
)
from hallbound.proofs_checks.library.lemma_library import Lemma

audit_concentration.register(GENERATORS, PINNED)  # the concentration lemmas' cases
audit_events.register(GENERATORS, PINNED)  # the event lemmas (lemmas_events)
audit_tails.register(GENERATORS, PINNED)  # Lemma 2's two tails (lemmas_tails)
audit_arb.register(GENERATORS, PINNED)  # Arb ball enclosure (lemmas_arb)

#: Cases drawn per lemma by :func:`failing_lemmas`.
DEFAULT_CASES = 40
#: Seed of :func:`failing_lemmas` (each lemma's stream also depends on its name).
DEFAULT_SEED = 20240519

# ----- the audit --------------------------------------------------------------------------


def _stream(name: str, seed: int) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


def audit(
    lem: Lemma,
    cases: int = DEFAULT_CASES,
    seed: int = DEFAULT_SEED,
    *,
    undefined: bool = True,
    generator: Callable[[np.random.Generator], Case] | None = None,
) -> AuditResult:
    """Draw ``cases`` broad cases for ``lem`` (its generator in :data:`GENERATORS`, found by
    name, or ``generator``), keep those where its own hypotheses hold, and return the first
    where its conclusion is false (or, with ``undefined``, not a finite real number).
    Deterministic: the stream depends on ``seed`` and the lemma's name."""
    if cases < 1:
        raise InputError("cases", f"must be >= 1, got {cases}")
    gen = generator or GENERATORS.get(lem.name)
    if gen is None:
        raise InputError("lem", f"no case generator for {lem.name!r}")
    rng = _stream(lem.name, seed)
    kept = 0
    for drawn in range(1, cases + 1):
        case = gen(rng)
        out = run(lem, case)
        if out.status == "skipped":
            continue
        kept += 1
        if out.status == "false" or (undefined and out.status == "undefined"):
            return AuditResult(lem.name, drawn, kept, Finding(lem.name, case, out))
    return AuditResult(lem.name, cases, kept, None)


def check_pinned(lem: Lemma, pinned: Sequence[Pinned] | None = None) -> Finding | None:
    """The first pinned case of ``lem`` (default: :data:`PINNED`) on which its hypotheses
    fail or its conclusion is false or undefined."""
    for p in PINNED.get(lem.name, ()) if pinned is None else pinned:
        out = run(lem, p.case)
        if out.status != "holds":
            return Finding(lem.name, p.case, out, source=f"pinned ({p.why})")
    return None


@functools.cache
def _check(lem: Lemma, cases: int, seed: int) -> tuple[str, AuditResult | None]:
    """Why ``lem`` fails (empty: it passes), and its audit; cached on the lemma's contents."""
    if lem.name not in GENERATORS or not PINNED.get(lem.name):
        return "unaudited: no case generator or pinned case in lemma_audit", None
    try:
        found = check_pinned(lem)
        result = audit(lem, cases, seed)
    except Exception as err:  # noqa: BLE001 - an audit that cannot run vouches for nothing
        return f"audit error: {type(err).__name__}: {err}".replace("\n", " "), None
    found = found or result.finding
    return (found.text().replace("\n", " ") if found else ""), result


def audit_results() -> dict[str, AuditResult | None]:
    """The audit of each library lemma as :func:`failing_lemmas` ran it (None: not run)."""
    return {
        name: _check(lem, DEFAULT_CASES, DEFAULT_SEED)[1] for name, lem in _lib.LIBRARY.items()
    }


def failing_lemmas() -> dict[str, str]:
    """Lemma name -> one-line reason, for every library lemma whose audit (:data:`DEFAULT_CASES`
    broad cases, seed :data:`DEFAULT_SEED`) or pinned case fails, or that has no generator or
    pinned case. Empty when the library passes. Cached per lemma, on the lemma's contents (a
    lemma changed in :data:`~hallbound.proofs_checks.library.lemma_library.LIBRARY` is audited
    anew)."""
    out = {}
    for name, lem in _lib.LIBRARY.items():
        reason, _ = _check(lem, DEFAULT_CASES, DEFAULT_SEED)
        if reason:
            out[name] = reason
    return out


def clear_cache() -> None:
    """Forget the results of :func:`failing_lemmas`."""
    _check.cache_clear()


__all__ = [
    "_Undefined",
    "audit",
    "audit_results",
    "AuditResult",
    "ball_mass",
    "ball_volume_reference",
    "Case",
    "check_pinned",
    "clear_cache",
    "DEFAULT_CASES",
    "DEFAULT_SEED",
    "F",
    "failing_lemmas",
    "Finding",
    "GENERATORS",
    "Outcome",
    "PINNED",
    "Pinned",
    "POINT_LAW",
    "run",
    "sup_density",
    "X",
    "XS",
    "Y",
    "Z",
]
