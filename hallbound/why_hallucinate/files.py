"""Reading a finite instance of Kalai et al. (2025) from a ``.toml`` or ``.json`` file (the
``bound`` command's input); the instance itself is
:class:`hallbound.symbolic.why_hallucinate.finite.FiniteInstance`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from hallbound.errors import InputError
from hallbound.spec import read_toml
from hallbound.symbolic.why_hallucinate.finite import FiniteInstance, from_mapping


def load(path: str | Path) -> FiniteInstance:
    """Read a ``.toml`` or ``.json`` instance file."""
    p = Path(path)
    if p.suffix == ".json":
        if not p.is_file():
            raise InputError("FILE", f"no such file: {p}")
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            raise InputError("FILE", f"malformed JSON in {p}: {err}") from None
    else:
        data = read_toml(p, "FILE")
    if not isinstance(data, Mapping):
        raise InputError("FILE", "must hold a table with a list 'prompt'")
    return from_mapping(data)


__all__ = ["load"]
