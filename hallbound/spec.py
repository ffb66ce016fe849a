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
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hallbound.errors import InputError, require_delta
from hallbound.symbolic.families import family_class
from hallbound.symbolic.mixture import LatentMixture


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
    family = data.get("family")
    if not isinstance(family, str):
        raise InputError("family", "missing or not a string")
    cls = family_class(family)
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
    return Spec(family, loss, delta, mixture, states, options, mean_law, data)
