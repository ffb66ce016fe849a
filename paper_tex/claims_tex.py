"""Claims as LaTeX (placeholder until the claim registry lands)."""

from __future__ import annotations


def claim_fragments(names: tuple[str, ...]) -> tuple[dict[str, str], str]:
    return {}, "\\section{Claims}\nThe claim registry is not available in this build.\n"
