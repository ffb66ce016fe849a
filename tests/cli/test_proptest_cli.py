"""``hallbound proptest``: example specs pass, bad or malicious specs exit 2 with one line and
execute nothing; a family with a planted bug fails with a counterexample (exit 1)."""

import textwrap

import pytest
import sympy as sp

from hallbound.cli import main
from hallbound.errors import InputError
from hallbound.testing.user_family import load_user_family


def write(tmp_path, body, name="spec.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body))
    return str(path)


GOOD = """
name = "logistic"
density = "exp(-(a - mu)/s) / (s * (1 + exp(-(a - mu)/s))**2)"
[parameters.s]
domain = [0.0, inf]
test = [0.5, 2.0]
"""


def test_example_logistic_spec_passes(capsys):
    code = main(["proptest", "examples/logistic.toml", "--examples", "1"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert out.count("PASS") == 6


def test_example_gumbel_spec_passes_core_properties(capsys):
    args = ["proptest", "examples/gumbel.toml", "--examples", "1"]
    for prop in ("covering", "predicate", "optimal"):
        args += ["--only", prop]
    code = main(args)
    out = capsys.readouterr().out
    assert code == 0, out


def test_gumbel_quantities_match_scipy():
    import scipy.stats

    cls = load_user_family("examples/gumbel.toml")
    member = cls.from_spec({"mean": [1.0], "sigma": 1.5})
    ref = scipy.stats.gumbel_r(loc=1.0 - 1.5 * float(sp.EulerGamma), scale=1.5)
    assert float(member.variance()) == pytest.approx(ref.var(), rel=1e-12)
    assert member.pdf(0.3) == pytest.approx(ref.pdf(0.3), rel=1e-12)
    kurt = float(member.fourth_central_moment()) / float(member.variance()) ** 2 - 3
    assert kurt == pytest.approx(2.4, rel=1e-10)


def test_logistic_level_set_matches_the_hand_solution():
    # s = 1, delta = 1/10: u/(1+u)^2 = 1/10 with u = e^{-t}: u = 4 -+ sqrt 15, t = +-ln(4+sqrt 15)
    cls = load_user_family("examples/logistic.toml")
    member = cls.from_spec({"mean": [0.0], "s": 1.0})
    r = member.covering_radius(sp.Rational(1, 10))
    assert abs(sp.N(r - sp.log(4 + sp.sqrt(15)), 40)) < 1e-25


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (
            GOOD.replace("exp(-(a - mu)/s)", "__import__('os').system('touch PWNED')", 1),
            "density: forbidden",
        ),
        (GOOD.replace("(a - mu)/s", "(a - mu)/q", 1), "unknown symbol 'q'"),
        (GOOD.replace("/ (s *", "/ (2 * s *"), "integrates to 0.5"),
        (
            GOOD.replace("exp(-(a - mu)/s) /", "(exp(-(a - mu)/s) - 0.3 * exp(-(a-mu)**2)) /"),
            "density",
        ),
        ("name = 'x'\ndensity = 'exp(-abs(a - mu)) / 2' \n[parameters\n", "malformed TOML"),
        ("extra = 1\n" + GOOD, "unknown key 'extra'"),
        (GOOD.replace('name = "logistic"', 'name = "../../etc"'), "name"),
        (GOOD.replace("[parameters.s]", "[parameters.exp]").replace("/s", "/exp"), "reserved"),
        (GOOD.replace("domain = [0.0, inf]", "domain = [0.0]"), "domain"),
        ("name = 'neg'\ndensity = '(a - mu) * exp(-(a - mu)**2 / 2) / sqrt(2*pi)'\n", "negative"),
        ("name = 'loc'\ndensity = 'exp(-a**2/2) / sqrt(2*pi) + 0*mu'\n", "location family"),
    ],
)
def test_bad_specs_exit_2_with_one_line(tmp_path, capsys, monkeypatch, body, needle):
    monkeypatch.chdir(tmp_path)
    path = write(tmp_path, body)
    code = main(["proptest", path])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("hallbound: error:")
    assert needle in err
    assert not (tmp_path / "PWNED").exists()


def test_missing_file_and_unknown_family_exit_2(capsys):
    assert main(["proptest", "no/such/file.toml"]) == 2
    assert main(["proptest", "no_such_family"]) == 2


def test_a_planted_bug_is_found():
    """A family whose covering radius is 10% too small fails 'covering'; the true one passes."""
    cls = load_user_family("examples/logistic.toml")

    class Shrunk(cls):
        def covering_radius(self, delta):
            return super().covering_radius(delta) * sp.Rational(9, 10)

    from hallbound.testing.properties import PropertyFailure, check_covering

    member = Shrunk.from_spec({"mean": [0.0], "s": 1.0})
    with pytest.raises(PropertyFailure, match="r="):
        check_covering(member, 0.1, [[1.0], [-1.0]])
    check_covering(cls.from_spec({"mean": [0.0], "s": 1.0}), 0.1, [[1.0], [-1.0]])


def test_python_family_opt_in(capsys):
    code = main(
        [
            "proptest",
            "--python",
            "hallbound.symbolic.families:Uniform",
            "--examples",
            "2",
            "--only",
            "covering",
            "--only",
            "predicate",
        ]
    )
    assert code == 0
    with pytest.raises(InputError):
        from hallbound.commands.proptest import _python_family

        _python_family("json:JSONDecoder")
