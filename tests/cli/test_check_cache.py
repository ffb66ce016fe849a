"""``hallbound check``'s result cache: an unchanged run is answered from it, and anything
that may change a verdict (a setting, the checker's source or libraries, ``--no-cache``, a
plugin, a step stopped by its budget) is checked afresh."""

from __future__ import annotations

import json

import pytest

from hallbound import registry, verify_filecache
from hallbound.cli import main
from hallbound.commands import check as check_cmd
from hallbound.proofs_checks.engine import checker

CLAIM = "Lemma B.1"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv(check_cmd.CACHE_ENV, str(where))
    return where


def _forbid_checking(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("check_claim was called: the run was not answered from the cache")

    monkeypatch.setattr(checker, "check_claim", refuse)


def _stored(where) -> list:
    return sorted(where.rglob("*.json")) if where.exists() else []


def test_unchanged_run_is_answered_from_the_cache(cache_dir, tmp_path, capsys, monkeypatch):
    first = tmp_path / "first.json"
    assert main(["check", CLAIM, "--json", str(first), "--quiet"]) == 0
    out1 = capsys.readouterr().out
    assert "PROVED" in out1 and len(_stored(cache_dir)) == 1
    _forbid_checking(monkeypatch)
    second = tmp_path / "second.json"
    assert main(["check", CLAIM, "--json", str(second)]) == 0
    captured = capsys.readouterr()
    assert captured.out == out1
    assert "stored result" in captured.err
    assert json.loads(second.read_text()) == json.loads(first.read_text())


@pytest.mark.parametrize(
    "changed", [["--trials", "50"], ["--seed", "7"], ["--verbose"], ["--no-cache"]]
)
def test_a_changed_setting_checks_afresh(cache_dir, capsys, monkeypatch, changed):
    assert main(["check", CLAIM, "--quiet"]) == 0
    capsys.readouterr()
    _forbid_checking(monkeypatch)
    with pytest.raises(AssertionError, match="not answered from the cache"):
        main(["check", CLAIM, "--quiet", *changed])


def test_a_changed_checker_checks_afresh(cache_dir, capsys, monkeypatch):
    assert main(["check", CLAIM, "--quiet"]) == 0
    monkeypatch.setattr(verify_filecache, "_VERSION", "another checker")
    _forbid_checking(monkeypatch)
    with pytest.raises(AssertionError, match="not answered from the cache"):
        main(["check", CLAIM, "--quiet"])


def test_library_versions_enter_the_checker_version():
    versions = verify_filecache.library_versions()
    assert any(v.startswith("sympy==") and not v.endswith("absent") for v in versions)
    assert versions[0].startswith("python==")


def test_off_and_plugins_store_nothing(cache_dir, capsys, monkeypatch):
    monkeypatch.setattr(registry, "EXTERNAL", ["plugin:mymod"])
    assert main(["check", CLAIM, "--quiet"]) == 0
    assert _stored(cache_dir) == []
    monkeypatch.setattr(registry, "EXTERNAL", [])
    monkeypatch.setenv(check_cmd.CACHE_ENV, "off")
    assert main(["check", CLAIM, "--quiet"]) == 0
    assert _stored(cache_dir) == []


def test_a_run_stopped_by_a_budget_is_not_stored(cache_dir, capsys, monkeypatch):
    monkeypatch.setattr(check_cmd, "hit_budget", lambda *texts: True)
    assert main(["check", CLAIM, "--quiet"]) == 0
    assert _stored(cache_dir) == []


def test_strict_exit_status_is_kept(cache_dir, capsys, monkeypatch):
    argv = ["check", "Theorem 5.1", "--strict", "--trials", "50", "--quiet"]
    assert main(argv) == 1
    _forbid_checking(monkeypatch)
    assert main(argv) == 1
