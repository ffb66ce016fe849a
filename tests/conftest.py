"""Shared test set-up: Hypothesis profiles, caches, and the order for parallel runs.

``HYPOTHESIS_PROFILE=ci`` (the default, used by ``.ci/run``): few examples, derandomised,
no deadline. ``HYPOTHESIS_PROFILE=thorough``: many examples.

The suite runs in parallel (``-n auto --dist loadgroup`` in pyproject.toml, pytest-xdist):
each worker process is one pytest session. Tests that check every registered claim (the
``full_check`` fixture, ``hallbound tex``'s claims section) share the checked results of one
process (:func:`hallbound.paper_tex.claims_tex.check_all`), so their modules carry
``pytest.mark.xdist_group("all_claims")`` and run on one worker, which checks the claims
once. Tests marked ``slow`` are handed out first, so that no long test starts last on one
worker while the others are idle. ``verify``'s caches live in a folder of
the session, not in the user's ``~/.cache`` (a test never reads a verdict another run stored).
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


@pytest.fixture(scope="session", autouse=True)
def _verify_cache_of_the_session(tmp_path_factory: pytest.TempPathFactory) -> None:
    """``hallbound verify``'s verdict and file caches in a folder of this session (one per
    xdist worker), unless the caller named one; subprocesses inherit it."""
    from hallbound.verify_filecache import CACHE_ENV

    if CACHE_ENV not in os.environ:
        os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("verify-cache"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` first, in their order, unless they belong to an xdist group
    (a group keeps its order: its modules' fixtures are set up once). The order is the same
    in every worker, as xdist requires."""
    def later(item: pytest.Item) -> bool:
        return item.get_closest_marker("slow") is None or (
            item.get_closest_marker("xdist_group") is not None)

    items.sort(key=later)
