"""The one exception of the finite-measure readers (:mod:`.divergence_terms`,
:mod:`.kernel_terms`, :mod:`.kernel_integrals`): a piece of a side they do not model, which
keeps the model out of the step."""

from __future__ import annotations


class Unread(Exception):
    """A piece of the side the reader does not model."""
