"""``hallbound derive`` and ``hallbound estimate``: outputs and one-line errors (exit 2)."""

import json
import math
import subprocess
import sys
from pathlib import Path

import mpmath
import pytest
import scipy.stats
import sympy as sp

from hallbound.cli import main

ROOT = Path(__file__).resolve().parents[2]
TWO = str(ROOT / "examples" / "two_normals.toml")
SEPARATED = str(ROOT / "examples" / "separated_normals.toml")

BASE = """family = "normal"
loss = "{loss}"
delta = {delta}
{extra}
[[state]]
weight = {w1}
mean = {m1}
cov = {c1}

[[state]]
weight = 0.7
mean = [5.0]
cov = [[1.0]]
"""


def write(tmp_path, name="spec.toml", **fields):
    values = {
        "loss": "squared",
        "delta": 0.05,
        "extra": "",
        "w1": 0.3,
        "m1": "[1.0]",
        "c1": "[[1.0]]",
    }
    values.update(fields)
    path = tmp_path / name
    path.write_text(BASE.format(**values), encoding="utf-8")
    return str(path)


def run_json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_estimate_two_normals_json(capsys):
    out = run_json(capsys, "estimate", TWO, "--json")
    assert out["estimate"] == [pytest.approx(3.8, abs=1e-15)]
    expected = [scipy.stats.norm(1, 1).pdf(3.8), scipy.stats.norm(5, 1).pdf(3.8)]
    assert out["densities"] == [pytest.approx(v, rel=1e-13) for v in expected]
    assert out["max_density"] == pytest.approx(max(expected), rel=1e-13)
    radius = math.sqrt(-2 * math.log(0.05 * math.sqrt(2 * math.pi)))
    assert out["covering_radii"] == [pytest.approx(radius, rel=1e-13)] * 2
    assert out["hallucinates"] is False
    assert out["in_hcdr"] is True


def test_estimate_separated_normals_hallucinates(capsys):
    out = run_json(capsys, "estimate", SEPARATED, "--json")
    assert out["estimate"] == [pytest.approx(0.0, abs=1e-15)]
    assert out["max_density"] == pytest.approx(scipy.stats.norm(4, 1).pdf(0), rel=1e-13)
    assert out["hallucinates"] is True and out["in_hcdr"] is False


def test_estimate_table(capsys):
    assert main(["estimate", TWO]) == 0
    text = capsys.readouterr().out
    assert "optimal estimate a* = [3.8]" in text
    assert "delta-hallucinates (Definition 4.2): no" in text
    assert "(Remark 6.1): yes" in text


def test_estimate_pinball_with_options(tmp_path, capsys):
    path = write(tmp_path, loss="pinball", extra="[loss_options]\ntau = 0.9")
    out = run_json(capsys, "estimate", path, "--json")
    q = mpmath.mpf(out["estimate"][0])
    cdf = mpmath.mpf("0.3") * mpmath.ncdf(q, 1, 1) + mpmath.mpf("0.7") * mpmath.ncdf(q, 5, 1)
    assert abs(cdf - mpmath.mpf("0.9")) < 1e-12
    assert out["densities"][1] == pytest.approx(scipy.stats.norm(5, 1).pdf(float(q)), rel=1e-12)


@pytest.mark.parametrize(
    ("fields", "parameter"),
    [
        ({"w1": 0.4}, "weight"),
        ({"delta": 0.0}, "delta"),
        ({"delta": -0.1}, "delta"),
        ({"c1": "[[-1.0]]"}, "cov"),
        ({"m1": "[nan]"}, "mean"),
        ({"m1": "[1.0, 2.0]", "c1": "[[1.0, 0.0], [0.0, 1.0]]"}, "mean"),
        ({"loss": "hinge"}, "loss"),
        ({"loss": "pinball", "extra": "[loss_options]\ntau = 2.0"}, "tau"),
    ],
)
def test_estimate_bad_spec_exits_2(tmp_path, capsys, fields, parameter):
    path = write(tmp_path, **fields)
    assert main(["estimate", path]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert err.startswith("hallbound: error:")
    assert parameter in err


def test_estimate_unknown_family_missing_file_and_bad_toml(tmp_path, capsys):
    bad_family = tmp_path / "f.toml"
    bad_family.write_text(
        BASE.format(loss="squared", delta=0.05, extra="", w1=0.3, m1="[1.0]", c1="[[1.0]]").replace(
            '"normal"', '"cauchyish"'
        )
    )
    malformed = tmp_path / "m.toml"
    malformed.write_text("family = \n[[state", encoding="utf-8")
    for path, word in [
        (bad_family, "family"),
        (tmp_path / "none.toml", "no such file"),
        (malformed, "malformed"),
    ]:
        assert main(["estimate", str(path)]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and word in err


def test_estimate_via_subprocess():
    proc = subprocess.run(
        [sys.executable, "-m", "hallbound", "estimate", TWO, "--json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["estimate"] == [pytest.approx(3.8, abs=1e-15)]
    bad = subprocess.run(
        [sys.executable, "-m", "hallbound", "estimate", str(ROOT / "nope.toml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and "spec" in bad.stderr


def mixture_mean_expr(n):
    p = sp.symbols(f"p_1:{n + 1}")
    mu = sp.symbols(f"mu_1:{n + 1}")
    return sp.Add(*[a * b for a, b in zip(p, mu, strict=True)])


@pytest.mark.parametrize(
    "argv",
    [
        ["--loss", "squared"],
        ["--loss", "bregman"],
        ["--loss", "bregman", "--generator", "itakura_saito"],
        ["--loss", "kl"],
    ],
)
def test_derive_prints_the_mixture_mean(capsys, argv):
    assert main(["derive", *argv, "--family", "normal", "--states", "3"]) == 0
    text = capsys.readouterr().out
    assert "s^* = mu_1*p_1 + mu_2*p_2 + mu_3*p_3" in text
    out = run_json(capsys, "derive", *argv, "--states", "3", "--json")
    assert sp.simplify(sp.sympify(out["estimator"]) - mixture_mean_expr(3)) == 0
    assert out["derivation"]["steps"] and all(
        "justification" in s for s in out["derivation"]["steps"]
    )
    # the level set and covering radius of N(mu, sigma^2) as formulas
    r = sp.sympify(out["covering_radius"], locals={"delta": sp.Symbol("delta", positive=True)})
    assert r.free_symbols >= {sp.Symbol("delta", positive=True)}


def test_derive_latex_and_quantile(capsys):
    assert main(["derive", "--loss", "pinball", "--tau", "0.9", "--latex"]) == 0
    latex = capsys.readouterr().out
    assert r"\begin{align*}" in latex and r"\frac{9}{10}" in latex
    out = run_json(capsys, "derive", "--loss", "absolute", "--json")
    assert out["estimator"] is None and "F_1(s)" in out["condition"]


@pytest.mark.parametrize(
    ("argv", "parameter"),
    [
        (["--loss", "nope"], "loss"),
        (["--family", "nope"], "family"),
        (["--states", "0"], "states"),
        (["--dim", "0"], "dim"),
        (["--loss", "cross_entropy", "--dim", "1"], "dim"),
        (["--loss", "pinball", "--tau", "1.0"], "tau"),
        (["--loss", "bregman", "--generator", "cubic"], "generator"),
    ],
)
def test_derive_bad_input_exits_2(capsys, argv, parameter):
    assert main(["derive", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and parameter in err
