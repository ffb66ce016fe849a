"""``hallbound families``: the catalogue agrees with the registries, its examples parse, its
spec keys are the keys the parsers read, and the README's spec table is the catalogue's.
The keys come from the families' ``Param`` declarations, so a family added with ``register``
is listed with its keys and domains."""

import json
from pathlib import Path

import pytest
import sympy as sp

from hallbound import catalogue
from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.spec import parse_spec
from hallbound.symbolic.families import FAMILIES, register
from hallbound.symbolic.families.base import Family
from hallbound.symbolic.families.params import Param
from hallbound.symbolic.losses import LOSSES
from hallbound.symbolic.mean_laws import KINDS

ROOT = Path(__file__).resolve().parents[2]
INFO = {f.name: f for f in catalogue.families()}


def spec_of(name, state):
    return {"family": name, "delta": 0.05, "state": [dict(state), dict(state)]}


def test_every_registered_family_is_listed():
    assert list(INFO) == list(FAMILIES)
    assert [loss.name for loss in catalogue.losses()] == list(LOSSES)
    assert [law["kind"] for law in catalogue.mean_laws()] == list(KINDS)


@pytest.mark.parametrize("name", list(INFO))
def test_example_state_parses_and_keys_are_read(name):
    info = INFO[name]
    spec = parse_spec(spec_of(name, info.example))
    assert spec.mixture.size == 2
    assert set(info.example) - {"weight"} == {k.key for k in info.keys if k.required}
    for key in info.keys:
        if key.required:  # leaving the key out is an error that names it
            state = {k: v for k, v in info.example.items() if k != key.key}
            with pytest.raises(InputError) as err:
                parse_spec(spec_of(name, state))
            assert key.key in err.value.parameter + err.value.problem
        else:  # an optional offset moves the mean by itself
            moved = parse_spec(spec_of(name, {**info.example, key.key: 2}))
            shift = moved.mixture.states[0].mean() - spec.mixture.states[0].mean()
            assert sp.simplify(shift - 2) == 0


@pytest.mark.parametrize("name", list(INFO))
def test_symbols_are_the_ones_derive_prints(name):
    cls = FAMILIES[name]
    member = cls.symbolic(2) if name == "normal" else cls.symbolic()
    values = member.parameters().values()
    names = set()
    for v in values:
        items = v if isinstance(v, tuple | list) else [v]
        for item in items:
            names |= {str(s) for s in sp.sympify(item).free_symbols}
    for key in INFO[name].keys:
        base = key.symbol.split("_")[0]
        assert any(n == key.symbol or n.split("_")[0] == base for n in names), (key, names)


def test_loss_options_are_accepted_options():
    for loss in catalogue.losses():
        assert set(loss.options) == set(LOSSES[loss.name].option_names)


def test_readme_spec_table_is_the_catalogue():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert catalogue.markdown_table() in readme


