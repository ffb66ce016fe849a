"""``hallbound export --coq``: files, report, JSON; with and without coqc."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from hallbound.cli import main
from hallbound.proofs_checks.kernel import run as kernel_run


def test_export_without_coqc_writes_the_files_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(kernel_run, "coq_available", lambda: False)
    out = tmp_path / "json"
    argv = ["export", "--coq", str(tmp_path / "coq"), "Lemma B.1", "--trials", "20",
            "--json", str(out), "--quiet"]
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].startswith("coqc is missing: wrote the Coq files")
    assert "Lemma step_B_2b" in (tmp_path / "coq" / "Lemma_B_1.v").read_text()
    data = json.loads(out.read_text())
    assert data["coqc"] == "missing"
    kernel = {s["step"]: s["kernel"] for s in data["steps"]}
    assert kernel["B.2b"] == "not run (coqc missing)"
    assert kernel["B.2a"].startswith("not exportable (Derivative")


@pytest.mark.skipif(shutil.which("coqc") is None, reason="coqc not installed")
def test_export_with_coqc_checks_the_steps(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "json"
    argv = ["export", "--coq", str(tmp_path), "Lemma B.1", "--trials", "20", "--json", str(out),
            "--quiet", "--timeout", "5", "--mutants"]
    assert main(argv) == 0
    data = json.loads(out.read_text())
    kernel = {s["step"]: s["status"] for s in data["steps"]}
    assert kernel["B.2b"] == "checked"
    mutants = data["mutants"]  # one per exportable step: Coq rejects every one
    exportable = [s for s in data["steps"] if s["status"] != "not exportable"]
    assert mutants["exported"] == len(exportable) >= 2
    assert mutants["rejected"] == mutants["exported"] and mutants["accepted"] == []
    assert data["claims"][0]["accepted"] is True and (tmp_path / "Lemma_B_1.vo").exists()
    assert "bad-estimations: " in capsys.readouterr().out


@pytest.mark.parametrize("flag", ["--timeout", "--jobs", "--trials"])
def test_export_refuses_non_positive_counts(tmp_path: Path, flag: str,
                                            capsys: pytest.CaptureFixture) -> None:
    assert main(["export", "--coq", str(tmp_path), flag, "0"]) == 2
    assert f"{flag}: must be >= 1" in capsys.readouterr().err
