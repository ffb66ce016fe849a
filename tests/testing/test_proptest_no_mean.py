"""A family with no mean (Cauchy) fails fast in the property battery (issue 23, item 3): the
properties that need the mean say so at once, the others run, and no SciPy warning or
Hypothesis banner reaches the user."""

from __future__ import annotations

import time
import tomllib
import warnings

import pytest
import scipy.stats
import sympy as sp

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.symbolic.families.base import SymmetricIntervalFamily
from hallbound.symbolic.families.params import Param
from hallbound.symbolic.values import to_float
from hallbound.testing.properties import NEEDS, moment_status, run_battery
from hallbound.testing.user_family import parse_user_family

CAUCHY_TOML = """\
name = "cauchy"
density = "s / (pi * (s**2 + (a - mu)**2))"
support = [-inf, inf]
[parameters.s]
domain = [0.0, inf]
test = [0.5, 2.0]
"""


class DeclaredCauchy(SymmetricIntervalFamily):
    """A Cauchy law that declares it has no mean (no probing needed)."""

    name = "declared_cauchy"
    has_mean = False
    has_variance = False
    params = (
        Param("mu", key="mean", kind="location", test=(-5, 5), step=0.25, location=True),
        Param("s", key="scale", lower=0, test=(0.5, 2.0), step=0.25),
    )

    def density(self) -> sp.Expr:
        return self.s / (sp.pi * (self.s**2 + (self.a - self.mu) ** 2))

    def scipy(self):
        return scipy.stats.cauchy(loc=to_float(self.mu), scale=to_float(self.s))


def test_toml_cauchy_gives_verdicts_fast_and_quietly(tmp_path, capsys):
    path = tmp_path / "cauchy.toml"
    path.write_text(CAUCHY_TOML)
    argv = ["proptest", str(path), "--examples", "2", "--quiet",
            "--only", "optimal", "--only", "covering", "--only", "bound", "--only", "seed"]
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code = main(argv)
    elapsed = time.perf_counter() - start
    out, err = capsys.readouterr()
    assert elapsed < 60, elapsed
    assert code == 0, out
    for name in ("optimal", "covering", "bound"):
        assert f"N/A  {name}: needs the mean, which does not exist for cauchy" in out
    assert "PASS  seed" in out
    assert "1 passed, 0 failed, 3 not applicable" in out
    text = out + err
    assert "PLEASE REPORT" not in text and "IntegrationWarning" not in text
    assert not [w for w in caught if "Integration" in type(w.message).__name__], caught


def test_declared_no_mean_is_taken_from_the_family():
    status = moment_status(DeclaredCauchy)
    assert (status.mean, status.variance) == (False, False)
    assert status.source == "declared by the family"
    outcomes = run_battery(DeclaredCauchy, max_examples=2, only=["symbolic_numeric", "predicate"])
    by_name = {o.name: o for o in outcomes}
    assert by_name["symbolic_numeric"].label == "N/A"
    assert not by_name["symbolic_numeric"].passed  # not applicable is never a pass
    assert by_name["predicate"].label == "PASS", by_name["predicate"].detail


def test_families_with_a_mean_run_every_property():
    status = moment_status("normal")
    assert status.mean and status.variance
    assert moment_status("binomial").mean  # a discrete law: finite support
    outcomes = run_battery("laplace", max_examples=2, only=list(NEEDS))
    assert all(o.applicable for o in outcomes)


def test_toml_family_may_declare_no_mean():
    data = tomllib.loads(CAUCHY_TOML)
    data["has_mean"] = False
    assert parse_user_family(data).has_mean is False
    data["has_mean"] = "no"
    with pytest.raises(InputError) as err:
        parse_user_family(data)
    assert err.value.parameter == "has_mean"
    data.pop("has_mean")
    data["has_maen"] = False
    with pytest.raises(InputError, match="did you mean 'has_mean'"):
        parse_user_family(data)


def _quad_calls(monkeypatch) -> list[int]:
    import mpmath

    calls = [0]
    real_quad = mpmath.quad

    def counting(*args, **kwargs):
        calls[0] += 1
        return real_quad(*args, **kwargs)

    monkeypatch.setattr(mpmath, "quad", counting)
    return calls


def test_a_divergent_tail_is_given_up_after_a_few_stalled_pieces(monkeypatch):
    from hallbound.symbolic.families.numerics import STALLED_PIECES, StandardNumerics, T

    cauchy = StandardNumerics(1 / (sp.pi * (1 + T**2)), T, (-sp.oo, sp.oo))
    calls = _quad_calls(monkeypatch)
    value = cauchy.integral(lambda t: abs(t))
    assert value != value  # nan: E|A| does not exist, no number is claimed
    # core pieces + one tail of at most STALLED_PIECES + a few growing pieces (not 200)
    assert calls[0] < 3 * (STALLED_PIECES + 4), calls[0]


def test_a_slow_but_convergent_tail_still_gives_its_number():
    from hallbound.symbolic.families.numerics import StandardNumerics, T

    # f(t) = 2 / (pi (1 + t^2)^2): |t| f(t) ~ t^-3, so E|A| = 2/pi exists
    law = StandardNumerics(2 / (sp.pi * (1 + T**2) ** 2), T, (-sp.oo, sp.oo))
    value = float(law.integral(lambda t: abs(t)))
    assert abs(value - 2 / 3.141592653589793) < 1e-12, value


def test_sampling_builds_one_inversion_table_per_density_and_keeps_the_draws(tmp_path):
    import numpy as np
    from scipy.stats.sampling import NumericalInversePolynomial

    from hallbound.symbolic.families import fallback
    from hallbound.testing.user_family import load_user_family

    path = tmp_path / "cauchy.toml"
    path.write_text(CAUCHY_TOML)
    cls = load_user_family(path)
    member = cls.from_spec({"mean": 1.5, "s": 0.75})
    before = fallback._inversion.cache_info()
    first = fallback.sample(member, np.random.default_rng(5), 50)
    again = fallback.sample(member, np.random.default_rng(5), 50)
    after = fallback._inversion.cache_info()
    assert after.misses - before.misses <= 1 and after.hits - before.hits >= 1
    assert np.array_equal(first, again)

    num = fallback.numerics(member)
    lo, hi = num.range_above(None)

    class Pdf:
        def pdf(self, x: float) -> float:
            return float(num.f_grid(np.array([x]))[0])

    fresh = NumericalInversePolynomial(
        Pdf(), domain=(lo, hi), center=num.mode, u_resolution=1e-12,
        random_state=np.random.default_rng(5),
    )
    assert np.array_equal(first.ravel(), fresh.rvs(50) + 1.5)
