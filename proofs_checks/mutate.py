"""The old entry point of the mutation harness, kept as an alias:
``python -m hallbound.proofs_checks.mutate`` runs :mod:`hallbound.proofs_checks.mutation`."""

from hallbound.proofs_checks.mutation import *  # noqa: F403 - the alias re-exports the package
from hallbound.proofs_checks.mutation.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
