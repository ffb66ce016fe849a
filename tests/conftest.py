"""Shared test set-up: Hypothesis profiles.

``HYPOTHESIS_PROFILE=ci`` (the default, used by ``.ci/run``): few examples, derandomised,
no deadline. ``HYPOTHESIS_PROFILE=thorough``: many examples.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "thorough",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# `hallbound check` answers an unchanged run from its result cache; the tests check the
# computation (and monkeypatch it in-process, which the cache's key cannot see), so the cache
# is off unless a test turns it on (tests/cli/test_check_cache.py).
os.environ["HALLBOUND_CHECK_CACHE"] = "off"


@pytest.fixture(scope="session")
def full_check() -> dict:
    """``hallbound check --json``'s object for every registered claim (default seed and
    trials), computed once per test session: the claims are checked by
    :func:`hallbound.paper_tex.claims_tex.check_all` (parallel over the cores, kept for the
    session, so ``hallbound tex``'s tree in the same process reuses them) and written as
    ``check --json`` writes them (:func:`~hallbound.proofs_checks.engine.report.to_object`
    with the trust base's audit and each claim's ``corrects``)."""
    from hallbound.paper_tex.claims_tex import check_all, registered_claims
    from hallbound.proofs_checks.engine.report import settled, to_object
    from hallbound.proofs_checks.library.lemma_audit import failing_lemmas

    claims = registered_claims()
    results = check_all(claims)
    corrects = {c.name: c.corrects for c in claims}
    out = to_object(results, failing_lemmas(), corrects)
    out["settled"] = settled([r for r in results if r.registered], corrects)
    return out
