"""Benchmark of topic training, the LDA library choice and the nightly drift job.

Preprocesses ``../shared/filings`` once, then, each in a fresh child process, measures:

* floor: read and tokenise one fiscal year's risk segments (what training cannot avoid);
* train: ``train_models`` for that year (tokenise, prune, fit, coherence, write the store);
* library: the same tokens (fiscal 2023 + 2024) fitted by tomotopy (Gibbs, ``workers=1``)
  and, when importable, gensim ``LdaModel`` (5 passes, one process), over several seeds:
  seconds, peak memory, NPMI coherence and the seed-noise false-warn rate (share of seed
  pairs where the bare "best Jaccard of top-20 words < 0.1" rule fires);
* nightly: ``run_nightly`` over the two newest models with Slack on a local stand-in,
  cold (calibration refits trained) and warm (refits cached).

Prints seconds, peak resident memory (ru_maxrss) and ratios to the floor.
Usage: ``python -m benchmarks.bench_drift [--k 20] [--seeds 5] [--no-gensim]``.
"""

from __future__ import annotations

import argparse
import atexit
import itertools
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import SHARED_FILINGS, machine, run_child


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _documents(run: Path, years: list[str]) -> list[list[str]]:
    from edgar_sentinel.drift.config import RiskAnalysisSettings
    from edgar_sentinel.drift.corpus import by_fiscal_year, collect_documents, prune_vocabulary

    settings = RiskAnalysisSettings()
    by_period, _ = collect_documents([run], settings=settings, period_of=by_fiscal_year)
    docs = [list(d.tokens) for y in years for d in by_period.get(y, [])]
    return prune_vocabulary(docs, min_df=settings.min_df, max_df_ratio=settings.max_df_ratio)


def child_floor(spec: dict[str, Any]) -> dict[str, Any]:
    start = time.perf_counter()
    docs = _documents(Path(spec["run"]), [spec["year"]])
    return {"seconds": time.perf_counter() - start, "documents": len(docs)}


def child_train(spec: dict[str, Any]) -> dict[str, Any]:
    from edgar_sentinel.drift.config import RiskAnalysisSettings
    from edgar_sentinel.drift.training import train_models

    start = time.perf_counter()
    result = train_models(
        run_dirs=[Path(spec["run"])],
        models_dir=Path(spec["models"]),
        settings=RiskAnalysisSettings(num_topics=spec["k"]),
        periods=[spec["year"]],
    )
    info = result.models[0].info
    return {
        "seconds": time.perf_counter() - start,
        "documents": info.corpus.documents,
        "tokens": info.corpus.tokens,
        "coherence": info.coherence,
    }


def child_library(spec: dict[str, Any]) -> dict[str, Any]:
    from edgar_sentinel.drift.coherence import npmi_coherence

    docs = [d for d in _documents(Path(spec["run"]), spec["years"]) if d]
    k, seed = spec["k"], spec["seed"]
    start = time.perf_counter()
    if spec["library"] == "tomotopy":
        from edgar_sentinel.drift.lda import LdaParams, train_lda

        params = LdaParams(num_topics=k, iterations=300, seed=seed, alpha=0.1, eta=0.01)
        topics = train_lda(docs, params=params).topics()
        top = [[w for w, _ in topics.top_words(t, 20)] for t in range(k)]
    else:
        import importlib

        # Optional, not a project dependency: imported by name so typing stays clean.
        corpora = importlib.import_module("gensim.corpora")
        models = importlib.import_module("gensim.models")
        vocab = corpora.Dictionary(docs)
        bows = [vocab.doc2bow(d) for d in docs]
        model = models.LdaModel(bows, num_topics=k, id2word=vocab, passes=5, random_state=seed)
        top = [[vocab[i] for i, _ in model.get_topic_terms(t, topn=20)] for t in range(k)]
    seconds = time.perf_counter() - start
    coherence = npmi_coherence([t[:10] for t in top], docs)
    return {
        "seconds": seconds,
        "coherence": sum(coherence) / len(coherence),
        "top": top,
        "documents": len(docs),
    }


def child_nightly(spec: dict[str, Any]) -> dict[str, Any]:
    import os

    import httpx

    from edgar_sentinel.drift.config import RiskAnalysisSettings
    from edgar_sentinel.drift.nightly import run_nightly
    from edgar_sentinel.settings import Settings
    from tests.fakes.slack_webhook import running_slack  # importable: run from the repository

    settings = Settings(risk_analysis=RiskAnalysisSettings(num_topics=spec["k"]))
    times = []
    with running_slack() as slack, httpx.Client() as http:
        os.environ["SLACK_WEBHOOK"] = slack.url
        for _ in range(2):  # cold: calibration refits trained; warm: cached
            start = time.perf_counter()
            result = run_nightly(
                models_dir=Path(spec["models"]),
                out_dir=Path(spec["out"]),
                settings=settings,
                http=http,
            )
            times.append(time.perf_counter() - start)
        messages = len(slack.messages)
    return {
        "cold_seconds": times[0],
        "warm_seconds": times[1],
        "tier": result.report.tier.value,
        "emerging": [e.term for e in result.report.emerging_terms[:8]],
        "slack_messages": messages,
    }


