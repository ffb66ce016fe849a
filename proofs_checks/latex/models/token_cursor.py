"""A cursor over a list of tokens, for the small recursive readers of the finite models
(:mod:`.finite_sums`, :mod:`.learning.pac_events`): each reader names the exception it raises
where the text does not fit (``Out``)."""

from __future__ import annotations


class TokenCursor:
    """``toks`` read left to right from ``pos``; ``Out`` is raised where they run out or do
    not match."""

    Out: type[Exception] = ValueError

    def __init__(self, toks: list[str]) -> None:
        self.toks, self.pos = toks, 0

    def peek(self, *words: str) -> bool:
        """Whether the next token is one of ``words``."""
        return self.pos < len(self.toks) and self.toks[self.pos] in words

    def take(self) -> str:
        """The next token, consumed."""
        if self.pos >= len(self.toks):
            raise self.Out("the text ends early")
        self.pos += 1
        return self.toks[self.pos - 1]

    def eat(self, word: str) -> None:
        """Consume the next token, which must be ``word``."""
        if self.take() != word:
            raise self.Out(f"expected {word!r}")

    def done(self) -> bool:
        """Whether every token was read."""
        return self.pos >= len(self.toks)
