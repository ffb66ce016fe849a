"""Tables (placeholder until numeric lands)."""

from __future__ import annotations


def table_fragments(seed: int) -> dict[str, str | bytes]:
    return {}
