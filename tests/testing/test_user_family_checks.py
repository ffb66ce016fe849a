"""A user family is checked at generic parameter values too, not only at the ends and the
middle of each test range: a density normalised only there (a factor ``1 + (s-1)(s-2)(s-3)``
with ``test = [1, 3]``), or negative only between them, is refused at load, the error naming
the family and the point; a true family still loads."""

from __future__ import annotations

import pytest

from hallbound.errors import InputError
from hallbound.testing.user_family import load_user_family

_LAPLACE = "exp(-abs(a - mu)/s) / (2*s)"


def _spec(tmp_path, density: str, name: str = "wobble"):
    path = tmp_path / f"{name}.toml"
    path.write_text(f'name = "{name}"\ndensity = "{density}"\nsupport = [-inf, inf]\n'
                    "tolerance = 1e-8\n[parameters.s]\ndomain = [0.0, inf]\ntest = [1.0, 3.0]\n")
    return path


def test_a_density_normalised_only_at_the_ends_and_middle_is_refused(tmp_path) -> None:
    path = _spec(tmp_path, f"{_LAPLACE} * (1 + (s - 1)*(s - 2)*(s - 3))")
    with pytest.raises(InputError, match=r"density: integrates to .*family 'wobble' at s="):
        load_user_family(path)


def test_a_density_negative_only_between_the_checked_points_is_refused(tmp_path) -> None:
    """Normalised at every s (the sine term is odd), negative where 10(s-1)(s-2)(s-3) > 1."""
    path = _spec(tmp_path, f"{_LAPLACE} * (1 + 10*(s - 1)*(s - 2)*(s - 3)*sin(a - mu))",
                 name="negative")
    with pytest.raises(InputError, match=r"density: negative .*family 'negative' at s="):
        load_user_family(path)


def test_a_true_family_still_loads(tmp_path) -> None:
    family = load_user_family(_spec(tmp_path, _LAPLACE, name="laplace"))
    assert family.spec.name == "laplace"