def test_cli_lists_everything(capsys):
    assert main(["families", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["name"] for f in data["families"]] == list(FAMILIES)
    laplace = next(f for f in data["families"] if f["name"] == "laplace")
    assert {k["key"]: k["symbol"] for k in laplace["keys"]} == {"mean": "mu", "scale": "b"}
    assert main(["families"]) == 0
    text = capsys.readouterr().out
    for name in [*FAMILIES, *LOSSES, *KINDS]:
        assert name in text
    assert "option tau: quantile level in (0, 1), required" in text


class ThrowawayGumbel(Family):
    """Gumbel law, registered only for these tests."""

    name = "throwaway_gumbel"
    params = (
        Param("mu", key="mean", kind="location", test=(-5, 5), step=0.25, location=True),
        Param("beta", key="scale", lower=0, test=(0.5, 1.5), step=0.1),
        Param("shift", key="nudge", default=0, test=(-1, 1), step=0.5),
    )

    def density(self) -> sp.Expr:
        z = (self.a - self.mu - self.shift) / self.beta
        return sp.exp(-(z + sp.exp(-z))) / self.beta


def test_registered_family_is_listed_with_its_keys_and_domains(capsys):
    register(ThrowawayGumbel)
    try:
        assert main(["families", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        entry = next(f for f in data["families"] if f["name"] == "throwaway_gumbel")
        assert [(k["key"], k["symbol"], k["domain"], k["required"]) for k in entry["keys"]] == [
            ("mean", "mu", "[m], m real", True),
            ("scale", "beta", "beta > 0", True),
            ("nudge", "shift", "real, default 0", False),
        ]
        assert entry["dims"] == "d = 1"
        assert entry["summary"] == "Gumbel law, registered only for these tests."
        assert "beta" in entry["density"] and "exp" in entry["density"]
        # the generic example: the middles of the test ranges, required keys only; it parses
        assert entry["example"] == {"weight": 0.5, "mean": [0.0], "scale": 1.0}
        spec = parse_spec(spec_of("throwaway_gumbel", entry["example"]))
        assert spec.mixture.states[0].beta == 1
        assert main(["families"]) == 0
        text = capsys.readouterr().out
        assert "throwaway_gumbel: Gumbel law" in text
        assert "scale       -> beta     beta > 0" in text
    finally:
        FAMILIES.pop(ThrowawayGumbel.name, None)
    assert main(["families", "--json"]) == 0
    names = [f["name"] for f in json.loads(capsys.readouterr().out)["families"]]
    assert "throwaway_gumbel" not in names


@pytest.mark.parametrize("name", list(FAMILIES))
def test_generic_texts_work_for_every_builtin(name):
    """The fallback a registered family gets, tried on every built-in: its example parses
    and names exactly the required keys."""
    text = catalogue.generic_text(FAMILIES[name])
    spec = parse_spec(spec_of(name, text.example))
    assert spec.mixture.size == 2
    assert set(text.example) - {"weight"} == {k.key for k in INFO[name].keys if k.required}
    assert text.summary and text.density


@pytest.mark.parametrize(
    ("param", "vector", "expected"),
    [
        (Param("n", kind="integer", lower=1, closed=True), False, "integer n >= 1"),
        (Param("k", kind="integer", lower=0), False, "integer k > 0"),
        (Param("p", lower=0, upper=1, closed=True), False, "p in [0, 1]"),
        (Param("q", lower=0, upper=1), False, "q in (0, 1)"),
        (Param("b", lower=0), False, "b > 0"),
        (Param("t", upper=3, closed=True), False, "t <= 3"),
        (Param("c", default=0), False, "real, default 0"),
        (Param("x"), False, "real"),
        (Param("mu", kind="location"), False, "[m], m real"),
        (Param("mu", kind="location"), True, "real vector of length d"),
        (Param("S", kind="covariance"), True, "symmetric positive-definite d x d matrix"),
        (Param("th", kind="probabilities"), False, "list of n >= 1 values in [0, 1]"),
        (Param("pi", kind="simplex"), True, "list of C >= 2 values in [0, 1] summing to 1"),
    ],
)
def test_param_describe(param, vector, expected):
    assert param.describe(vector) == expected


def test_param_example_is_inside_the_domain():
    assert Param("b", lower=0, test=(0.2, 3), step=0.1).example() == 1.6
    assert Param("n", kind="integer", lower=1, closed=True, test=(1, 10)).example() == 6
    assert Param("mu", kind="location", test=(-5, 5)).example(3) == [0.0, 0.0, 0.0]
    assert Param("S", kind="covariance").example(2) == [[1.0, 0.0], [0.0, 1.0]]
    assert Param("pi", kind="simplex").example(4) == [0.25] * 4
    assert Param("th", kind="probabilities", test=(0.1, 0.5), size=(2, 5)).example() == [0.3] * 2
    assert Param("b", lower=0).example() == 1.0  # no test range: inside (0, inf)
