"""One Registry (hallbound.registry) and plugins: a family written in Python in ./myfam.py
is usable by every command with ``--plugin myfam``, and through an entry point.

Expected numbers come from SciPy's logistic law, not from the family's own formulas."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import scipy.stats

from hallbound.errors import InputError
from hallbound.registry import Registry, registry
from hallbound.symbolic.families import FAMILIES
from tests.cli_helpers import run_cli as _cli

#: A logistic location family under a new name, in one file, without a register line:
#: --plugin registers the Family subclasses the module defines.
MYFAM = '''
import scipy.stats
import sympy as sp

from hallbound.symbolic.families.base import SymmetricIntervalFamily
from hallbound.symbolic.families.params import Param
from hallbound.symbolic.values import to_float


class {cls}(SymmetricIntervalFamily):
    name = "{name}"
    params = (
        Param("mu", key="mean", kind="location", test=(-5, 5), step=0.25, location=True),
        Param("s", key="scale", lower=0, test=(0.3, 3.0), step=0.1),
    )

    def density(self):
        z = (self.a - self.mu) / self.s
        return sp.exp(-z) / (self.s * (1 + sp.exp(-z)) ** 2)

    def variance(self):
        return sp.pi**2 * self.s**2 / 3

    def fourth_central_moment(self):
        return 7 * sp.pi**4 * self.s**4 / 15

    def scipy(self):
        return scipy.stats.logistic(loc=to_float(self.mu), scale=to_float(self.s))
'''


def _spec(folder: Path, family: str) -> str:
    path = folder / "spec.toml"
    path.write_text(
        f'family = "{family}"\nloss = "squared"\ndelta = 0.05\n'
        '[mean_law]\nkind = "normal"\ncenter = [0.0]\nscale = [3.0]\n'
        "[[state]]\nweight = 0.25\nmean = [1.0]\nscale = 1.0\n"
        "[[state]]\nweight = 0.75\nmean = [5.0]\nscale = 0.5\n"
    )
    return str(path)


@pytest.fixture
def myfam(tmp_path, monkeypatch):
    """./myfam.py in a fresh working directory; unregistered afterwards."""
    (tmp_path / "myfam.py").write_text(MYFAM.format(cls="MyFam", name="myfam"))
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    FAMILIES.pop("myfam", None)
    sys.modules.pop("myfam", None)


def test_without_plugin_the_family_is_unknown(myfam, capsys):
    code, _, err = _cli(capsys, "estimate", _spec(myfam, "myfam"))
    assert code == 2
    assert "unknown family 'myfam'" in err


def test_plugin_family_in_estimate(myfam, capsys):
    code, out, _ = _cli(capsys, "--plugin", "myfam", "estimate", _spec(myfam, "myfam"), "--json")
    assert code == 0
    result = json.loads(out)
    assert result["estimate"] == pytest.approx([0.25 * 1 + 0.75 * 5])
    laws = [scipy.stats.logistic(loc=1.0, scale=1.0), scipy.stats.logistic(loc=5.0, scale=0.5)]
    assert result["densities"] == pytest.approx([law.pdf(4.0) for law in laws], rel=1e-12)


def test_plugin_family_in_rate(myfam, capsys):
    argv = ["--plugin", "myfam", "rate", _spec(myfam, "myfam"), "--n", "2e3", "--json"]
    code, out, _ = _cli(capsys, *argv)
    assert code == 0
    result = json.loads(out)
    assert result["n"] == 2000
    assert 0 <= result["ci"][0] <= result["estimate"] <= result["ci"][1] <= 1


def test_plugin_family_in_derive(myfam, capsys):
    code, out, _ = _cli(capsys, "--plugin", "myfam", "derive", "--family", "myfam", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["family"] == "myfam"
    assert result["covering_radius"]  # a formula in s and delta


def test_plugin_family_in_proptest(myfam, capsys):
    argv = ["--plugin", "myfam", "proptest", "myfam", "--only", "seed", "--examples", "2"]
    code, out, _ = _cli(capsys, *argv)
    assert code == 0, out
    assert "PASS  seed" in out
    assert out.startswith("proptest myfam")


def test_plugin_family_in_families(myfam, capsys):
    code, out, _ = _cli(capsys, "--plugin", "myfam", "families", "--json")
    assert code == 0
    names = [f["name"] for f in json.loads(out)["families"]]
    assert "myfam" in names and "normal" in names


def test_plugin_as_a_file_path(tmp_path, capsys):
    path = tmp_path / "pathfam.py"
    path.write_text(MYFAM.format(cls="PathFam", name="pathfam"))
    try:
        code, out, _ = _cli(capsys, "--plugin", str(path), "families", "--json")
        assert code == 0
        assert "pathfam" in [f["name"] for f in json.loads(out)["families"]]
    finally:
        FAMILIES.pop("pathfam", None)
        sys.modules.pop("pathfam", None)


@pytest.mark.parametrize(
    ("source", "needle"),
    [
        (None, "no module 'nosuchplugin'"),
        ("raise RuntimeError('boom')", "failed on import: RuntimeError: boom"),
        (MYFAM.format(cls="Clash", name="normal"), "'normal' is already registered"),
    ],
    ids=["missing", "raises", "duplicate"],
)
def test_bad_plugin_is_one_line_exit_2(tmp_path, monkeypatch, capsys, source, needle):
    monkeypatch.chdir(tmp_path)
    if source is not None:
        (tmp_path / "nosuchplugin.py").write_text(source)
    try:
        code, out, err = _cli(capsys, "--plugin", "nosuchplugin", "families")
    finally:
        sys.modules.pop("nosuchplugin", None)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("hallbound: error: --plugin")
    assert needle in err
    assert FAMILIES["normal"].__module__.startswith("hallbound.")  # not replaced


def test_entry_point_family(tmp_path, monkeypatch, capsys):
    """A distribution on sys.path whose entry_points.txt names a family in the group
    hallbound.families: every command sees it, without --plugin."""
    (tmp_path / "epfam_mod.py").write_text(MYFAM.format(cls="EpFam", name="epfam"))
    dist = tmp_path / "epfam_dist-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: epfam-dist\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[hallbound.families]\nepfam = epfam_mod:EpFam\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        code, out, _ = _cli(capsys, "families", "--json")
        assert code == 0
        assert "epfam" in [f["name"] for f in json.loads(out)["families"]]
        code, out, _ = _cli(capsys, "estimate", _spec(tmp_path, "epfam"), "--json")
        assert code == 0
        assert json.loads(out)["family"] == "epfam"
    finally:
        FAMILIES.pop("epfam", None)
        sys.modules.pop("epfam_mod", None)


# ----- the Registry contract ------------------------------------------------------------------
class _Thing:
    def __init__(self, name: str) -> None:
        self.name = name


def test_registry_refuses_duplicates_and_accepts_the_same_object_again():
    reg = Registry("widget")
    first = reg.register(_Thing("a"))
    assert reg.register(first) is first  # the same object: a no-op
    with pytest.raises(InputError, match="'a' is already registered"):
        reg.register(_Thing("a"))
    assert reg["a"] is first
    replacement = reg.register(_Thing("a"), replace=True)
    assert reg["a"] is replacement


def test_registry_runs_its_validation_hook_before_adding():
    def only_short(name, obj):
        if len(name) > 3:
            raise ValueError("name longer than 3 characters")

    reg = Registry("widget", validate=only_short)
    with pytest.raises(InputError, match="not a valid widget: name longer"):
        reg.register(_Thing("long"))
    assert "long" not in reg


def test_registry_lookup_suggests_the_nearest_name():
    reg = Registry("widget")
    reg.register(_Thing("gamma"))
    with pytest.raises(InputError, match="did you mean 'gamma'"):
        reg.lookup("gamm")


def test_family_registry_validates_the_class():
    families = registry("families")
    with pytest.raises(InputError, match="not a Family subclass"):
        families.register(_Thing("notafamily"))
    assert "notafamily" not in FAMILIES


def test_registries_share_the_tables_the_code_reads():
    from hallbound.symbolic.losses import LOSSES
    from hallbound.symbolic.mean_laws import KINDS

    assert registry("families").store is FAMILIES
    assert registry("losses").store is LOSSES
    assert registry("mean_laws").store is KINDS
    assert "estimate" in registry("commands")
    assert registry("losses")["l2"] is LOSSES["squared"]  # aliases resolve


def test_plugin_command(tmp_path, monkeypatch, capsys):
    """A plugin may add a command through the command registry."""
    (tmp_path / "hellocmd.py").write_text(
        "import sys\n"
        "from hallbound.registry import registry\n\n\n"
        "def register(subparsers):\n"
        "    p = subparsers.add_parser('hello', help='greet', description='Print a greeting.')\n"
        "    p.add_argument('--name', default='world', help='who to greet')\n"
        "    p.set_defaults(run=lambda args: print(f'hello {args.name}') or 0)\n\n\n"
        "registry('commands').register(sys.modules[__name__], name='hello')\n"
    )
    monkeypatch.chdir(tmp_path)
    try:
        code, out, _ = _cli(capsys, "--plugin", "hellocmd", "hello", "--name", "you")
    finally:
        registry("commands").unregister("hello")
        sys.modules.pop("hellocmd", None)
    assert (code, out) == (0, "hello you\n")
    code, _, err = _cli(capsys, "hello")
    assert code == 2 and "invalid choice: 'hello'" in err


def test_plugin_loss(tmp_path, monkeypatch, capsys):
    """A Loss subclass defined in a plugin is registered and usable in a spec."""
    from hallbound.symbolic.losses import LOSSES

    (tmp_path / "myloss.py").write_text(
        "from hallbound.symbolic.losses import SquaredLoss\n\n\n"
        "class HalfSquared(SquaredLoss):\n"
        "    name = 'half_squared'\n"
    )
    spec = tmp_path / "spec.toml"
    spec.write_text('family = "normal"\nloss = "half_squared"\ndelta = 0.05\n'
                    "[[state]]\nweight = 0.25\nmean = [1.0]\ncov = [[1.0]]\n"
                    "[[state]]\nweight = 0.75\nmean = [5.0]\ncov = [[1.0]]\n")
    monkeypatch.chdir(tmp_path)
    try:
        code, out, _ = _cli(capsys, "--plugin", "myloss", "estimate", str(spec), "--json")
    finally:
        LOSSES.pop("half_squared", None)
        sys.modules.pop("myloss", None)
    assert code == 0
    result = json.loads(out)
    assert result["loss"] == "half_squared"
    assert result["estimate"] == pytest.approx([0.25 * 1 + 0.75 * 5])  # the mixture mean
