"""LatentMixture: validation, marginal density, the hallucination predicate."""

import math

import pytest
import scipy.stats

from hallbound.errors import InputError
from hallbound.spec import parse_spec
from hallbound.symbolic import FAMILIES, LatentMixture

Normal = FAMILIES["normal"]


def two_state(w1=0.3, m1=1.0, m2=5.0):
    return LatentMixture(
        [w1, 1 - w1],
        [
            Normal.from_spec({"mean": [m1], "cov": [[1.0]]}),
            Normal.from_spec({"mean": [m2], "cov": [[1.0]]}),
        ],
    )


def test_mean_and_densities_match_scipy():
    mix = two_state()
    assert mix.mean_vector()[0] == pytest.approx(3.8, abs=1e-15)
    dens = mix.state_densities(3.8)
    assert dens[0] == pytest.approx(scipy.stats.norm(1, 1).pdf(3.8), rel=1e-13)
    assert dens[1] == pytest.approx(scipy.stats.norm(5, 1).pdf(3.8), rel=1e-13)


def test_predicate_agrees_with_region_form_at_midpoint():
    mix = LatentMixture(
        [0.5, 0.5],
        [
            Normal.from_spec({"mean": [-4.0], "cov": [[1.0]]}),
            Normal.from_spec({"mean": [4.0], "cov": [[1.0]]}),
        ],
    )
    assert mix.hallucinates(0.0, 0.05) is True
    assert mix.in_hcdr(0.0, 0.05) is False
    assert mix.hallucinates(4.0, 0.05) is False
    assert mix.in_hcdr(4.0, 0.05) is True


@pytest.mark.parametrize("weights", [[0.3, 0.6], [0.5, 0.5 + 1e-9], [-0.1, 1.1]])
def test_bad_weights_raise_naming_weight(weights):
    states = [Normal.from_spec({"mean": [0.0], "cov": [[1.0]]})] * 2
    with pytest.raises(InputError, match="weight"):
        LatentMixture(weights, states)


def test_covering_radius_matches_level_set_edge():
    mix = two_state()
    r = mix.covering_radii(0.05)[0]
    # at the edge of the ball the density equals delta
    assert scipy.stats.norm(0, 1).pdf(r) == pytest.approx(0.05, rel=1e-12)
    assert math.isclose(r, math.sqrt(-2 * math.log(0.05 * math.sqrt(2 * math.pi))), rel_tol=1e-14)


@pytest.mark.parametrize(
    ("patch", "name"),
    [
        ({"delta": -1.0}, "delta"),
        ({"delta": float("nan")}, "delta"),
        ({"family": "cauchyish"}, "family"),
    ],
)
def test_bad_spec_names_parameter(patch, name):
    data = {
        "family": "normal",
        "delta": 0.05,
        "state": [{"weight": 1.0, "mean": [0.0], "cov": [[1.0]]}],
    }
    data.update(patch)
    with pytest.raises(InputError) as info:
        parse_spec(data)
    assert info.value.parameter == name


def test_bad_covariance_and_mean_length():
    base = {"family": "normal", "delta": 0.05}
    with pytest.raises(InputError, match="positive definite"):
        parse_spec(
            base | {"state": [{"weight": 1.0, "mean": [0.0, 0.0], "cov": [[1.0, 2.0], [2.0, 1.0]]}]}
        )
    with pytest.raises(InputError, match="mean"):
        parse_spec(
            base
            | {
                "state": [
                    {"weight": 0.5, "mean": [0.0, 0.0], "cov": [[1.0, 0.0], [0.0, 1.0]]},
                    {"weight": 0.5, "mean": [0.0], "cov": [[1.0]]},
                ]
            }
        )
