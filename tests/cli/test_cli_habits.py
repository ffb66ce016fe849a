"""CLI habits a new user expects (issue 12): one-line errors, ``--version``, umask-respecting
outputs, claim selection in ``tex`` as in ``check``, no deleted build outputs, no silent
``tau`` default, 1-based state numbers, grid values as typed, distinct symbols."""

import csv
import json
import os
import stat
from decimal import Decimal
from importlib.metadata import version
from pathlib import Path

import pytest
import scipy.stats
import sympy as sp

from hallbound.errors import InputError
from tests.cli_helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
TWO = str(ROOT / "examples" / "two_normals.toml")


@pytest.mark.parametrize(
    ("argv", "parameter"),
    [
        (["rate", TWO, "--n", "1.5e0"], "--n"),
        (["derive", "--latex", "--json"], "--json"),
        (["poibin", "--p", "0.5", "--method", "fast"], "--method"),
        (["rate", TWO], "the following arguments are required"),
        ([], "the following arguments are required"),
        (["frobnicate"], "COMMAND"),
    ],
)
def test_argparse_errors_are_one_line_exit_2(capsys, argv, parameter):
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("hallbound: error: ")
    assert parameter in lines[0]
    assert "usage:" not in err


def test_help_still_prints_usage(capsys):
    code, out, _ = run_cli(capsys, "rate", "--help")
    assert code == 0
    assert out.startswith("usage: hallbound rate")


def test_version(capsys):
    code, out, _ = run_cli(capsys, "--version")
    assert code == 0
    assert out.strip() == f"hallbound {version('hallbound')}"


@pytest.fixture
def umask():
    """Set a umask for one test and restore the old one afterwards."""
    old = os.umask(0o022)
    yield lambda mask: os.umask(mask)
    os.umask(old)


@pytest.mark.parametrize(
    ("mask", "file_mode", "dir_mode"),
    [(0o022, 0o644, 0o755), (0o077, 0o600, 0o700), (0o002, 0o664, 0o775)],
)
def test_outputs_respect_umask(tmp_path, umask, mask, file_mode, dir_mode):
    from hallbound.io import atomic_directory, atomic_write_bytes, atomic_write_text

    umask(mask)
    text = atomic_write_text(tmp_path / "a.txt", "x")
    data = atomic_write_bytes(tmp_path / "b.bin", b"x")
    with atomic_directory(tmp_path / "d") as folder:
        (folder / "inner.txt").write_text("y")
    # what a plain open()/mkdir() gives under the same umask
    plain_file = tmp_path / "plain.txt"
    plain_file.write_text("z")
    plain_dir = tmp_path / "plain_dir"
    plain_dir.mkdir()
    assert stat.S_IMODE(plain_file.stat().st_mode) == file_mode
    assert stat.S_IMODE(plain_dir.stat().st_mode) == dir_mode
    assert stat.S_IMODE(text.stat().st_mode) == file_mode
    assert stat.S_IMODE(data.stat().st_mode) == file_mode
    assert stat.S_IMODE((tmp_path / "d").stat().st_mode) == dir_mode


def test_sweep_csv_is_world_readable_under_umask_022(tmp_path, umask, capsys):
    umask(0o022)
    out = tmp_path / "grid.csv"
    code, _, err = run_cli(
        capsys, "sweep", TWO, "--out", str(out), "--delta", "0.01:0.1:10", "--no-parquet"
    )
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    with out.open(newline="") as fh:
        deltas = [row["delta"] for row in csv.DictReader(fh)]
    # as typed: 0.01, 0.02, ..., 0.1 in decimal (no 0.020000000000000004)
    expected = [str(Decimal("0.01") * k).rstrip("0") for k in range(1, 11)]
    assert deltas == expected


def test_decimal_ranges_hold_the_decimal_values():
    from hallbound.numeric.sweep import parse_values

    values = parse_values(["0.01:0.1:10", "1e-3:2e-3:3", "0.3"], "delta")
    typed = ["0.01", "0.02", "0.03", "0.04", "0.05", "0.06", "0.07", "0.08", "0.09", "0.1"]
    typed += ["0.001", "0.0015", "0.002", "0.3"]
    assert [repr(v) for v in values] == typed


