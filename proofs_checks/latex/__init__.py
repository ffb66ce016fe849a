"""The LaTeX front end behind ``hallbound verify``: reading a document, its ``% hb:``
hypotheses and lemma citations, the allow-list math parser, checking the chains, and the
report."""