CHILDREN = {
    "floor": child_floor,
    "train": child_train,
    "library": child_library,
    "nightly": child_nightly,
}


def measure(kind: str, **spec: Any) -> dict[str, Any]:
    return run_child("bench_drift", kind, json.dumps(spec))


def false_warn_rate(tops: list[list[list[str]]]) -> float:
    from edgar_sentinel.drift.compare import best_match

    pairs = list(itertools.permutations(range(len(tops)), 2))
    warned = 0
    for i, j in pairs:
        ref = [frozenset(t) for t in tops[i]]
        warned += any(best_match(frozenset(t), ref)[1] < 0.1 for t in tops[j])
    return warned / len(pairs) if pairs else 0.0


def topic_overlap(tops: list[list[list[str]]]) -> float:
    """Mean Jaccard between different topics of one fit: high means topics share their
    top words, and a new subject can hide among them (the threshold rule loses power)."""
    from edgar_sentinel.drift.compare import jaccard

    values = [
        jaccard(frozenset(a), frozenset(b))
        for fit in tops
        for a, b in itertools.combinations(fit, 2)
    ]
    return sum(values) / len(values) if values else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--no-gensim", action="store_true")
    parser.add_argument("--child")
    parser.add_argument("spec", nargs="?")
    args = parser.parse_args()
    if args.child:
        result = CHILDREN[args.child](json.loads(args.spec))
        result["peak_rss_mb"] = _rss_mb()
        print(json.dumps(result))
        return

    from edgar_sentinel.preprocess.batch import run_preprocessing
    from edgar_sentinel.settings import Settings

    print(f"machine: {machine()}, K={args.k}")
    work = Path(tempfile.mkdtemp(prefix="bench_drift_"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    start = time.perf_counter()
    run = run_preprocessing(
        [SHARED_FILINGS], out=work / "runs", settings=Settings(), workers=2
    ).run_dir
    print(f"preprocessed the shared filings in {time.perf_counter() - start:.1f} s")

    print("\n## Training per period (child process each; ratio = train / floor)")
    print(
        "| period | segments | tokens | floor s | train s | train tokens/s | x floor "
        "| floor MB | train MB |"
    )
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    train_total = 0.0
    for year in ("2021", "2023", "2024", "2025"):
        floor = measure("floor", run=str(run), year=year)
        if floor["documents"] < args.k:
            continue
        train = measure("train", run=str(run), models=str(work / "models"), year=year, k=args.k)
        train_total += train["seconds"]
        print(
            f"| {year} | {train['documents']} | {train['tokens']} | {floor['seconds']:.2f} | "
            f"{train['seconds']:.2f} | {train['tokens'] / train['seconds']:,.0f} | "
            f"{train['seconds'] / floor['seconds']:.1f} | "
            f"{floor['peak_rss_mb']:.0f} | {train['peak_rss_mb']:.0f} |"
        )

    libraries = ["tomotopy"]
    if not args.no_gensim:
        import importlib.util

        if importlib.util.find_spec("gensim") is None:
            print("\n(gensim not importable: library comparison with tomotopy only)")
        else:
            libraries.append("gensim")
    print(f"\n## Library on fiscal 2023+2024 risk segments, {args.seeds} seeds")
    print("| library | seconds (mean) | peak MB | NPMI | false warns over seed pairs | overlap |")
    print("|---|--:|--:|--:|--:|--:|")
    for library in libraries:
        fits = [
            measure(
                "library", run=str(run), years=["2023", "2024"], k=args.k, seed=s, library=library
            )
            for s in range(args.seeds)
        ]
        print(
            f"| {library} | {sum(f['seconds'] for f in fits) / len(fits):.2f} | "
            f"{max(f['peak_rss_mb'] for f in fits):.0f} | "
            f"{sum(f['coherence'] for f in fits) / len(fits):.3f} | "
            f"{false_warn_rate([f['top'] for f in fits]):.0%} | "
            f"{topic_overlap([f['top'] for f in fits]):.3f} |"
        )

    nightly = measure("nightly", models=str(work / "models"), out=str(work / "out"), k=args.k)
    print("\n## Nightly job (discover, compare, render, record, alert to a local Slack)")
    print(
        f"cold {nightly['cold_seconds']:.1f} s (calibration refits trained), warm "
        f"{nightly['warm_seconds']:.1f} s (cached); training all periods {train_total:.1f} s; "
        f"peak {nightly['peak_rss_mb']:.0f} MB; tier {nightly['tier']}; Slack messages "
        f"{nightly['slack_messages']} for two runs; emerging: {', '.join(nightly['emerging'])}"
    )
    print(f"target: under 60 s -> cold/60 = {nightly['cold_seconds'] / 60:.2f}")


if __name__ == "__main__":
    main()
