"""``hallbound audit --real REAL.npz --generated GEN.npz [--percentile 10] [--pca 128]``.

REAL.npz holds ``X`` (n x d embeddings) and ``labels`` (one class per row); GEN.npz holds
``X`` (m x d) and optionally ``group`` (e.g. a prompt id per row). Reports the share of
generated points outside the real data's HCDR, per group, with Clopper-Pearson intervals,
next to the held-out real share.
"""

from __future__ import annotations

import argparse
import json

from hallbound.commands import common


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "audit",
        help="share of generated embeddings outside the real data's HCDR",
        description="HCDR audit of generated embeddings: L2 normalisation, PCA, z-scores, a "
        "diagonal Gaussian mixture per class (components chosen by BIC) and per-class "
        "percentile thresholds; the HCDR is the union of the class high-density regions. "
        "Reports the share of generated points outside it, per group, with Clopper-Pearson "
        "intervals, next to the held-out real share.",
    )
    parser.add_argument(
        "--real", required=True, metavar="REAL.npz",
        help="real embeddings: an .npz file with keys X (n x d) and labels",
    )
    parser.add_argument(
        "--generated", required=True, metavar="GEN.npz",
        help="generated embeddings: an .npz file with key X and optionally group",
    )
    parser.add_argument(
        "--percentile", type=float, default=10.0,
        help="density percentile of each class threshold (default 10)",
    )
    parser.add_argument(
        "--pca", type=common.integer, default=128, help="PCA components (default 128)"
    )
    parser.add_argument("--components", default="2:6", help="GMM components LO:HI (BIC)")
    parser.add_argument("--covariance", default="diag", help="diag (the paper's) or full")
    common.add_seed(parser)
    parser.add_argument(
        "--plot", metavar="FILE", type=common.output_file,
        help="log-density histograms (.png/.pdf/.svg)",
    )
    common.add_json(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from hallbound.experiments import audit
    from hallbound.experiments.coin import figure_format

    config = audit.AuditConfig(
        percentile=args.percentile,
        pca=args.pca,
        components=audit.parse_components(args.components),
        seed=args.seed,
        covariance=args.covariance,
    ).validated()
    if args.plot:
        figure_format(args.plot)
    real = audit.load_npz(args.real, ("X", "labels"), "real")
    gen = audit.load_npz(args.generated, ("X",), "generated")
    result = audit.audit(real["X"], real["labels"], gen["X"], gen.get("group"), config)
    if args.plot:
        audit.plot_audit(result, args.plot)
    if args.json:
        print(json.dumps(result.to_json(), indent=1))
    else:
        print(audit.format_result(result))
        if args.plot:
            print(f"figure: {args.plot}")
    return 0
