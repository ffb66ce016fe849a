"""``hallbound check``: exit codes, the table, and the JSON schema."""

from __future__ import annotations

import json

import pytest

from hallbound.cli import main

REQUIRED = {"claim", "step", "relation", "verdict", "method"}
VERDICTS = {"PROVED", "CERTIFIED", "SUPPORTED", "ASSUMED", "REFUTED", "UNDECIDED"}
CLAIM_KEYS = {"claim", "paper", "source", "verdict", "chain_closed", "assumed", "lemmas"}


def test_lemma_b1_json(tmp_path, capsys) -> None:
    out = tmp_path / "b1.json"
    assert main(["check", "Lemma B.1", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Lemma B.1" in text and "PROVED" in text
    doc = json.loads(out.read_text())
    records = doc["steps"]
    assert isinstance(records, list) and len(records) >= 4
    for rec in records:
        assert REQUIRED <= set(rec) and rec["claim"] == "Lemma B.1"
        assert rec["verdict"] == "PROVED" and rec["assumed"] == []
    (claim,) = doc["claims"]
    assert CLAIM_KEYS <= set(claim)
    assert claim["verdict"] == "PROVED" and claim["chain_closed"] is True
    assert isinstance(doc["lemmas"], list)
    assert main(["check", "Lemma B.1", "--strict"]) == 0


def test_refuted_json_schema_and_strict(tmp_path) -> None:
    out = tmp_path / "t51.json"
    assert main(["check", "Theorem 5.1", "--json", str(out), "--trials", "50"]) == 0
    doc = json.loads(out.read_text())
    records = doc["steps"]
    names = {r["claim"] for r in records}
    assert names == {"Theorem 5.1", "Theorem 5.1 (corrected)"}
    refuted = [r for r in records if r["verdict"] == "REFUTED"]
    assert refuted
    for rec in records:
        assert REQUIRED <= set(rec) and rec["verdict"] in VERDICTS
    for rec in refuted:
        assert isinstance(rec["witness"], dict) and "delta" in rec["witness"]
        assert isinstance(rec["lhs"], float) and isinstance(rec["rhs"], float)
    for rec in records:
        assert (rec["verdict"] == "ASSUMED") == bool(rec["assumed"])
    assert {c["claim"] for c in doc["claims"]} == names
    assert all(CLAIM_KEYS <= set(c) for c in doc["claims"])
    assert main(["check", "Theorem 5.1", "--strict", "--trials", "50"]) == 1


def test_unknown_claim_exits_2(capsys) -> None:
    assert main(["check", "Theorem 99"]) == 2
    assert "CLAIM" in capsys.readouterr().err


def test_list(capsys) -> None:
    assert main(["check", "--list"]) == 0
    assert "Theorem 6.1 (corrected)" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--trials", "0"], ["--seed", "-1"]])
def test_bad_options(args, capsys) -> None:
    assert main(["check", "Lemma B.1", *args]) == 2
