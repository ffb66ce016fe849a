"""A user's claim module registers a Claim; ``check --plugin mymod "My claim"`` and ``tex``
report it labelled as the user's claim, never as a paper's, and outside the papers' counts.

The expected verdicts come from the mathematics: x**2 >= 0 holds on [-3, 3]; x <= 1 fails on
[0, 10] (every x in (1, 10] is a counterexample)."""

from __future__ import annotations

import json
import sys

import pytest

from hallbound.registry import registry
from tests.cli_helpers import run_cli as _cli

MYMOD = '''
import sympy as sp

from hallbound.proofs_checks import Claim, Param, Step
from hallbound.registry import registry


x = sp.Symbol("x", real=True)
ZERO, ONE = sp.Integer(0), sp.Integer(1)
registry("claims").register(Claim(
    "My claim", "x**2 >= 0", [Param("x", x, lo=-3, hi=3)],
    [Step("square", x**2, ">=", ZERO, "a square is not negative")],
    conclusion=[(x**2, ">=", ZERO)],
))
registry("claims").register(Claim(
    "My false claim", "x <= 1", [Param("x", x, lo=0, hi=10)],
    [Step("bound", x, "<=", ONE, "wrongly assumed")],
    conclusion=[(x, "<=", ONE)],
))
'''


@pytest.fixture
def mymod(tmp_path, monkeypatch):
    """./mymod.py in a fresh working directory; its claims unregistered afterwards."""
    (tmp_path / "mymod.py").write_text(MYMOD)
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    for name in ("My claim", "My false claim"):
        registry("claims").unregister(name)
    sys.modules.pop("mymod", None)


def test_without_the_plugin_the_claim_is_unknown(mymod, capsys):
    code, _, err = _cli(capsys, "check", "My claim")
    assert code == 2 and "no claim named 'My claim'" in err


def test_check_reports_the_plugin_claim_as_the_users(mymod, capsys):
    code, out, _ = _cli(capsys, "--plugin", "mymod", "check", "My claim", "--trials", "20")
    assert code == 0
    assert "My claim  [your claim]" in out
    assert "verdict: PROVED" in out or "verdict: CERTIFIED" in out
    assert "bad-estimations" not in out  # not counted among, nor shown as, a paper's results


def test_check_json_labels_and_does_not_settle_user_claims(mymod, capsys):
    argv = ["--plugin", "mymod", "check", "My", "--trials", "20", "--json", "-"]
    code, out, _ = _cli(capsys, *argv)
    assert code == 0
    result = json.loads(out)
    claims = {c["claim"]: c for c in result["claims"]}
    assert set(claims) == {"My claim", "My false claim"}
    assert {c["label"] for c in claims.values()} == {"your claim"}
    assert claims["My false claim"]["verdict"] == "REFUTED"
    witness = next(s["witness"] for s in result["steps"] if s["claim"] == "My false claim")
    assert 1 < float(witness["x"]) <= 10
    assert result["settled"] == {}


def test_a_plugin_claim_may_not_take_a_papers_name(tmp_path, monkeypatch, capsys):
    (tmp_path / "clash.py").write_text(
        MYMOD.replace('"My claim"', '"Theorem 5.1"').replace('"My false claim"', '"Mine"')
    )
    monkeypatch.chdir(tmp_path)
    try:
        code, out, err = _cli(capsys, "--plugin", "clash", "check", "Mine")
    finally:
        for name in ("Theorem 5.1", "Mine"):
            registry("claims").unregister(name)
        sys.modules.pop("clash", None)
    assert code == 2 and out == ""
    assert "'Theorem 5.1' is a paper's claim" in err


def test_tex_selects_the_plugin_claim_and_titles_it_as_the_users(mymod):
    from hallbound.paper_tex.claims_tex import claim_title, select_claims
    from hallbound.registry import load_plugin

    load_plugin("mymod")
    (claim,) = select_claims(["my-claim"])  # by slug, as tex's CLAIM arguments
    assert claim.name == "My claim"
    assert claim_title(claim) == "My claim (your claim)"
    paper = next(c for c in select_claims(["Theorem 5.1"]) if c.source == "paper")
    assert claim_title(paper) == "Theorem 5.1 (as stated)"