def test_tex_selects_claims_as_check_does():
    from hallbound.paper_tex.claims_tex import select_claims
    from hallbound.proofs_checks.claims import registry

    for want in (["Theorem 5.1"], ["theorem-5-1"], ["Lemma"], ["Theorem 6.1", "Lemma B.1"]):
        chosen = [c.name for c in select_claims(want)]
        by_check = [
            c.name for c in registry.find([w.replace("theorem-5-1", "Theorem 5.1") for w in want])
        ]
        assert chosen == by_check
    names = [c.name for c in select_claims(["Theorem 5.1"])]
    corrected = [c.name for c in registry.all_claims() if c.corrects == "Theorem 5.1"]
    assert corrected and set(corrected) <= set(names)
    with pytest.raises(InputError) as info:
        select_claims(["No such claim"])
    assert info.value.parameter == "CLAIM"


def test_tex_keeps_build_outputs_it_did_not_write(tmp_path):
    from hallbound.paper_tex.document import TexOptions, generate

    out = tmp_path / "gen"
    generate(out, TexOptions(sections=()))
    assert (out / "main.tex").is_file()
    (out / "main.pdf").write_bytes(b"%PDF-1.5 built by latexmk")
    (out / "build").mkdir()
    (out / "build" / "main.log").write_text("log")
    (out / "macros.tex").write_text("% edited: ours, so regenerated")
    generate(out, TexOptions(sections=()))
    assert (out / "main.pdf").read_bytes() == b"%PDF-1.5 built by latexmk"
    assert (out / "build" / "main.log").read_text() == "log"
    assert "edited" not in (out / "macros.tex").read_text()
    manifest = (out / "MANIFEST.sha256").read_text()
    assert "main.pdf" not in manifest


def test_pinball_without_tau_is_an_error(tmp_path, capsys):
    from hallbound.symbolic.losses import make_loss

    with pytest.raises(InputError) as info:
        make_loss("pinball")
    assert info.value.parameter == "tau"
    assert float(make_loss("pinball", tau=0.9).tau) == 0.9
    assert float(make_loss("absolute").tau) == 0.5  # the median needs no option
    code, _, err = run_cli(capsys, "derive", "--loss", "pinball")
    assert code == 2 and err.startswith("hallbound: error: tau:")
    spec = Path(TWO).read_text().replace('loss = "squared"', 'loss = "pinball"')
    path = tmp_path / "pinball.toml"
    path.write_text(spec)
    code, _, err = run_cli(capsys, "estimate", str(path))
    assert code == 2 and err.startswith("hallbound: error: tau:")


def test_estimate_json_state_numbers_are_one_based(capsys):
    code, out, _ = run_cli(capsys, "estimate", TWO, "--json")
    assert code == 0
    result = json.loads(out)
    a = result["estimate"][0]
    # independent: SciPy's normal densities of the two states at the estimate
    dens = [scipy.stats.norm(1, 1).pdf(a), scipy.stats.norm(5, 1).pdf(a)]
    assert result["argmax_state"] == 1 + max(range(2), key=dens.__getitem__) == 2
    code, text, _ = run_cli(capsys, "estimate", TWO)
    assert f"(state {result['argmax_state']})" in text


def test_spec_errors_number_states_from_one():
    from hallbound.spec import parse_spec

    data = {
        "family": "normal",
        "delta": 0.1,
        "state": [{"weight": 0.5, "mean": [0.0], "cov": [[1.0]]}, {"mean": [1.0]}],
    }
    with pytest.raises(InputError) as info:
        parse_spec(data)
    assert info.value.parameter == "state[2].weight"


def test_coin_probabilities_and_weights_have_distinct_symbols():
    from hallbound.symbolic.losses import symbolic_mixture

    mixture = symbolic_mixture("poisson_binomial", 2, None)
    weights = set().union(*(sp.sympify(w).free_symbols for w in mixture.weights))
    coins = set().union(*(sp.sympify(p).free_symbols for s in mixture.states for p in s.probs))
    assert weights and coins
    assert not {str(s) for s in weights} & {str(s) for s in coins}


def test_derive_kl_poisson_binomial_names_differ(capsys):
    code, out, _ = run_cli(
        capsys, "derive", "--loss", "kl", "--family", "poisson_binomial", "--json"
    )
    assert code == 0
    payload = json.loads(out)
    weights = {str(s) for s in sp.sympify(payload["estimator"]).free_symbols if "p" in str(s)}
    density = {str(s) for s in sp.sympify(payload["covering_radius"]).free_symbols}
    assert weights == {"p_1", "p_2"}
    assert not weights & density


def test_weight_errors_number_states_from_one():
    from hallbound.symbolic.families import Laplace
    from hallbound.symbolic.mixture import LatentMixture

    with pytest.raises(InputError) as info:
        LatentMixture([1.0, 0.0], [Laplace(0, 1), Laplace(1, 1)])
    assert info.value.parameter == "weight[2]"  # the second state's weight
