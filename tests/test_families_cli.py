"""``hallbound families``: the catalogue agrees with the registries, its examples parse, its
spec keys are the keys the parsers read, and the README's spec table is the catalogue's."""

import json
from pathlib import Path

import pytest
import sympy as sp

from hallbound import catalogue
from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.spec import parse_spec
from hallbound.symbolic.families import FAMILIES
from hallbound.symbolic.losses import LOSSES
from hallbound.symbolic.mean_laws import KINDS

ROOT = Path(__file__).resolve().parents[1]
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
