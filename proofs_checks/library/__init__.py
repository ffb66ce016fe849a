"""The trust base: the lemma library (cited inequalities with their hypotheses), its audit,
and the random-variable notation (``Pr``, ``E``, joint laws) the lemmas are stated in."""

# the concentration lemmas add themselves to the library's table when imported: importing
# the package (as every import of one of its modules does) makes the table complete
from hallbound.proofs_checks.library import (
    lemmas_arb,  # noqa: E402, F401
    lemmas_concentration,  # noqa: E402, F401
    lemmas_events,  # noqa: E402, F401
    lemmas_tails,  # noqa: E402, F401
)
