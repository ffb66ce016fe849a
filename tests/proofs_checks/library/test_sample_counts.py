"""The multinomial count vectors shared by the exact missing-mass and tail laws."""

from fractions import Fraction as F
from itertools import product

import pytest

from hallbound.errors import InputError
from hallbound.proofs_checks.library.sample_counts import count_vectors


def test_count_vectors_match_enumerated_samples() -> None:
    """Each count vector's probability is the mass of the ordered samples with those counts."""
    nu = (F(1, 2), F(1, 3), F(1, 6))
    n = 3
    by_counts: dict[tuple[int, ...], F] = {}
    for sample in product(range(len(nu)), repeat=n):
        counts = tuple(sample.count(x) for x in range(len(nu)))
        mass = F(1)
        for x in sample:
            mass *= nu[x]
        by_counts[counts] = by_counts.get(counts, F(0)) + mass
    assert dict(count_vectors(nu, n)) == by_counts


def test_zero_mass_vectors_are_left_out() -> None:
    assert all(counts[1] == 0 for counts, _ in count_vectors((F(1), F(0)), 2))


@pytest.mark.parametrize(("nu", "n", "name"), [((F(1, 2), F(1, 3)), 2, "nu"), ((F(1),), -1, "n")])
def test_bad_input_names_the_parameter(nu: tuple, n: int, name: str) -> None:
    with pytest.raises(InputError, match=name):
        list(count_vectors(nu, n))
