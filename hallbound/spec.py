"""Spec files (TOML) describing a concrete latent mixture.

.. code-block:: toml

    family = "normal"
    loss = "squared"
    delta = 0.05
    [[state]]
    weight = 0.3
    mean = [1.0]
    cov = [[1.0]]

Top-level keys: ``family`` (a registered family), ``loss`` (default ``"squared"``),
``delta`` (> 0), ``loss_options`` (table, e.g. ``tau`` for pinball), ``[mean_law]``
(Assumption 6.1's law of each state's mean; a state may override it with its own
``mean_law`` table) and one ``[[state]]`` table per latent state, holding ``weight`` and the
family's parameters. Numbers are read as exact decimals.

Every key is checked: an unknown key (top level, in a state, or in ``loss_options``' parent
tables) is refused with the nearest known key suggested (``covv``: did you mean ``cov``?).
A number whose square overflows double precision (:data:`MAX_MAGNITUDE`, about 1.3e154) in a
state or a mean law is refused: means, covariances and scales enter squared distances and
second moments, which would overflow to ``inf`` with warnings.
"""

from __future__ import annotations

import math
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hallbound.errors import InputError, require_delta
from hallbound.registry import suggestion
from hallbound.symbolic.families import family_class
from hallbound.symbolic.mixture import LatentMixture

#: Keys a spec may have at its top level.
TOP_KEYS: tuple[str, ...] = (
    "family", "loss", "delta", "loss_options", "mean_law", "state", "title", "description",
)
#: Keys every ``[[state]]`` table may have besides the family's parameters.
STATE_KEYS: tuple[str, ...] = ("weight", "mean_law")
#: Largest magnitude of a number in a state or mean law: its square is finite in doubles.
MAX_MAGNITUDE = math.sqrt(sys.float_info.max)


@dataclass
class Spec:
    """A parsed, validated spec file."""

    family: str
    loss: str
    delta: float
    mixture: LatentMixture
    states: list[dict[str, Any]]
    loss_options: dict[str, Any] = field(default_factory=dict)
    mean_law: dict[str, Any] | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    def state_mean_law(self, index: int) -> dict[str, Any] | None:
        """The mean-law table of state ``index``: its own, else the spec's default."""
        return self.states[index].get("mean_law", self.mean_law)


def read_toml(path: str | Path, parameter: str = "spec") -> dict[str, Any]:
    """A TOML file as a dict; a missing or malformed file raises :class:`InputError`."""
    p = Path(path)
    if p.is_dir():
        raise InputError(parameter, f"{p} is a directory, not a file")
    if not p.is_file():
        raise InputError(parameter, f"no such file: {p}")
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise InputError(parameter, f"malformed TOML in {p}: {err}") from None


def load_spec(path: str | Path) -> Spec:
    """Read and validate a spec file; bad content raises :class:`InputError`."""
    return parse_spec(read_toml(path))


def parse_spec(data: dict[str, Any]) -> Spec:
    """Validate a spec already read into a dict."""
    require_known_keys(data, TOP_KEYS, "")
    family = data.get("family")
    if not isinstance(family, str):
        raise InputError("family", "missing or not a string")
    cls = family_class(family)
    state_keys = (*STATE_KEYS, *(p.key or p.name for p in cls.params if p.key is not None))
    loss = data.get("loss", "squared")
    if not isinstance(loss, str):
        raise InputError("loss", "must be a string")
    if "delta" not in data:
        raise InputError("delta", "missing")
    delta = data["delta"]
    if isinstance(delta, bool) or not isinstance(delta, int | float):
        raise InputError("delta", f"must be a number, got {delta!r}")
    delta = require_delta(delta)
    states = data.get("state")
    if not isinstance(states, list) or not states:
        raise InputError("state", "need at least one [[state]] table")
    weights, laws = [], []
    dim = None
    for i, state in enumerate(states, start=1):  # state numbers start at 1
        if not isinstance(state, dict):
            raise InputError(f"state[{i}]", "must be a table")
        require_known_keys(state, state_keys, f"state[{i}].", f"for a {family} state")
        require_magnitude(state, f"state[{i}]")
        if isinstance(state.get("mean_law"), dict):
            require_magnitude(state["mean_law"], f"state[{i}].mean_law")
        if "weight" not in state:
            raise InputError(f"state[{i}].weight", "missing")
        weights.append(state["weight"])
        try:
            law = cls.from_spec(state, dim)
        except InputError as err:
            raise InputError(f"state[{i}].{err.parameter}", err.problem) from None
        dim = law.dim
        laws.append(law)
    mixture = LatentMixture(weights, laws)
    options = data.get("loss_options", {})
    if not isinstance(options, dict):
        raise InputError("loss_options", "must be a table")
    mean_law = data.get("mean_law")
    if mean_law is not None and not isinstance(mean_law, dict):
        raise InputError("mean_law", "must be a table")
    if mean_law is not None:
        require_magnitude(mean_law, "mean_law")
    return Spec(family, loss, delta, mixture, states, options, mean_law, data)


def require_known_keys(
    table: dict[str, Any], known: tuple[str, ...], prefix: str, where: str = "in a spec"
) -> None:
    """Raise :class:`InputError` naming the first key of ``table`` not in ``known``, with the
    nearest known key (difflib) suggested."""
    for key in table:
        if key not in known:
            raise InputError(
                f"{prefix}{key}",
                f"unknown key {where}{suggestion(key, list(known))} "
                f"(known: {', '.join(known)})",
            )


def require_magnitude(table: dict[str, Any], prefix: str) -> None:
    """Raise :class:`InputError` when a number in ``table`` (nested lists included) is not
    finite or has magnitude above :data:`MAX_MAGNITUDE` (its square would overflow)."""
    for key, value in table.items():
        if isinstance(value, dict):
            continue  # a nested table (a state's mean_law) is checked on its own
        for number in _numbers(value):
            if not math.isfinite(number):
                raise InputError(f"{prefix}.{key}", f"must be finite, got {number!r}")
            if abs(number) > MAX_MAGNITUDE:
                raise InputError(
                    f"{prefix}.{key}",
                    f"{number:.3g} is too large: squared it overflows double precision "
                    f"(magnitudes up to {MAX_MAGNITUDE:.3g})",
                )


def _numbers(value: Any) -> Iterator[float]:
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield float(value) if not isinstance(value, int) or abs(value) < 2**1023 else math.inf
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _numbers(v)
