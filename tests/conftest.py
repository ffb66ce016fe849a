"""Shared test set-up: Hypothesis profiles.

``HYPOTHESIS_PROFILE=ci`` (the default, used by ``.ci/run``): few examples, derandomised,
no deadline. ``HYPOTHESIS_PROFILE=thorough``: many examples.
"""

import os

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
