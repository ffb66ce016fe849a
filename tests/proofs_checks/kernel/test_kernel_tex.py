"""``hallbound tex --coq DIR``: the verdict tables carry each step's Coq kernel result."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hallbound.cli import main
from hallbound.paper_tex.claims_tex import claim_fragments

HAS_COQ = shutil.which("coqc") is not None and shutil.which("coqtop") is not None


def test_claim_fragments_with_coq_mark_each_exported_step(tmp_path: Path) -> None:
    files, _ = claim_fragments(["Lemma B.3"], coq=str(tmp_path / "coq"))
    table = next(text for name, text in files.items() if "lemma-b-3" in name.lower())
    want = "Coq kernel: checked (given Chebyshev" if HAS_COQ else "Coq kernel: not run"
    assert want in table
    assert (tmp_path / "coq" / "Lemma_B_3.v").is_file()
    plain, _ = claim_fragments(["Lemma B.3"])
    assert "Coq kernel" not in "".join(plain.values())


def test_tex_coq_refuses_a_folder_inside_out_and_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "o"
    assert main(["tex", "--out", str(out), "--coq", str(out / "coq"), "Lemma B.3"]) == 2
    assert "--coq" in capsys.readouterr().err
    (tmp_path / "f").write_text("x")
    assert main(["tex", "--out", str(out), "--coq", str(tmp_path / "f"), "Lemma B.3"]) == 2
    assert "--coq: " in capsys.readouterr().err and not out.exists()
