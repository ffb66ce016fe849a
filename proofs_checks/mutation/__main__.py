"""``python -m hallbound.proofs_checks.mutation``: the mutation harness's command."""

from hallbound.proofs_checks.mutation.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
