"""examples/logistic_family.py, the README's "Adding a family": one file (the class and its
``register`` line) is enough for the property battery, ``estimate``, ``rate`` and ``derive``.
Expected values come from SciPy and hand math, not from the family's own formulas."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest
import scipy.optimize
import scipy.stats
import sympy as sp

from hallbound.cli import main
from hallbound.symbolic.families import FAMILIES

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "logistic_family.py"


@pytest.fixture
def logistic():
    spec = importlib.util.spec_from_file_location("logistic_family", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # registers "logistic"
    assert FAMILIES["logistic"] is module.Logistic
    yield module.Logistic
    FAMILIES.pop("logistic", None)


def _half_width(s: float, delta: float) -> float:
    """f(mu + h) = delta, solved with SciPy's logistic pdf."""
    law = scipy.stats.logistic(scale=s)
    return scipy.optimize.brentq(lambda x: law.pdf(x) - delta, 0.0, 100.0 * s, xtol=1e-14)


def _spec(tmp_path: Path, s: float, law_scale: float, delta: float) -> str:
    path = tmp_path / "logistic.toml"
    path.write_text(
        f'family = "logistic"\nloss = "squared"\ndelta = {delta}\n'
        f'[mean_law]\nkind = "normal"\ncenter = [0.0]\nscale = [{law_scale}]\n'
        f"[[state]]\nweight = 0.5\nmean = [0.0]\nscale = {s}\n"
        f"[[state]]\nweight = 0.5\nmean = [0.0]\nscale = {s}\n"
    )
    return str(path)


def test_property_battery_passes(logistic) -> None:
    from hallbound.testing.properties import PROPERTIES, run_battery

    outcomes = run_battery(logistic, max_examples=4)
    assert [o.name for o in outcomes] == list(PROPERTIES)
    assert all(o.passed for o in outcomes), [o for o in outcomes if not o.passed]


def test_closed_forms_agree_with_scipy(logistic) -> None:
    member = logistic(sp.Rational(1, 2), sp.Rational(3, 2))
    law = scipy.stats.logistic(loc=0.5, scale=1.5)
    assert float(member.variance()) == pytest.approx(law.var(), rel=1e-12)
    centred = scipy.stats.logistic(scale=1.5)
    assert float(member.fourth_central_moment()) == pytest.approx(centred.moment(4), rel=1e-9)
    assert float(member.sup_density()) == pytest.approx(law.pdf(0.5), rel=1e-12)
    r = float(member.covering_radius(sp.Rational(1, 20)))
    assert r == pytest.approx(_half_width(1.5, 0.05), rel=1e-10)


def test_estimate(logistic, tmp_path, capsys) -> None:
    path = tmp_path / "est.toml"
    path.write_text(
        'family = "logistic"\nloss = "squared"\ndelta = 0.05\n'
        "[[state]]\nweight = 0.25\nmean = [1.0]\nscale = 1.0\n"
        "[[state]]\nweight = 0.75\nmean = [5.0]\nscale = 0.5\n"
    )
    assert main(["estimate", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["estimate"] == pytest.approx([0.25 * 1 + 0.75 * 5])  # the mixture mean
    laws = [scipy.stats.logistic(loc=1.0, scale=1.0), scipy.stats.logistic(loc=5.0, scale=0.5)]
    assert out["densities"] == pytest.approx([law.pdf(4.0) for law in laws], rel=1e-12)
    assert out["covering_radii"] == pytest.approx(
        [_half_width(1.0, 0.05), _half_width(0.5, 0.05)], rel=1e-10
    )
    assert out["hallucinates"] is bool(max(law.pdf(4.0) for law in laws) <= 0.05)


def test_rate_matches_closed_form(logistic, tmp_path, capsys) -> None:
    # Two equal states at mu_1, mu_2 ~ N(0, t^2): A* = (mu_1 + mu_2)/2 is |mu_1 - mu_2|/2 from
    # both, so P_H = P(|mu_1 - mu_2| >= 2h) = 2 sf(2h / (t sqrt 2)).
    s, t, delta = 1.0, 3.0, 0.05
    path = _spec(tmp_path, s, t, delta)
    assert main(["rate", path, "--n", "200000", "--seed", "5", "--level", "0.999", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    closed = 2 * scipy.stats.norm.sf(2 * _half_width(s, delta) / (t * math.sqrt(2)))
    lo, hi = out["ci"]
    assert lo <= closed <= hi


def test_derive(logistic, capsys) -> None:
    assert main(["derive", "--family", "logistic", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["family"] == "logistic"
    radius = sp.sympify(out["covering_radius"])
    values = {sp.Symbol("s", positive=True): 1.5, sp.Symbol("delta", positive=True): 0.05}
    by_name = {sym: values[k] for sym in radius.free_symbols for k in values if k.name == sym.name}
    assert float(radius.subs(by_name)) == pytest.approx(_half_width(1.5, 0.05), rel=1e-10)
