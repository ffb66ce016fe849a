r"""Stated independence is drawn as what it says, no more (red team F5): ``X, Y \text{
independent}`` allows ``Z`` to depend on ``X`` and ``Y`` jointly, and three pairwise
statements allow the xor law. The laws :mod:`.linear_laws` draws are re-checked here
exactly, with code of the test's own, against every statement; steps that independence does
not give are not SUPPORTED, its true consequences are never REFUTED."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest

from hallbound.proofs_checks.latex.models.linear_laws import direct, linear_law, rank_mod
from hallbound.proofs_checks.latex.verify import verify_tex

H = r"\newcommand{\bbH}{\mathbb{H}}\newcommand{\bbI}{\mathbb{I}}" + "\n"
PAIRWISE = (r"X, Y \text{ independent}", r"Y, Z \text{ independent}",
            r"X, Z \text{ independent}")


def _verdicts(body: str, *assume: str, seed: int = 0) -> list[str]:
    text = H + "".join(f"% hb: assume {a}\n" for a in assume)
    text += "\\begin{align*}\n" + body + "\n\\end{align*}\n"
    return [s.verdict for c in verify_tex(text, seed=seed, trials=60).environments
            for s in c.steps]


def _law_of(dist: dict, names: tuple, keep: tuple) -> dict:
    out: dict = {}
    for outcome, p in dist.items():
        point = dict(zip(names, outcome, strict=True))
        key = tuple(point[n] for n in keep)
        out[key] = out.get(key, Fraction(0)) + p
    return out


def _independent(dist: dict, names: tuple, groups: list[tuple]) -> bool:
    """Exactly: P(G_1 = a_1, ..., G_k = a_k) = prod P(G_i = a_i) at every point."""
    joint = _law_of(dist, names, tuple(n for g in groups for n in g))
    parts = [_law_of(dist, names, g) for g in groups]
    for combo in itertools.product(*(list(p.items()) for p in parts)):
        key = tuple(v for value, _ in combo for v in value)
        prod = Fraction(1)
        for _, p in combo:
            prod *= p
        if joint.get(key, Fraction(0)) != prod:
            return False
    return True


# -- the red team's reproductions -----------------------------------------------------------


@pytest.mark.parametrize("body", [r"\bbI[X : Y | Z] &= 0", r"I(X;Y|Z) &= 0"])
def test_independence_does_not_give_conditional_independence(body: str) -> None:
    # X, Y fair bits and Z = X xor Y: I(X; Y | Z) = log 2
    for seed in (0, 1, 2):
        assert "SUPPORTED" not in _verdicts(body, r"X, Y \text{ independent}", seed=seed)


def test_conditional_independence_refuted_with_a_collider() -> None:
    assert _verdicts(r"\bbI[X : Y | Z] &= 0", r"X, Y \text{ independent}") == ["REFUTED"]


@pytest.mark.parametrize("body", [
    r"\bbH[X, Y, Z] &= \bbH[X] + \bbH[Y] + \bbH[Z]",
    r"\mathbb{E}[XYZ] &= \mathbb{E}[X]\mathbb{E}[Y]\mathbb{E}[Z]",
])
def test_pairwise_is_not_mutual(body: str) -> None:
    for seed in (0, 1):
        assert _verdicts(body, *PAIRWISE, seed=seed) == ["REFUTED"]


# -- true consequences stay supported ------------------------------------------------------


@pytest.mark.parametrize("body", [
    r"I(X;Y) &= 0",
    r"H(X|Y) + H(Y) &= H(X) + H(Y)",
    r"\bbH[X, Y] &= \bbH[X] + \bbH[Y]",
    r"\bbH[X | Y] &= \bbH[X]",
])
def test_true_consequences_of_independence(body: str) -> None:
    assert _verdicts(body, r"X, Y \text{ independent}") == ["SUPPORTED"]


@pytest.mark.parametrize("body", [
    r"\bbH[X, Y, Z] &= \bbH[X] + \bbH[Y] + \bbH[Z]",
    r"\bbI[X : Y | Z] &= 0",
    r"\mathbb{E}[XYZ] &= \mathbb{E}[X]\mathbb{E}[Y]\mathbb{E}[Z]",
])
def test_mutual_independence_of_three(body: str) -> None:
    assert _verdicts(body, r"X, Y, Z \text{ independent}") == ["SUPPORTED"]


def test_plain_joint_entropy_not_refuted() -> None:
    # H(X,Y) with no conditional H in sight is not read as an entropy (H may be any
    # function): never REFUTED, whatever else
    assert "REFUTED" not in _verdicts(r"H(X,Y) &= H(X) + H(Y)", r"X, Y \text{ independent}")


def test_pairwise_still_gives_pairwise_consequences() -> None:
    assert _verdicts(r"\bbH[X, Z] &= \bbH[X] + \bbH[Z]", *PAIRWISE) == ["SUPPORTED"]


@pytest.mark.parametrize("body", [
    r"\bbH[X, Y, Z] &= \bbH[X] + \bbH[Y]",            # a dropped term
    r"\bbH[X, Y, Z] &\le \bbH[X] + \bbH[Y]",          # the same, as a bound
    r"\bbH[X, Y] &= 2\bbH[X] + \bbH[Y]",              # a wrong constant
])
def test_planted_false_steps_refuted(body: str) -> None:
    assert _verdicts(body, r"X, Y, Z \text{ independent}") == ["REFUTED"]


def test_unread_independence_keeps_the_collider_undecided() -> None:
    # written as functions with Z's law stated nowhere: the failure refutes nothing
    assert _verdicts(r"I(X;Y|Z) &= 0", r"X, Y \text{ independent}") == ["UNDECIDED"]


# -- the laws drawn meet every statement, and reach past the blocks ---------------------------


def test_rank_mod_against_brute_force() -> None:
    rng = random.Random(5)
    for _ in range(200):
        p = rng.choice((2, 3))
        rows = [tuple(rng.randrange(p) for _ in range(3)) for _ in range(rng.randint(1, 4))]
        span = {tuple(sum(c * r[i] for c, r in zip(cs, rows, strict=True)) % p
                      for i in range(3))
                for cs in itertools.product(range(p), repeat=len(rows))}
        assert p ** rank_mod(rows, p) == len(span)


def test_direct_sum_rejects_a_shared_row() -> None:
    rows = {"X": [(1, 0)], "Y": [(0, 1)], "Z": [(1, 1)]}
    assert direct([{"X"}, {"Y"}], rows, 2)
    assert not direct([{"X"}, {"Y"}, {"Z"}], rows, 2)
    assert not direct([{"X", "Y"}, {"Z"}], rows, 2)


@pytest.mark.parametrize("statements", [
    [[{"X"}, {"Y"}]],
    [[{"X"}, {"Y"}], [{"Y"}, {"Z"}], [{"X"}, {"Z"}]],
    [[{"X"}, {"Y"}, {"Z"}]],
    [[{"X"}, {"Y", "Z"}]],
    [[{"X"}, {"Y"}], [{"Z"}, {"W"}]],
])
def test_linear_laws_meet_every_statement(statements: list) -> None:
    rng = random.Random(11)
    names = sorted(set().union(*(g for st in statements for g in st)))
    drawn = 0
    for _ in range(60):
        law = linear_law(names, statements, {n: (0, 1, 2) for n in names}, rng)
        if law is None:
            continue
        drawn += 1
        order, dist = law
        assert sum(dist.values()) == 1
        for st in statements:
            assert _independent(dist, order, [tuple(sorted(g)) for g in st])
    assert drawn >= 30


def test_linear_laws_reach_pairwise_but_not_mutual() -> None:
    rng = random.Random(2)
    statements = [[{"X"}, {"Y"}], [{"Y"}, {"Z"}], [{"X"}, {"Z"}]]
    found = 0
    for _ in range(60):
        law = linear_law(["X", "Y", "Z"], statements, {n: (0, 1, 2) for n in "XYZ"}, rng)
        if law is not None and not _independent(law[1], law[0], [("X",), ("Y",), ("Z",)]):
            found += 1
    assert found >= 5


def test_linear_laws_reach_a_collider() -> None:
    rng = random.Random(4)
    found = 0
    for _ in range(60):
        law = linear_law(["X", "Y", "Z"], [[{"X"}, {"Y"}]], {n: (0, 1, 2) for n in "XYZ"}, rng)
        if law is None:
            continue
        order, dist = law
        # Z depends on (X, Y) jointly: X, Y are not independent given Z
        zs = _law_of(dist, order, ("Z",))
        for (z,), pz in zs.items():
            cond = {o: p / pz for o, p in dist.items() if o[2] == z}
            if not _independent(cond, order, [("X",), ("Y",)]):
                found += 1
                break
    assert found >= 5
