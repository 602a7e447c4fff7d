"""Where extraction time goes: a sampling profile of the extractor over the corpus.

    python3 -m venv /tmp/prof && /tmp/prof/bin/pip install py-spy     # once, outside the repo venv
    python benchmarks/profile_extraction.py --py-spy /tmp/prof/bin/py-spy
    python benchmarks/profile_extraction.py --quick                    # fewer articles
    python benchmarks/profile_extraction.py --corpus conflict700       # #14's 700-word articles
    python benchmarks/profile_extraction.py --group 20                 # as the worker: in groups
    python benchmarks/profile_extraction.py --native                   # inside compiled modules

Runs py-spy (sampling, native-speed, no code change) on a child process that loads the
extractor and enriches the corpus (`enrich` one article at a time, or with `--group N`
`enrich_many` over groups of N, one NER call each, as the worker extracts a poll); only
samples under `Extractor.enrich_many` (which `enrich` calls) are counted, so model
loading is left out. Writes benchmarks/results/profile.txt (inclusive and self time
per function, and per pipeline stage) and benchmarks/results/profile.json.
Without py-spy it falls back to cProfile (deterministic, slower, skews towards small calls).
"""

from __future__ import annotations

import argparse
import collections
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import (
    RESULTS,
    generate_corpus,
    machine_info,
    pin_to_one_core,
    rounded,
    to_articles,
    write_result,
)

ENRICH_FRAME = "enrich_many (sitrep/extraction/extractor.py)"

#: Pipeline stages: the function whose inclusive time stands for the stage (indented: a
#: part of the stage above; parts need not add up to their stage).
STAGES = {
    "RelevanceGate.decide (conflict or other news)": "decide (sitrep/extraction/relevance/gate.py)",
    "analyze_together (sentences, gazetteer, NER, resolution)": "analyze_together (sitrep/extraction/geo/analyzer.py)",
    "  split_sentences + tokenize": "split_sentences (sitrep/extraction/geo/sentences.py)"
    "+tokenize (sitrep/extraction/geo/normalize.py)",
    "  MentionFinder.find (gazetteer matching)": "find (sitrep/extraction/geo/mentions.py)",
    "  mark_context + document_focus + constrain": "mark_context (sitrep/extraction/geo/mentions.py)"
    "+document_focus (sitrep/extraction/geo/focus.py)+constrain (sitrep/extraction/geo/focus.py)",
    "  spaCy NER (_ner_docs, or nlp / nlp.pipe)": "_ner_docs (sitrep/extraction/geo/analyzer.py)"
    "|__call__ (spacy/language.py)|pipe (spacy/language.py)",
    "  SpellingVariants.added": "added (sitrep/extraction/geo/spelling.py)",
    "  Resolver.resolve (place readings)": "resolve (sitrep/extraction/geo/resolve.py)",
    "EventExtractor.extract (events)": "extract (sitrep/extraction/events/extractor.py)",
    "  _prepare (layout, actors, sense, triggers)": "_prepare (sitrep/extraction/events/extractor.py)",
    "    ActorFinder.find": "find (sitrep/extraction/events/actors.py)",
    "    SenseReader.read": "read (sitrep/extraction/events/sense.py)",
    "    LayoutReader.read": "read (sitrep/extraction/events/layout.py)",
    "    EventTyper.hits (triggers)": "hits (sitrep/extraction/events/event_types.py)",
    "  _drafts (one draft per trigger sentence)": "_drafts (sitrep/extraction/events/extractor.py)",
    "    SentenceRoles (each sentence's role, read on demand)": "__getitem__ (sitrep/extraction/events/roles.py)",
    "    CasualtyFinder.find": "find (sitrep/extraction/events/casualties.py)",
    "    find_dates": "find_dates (sitrep/extraction/events/dates.py)",
    "  keep_conflict + merge + group_incidents": "keep_conflict (sitrep/extraction/events/sense.py)"
    "+merge (sitrep/extraction/events/segment.py)"
    "+group_incidents (sitrep/extraction/events/incidents.py)",
    "  _build (fields of each event)": "_build (sitrep/extraction/events/extractor.py)",
    "TextAnalyzer.entity_mentions": "entity_mentions (sitrep/extraction/geo/analyzer.py)",
    "pydantic model construction/validation": "__init__ (pydantic/main.py)",
}


def child(articles: int, seed: int, corpus_name: str, group: int) -> None:
    """The profiled process: load, warm up, then enrich every article once."""
    pin_to_one_core()
    from sitrep.extraction import Extractor

    extractor = Extractor.load()
    fixed_words = 700 if corpus_name == "conflict700" else None
    corpus = to_articles(
        generate_corpus(articles, seed=seed, fixed_words=fixed_words), id_prefix="profile-"
    )
    for article in corpus[:5]:
        extractor.enrich(article)
    started = time.perf_counter()
    for start in range(0, len(corpus), group):
        extractor.enrich_many(corpus[start : start + group])
    print(
        f"enriched {len(corpus)} articles in {time.perf_counter() - started:.1f}s", file=sys.stderr
    )


def short(frame: str) -> str:
    """'fn (/long/site-packages/spacy/language.py:12)' -> 'fn (spacy/language.py)'."""
    if " (" not in frame:
        return frame
    name, location = frame.split(" (", 1)
    location = location.rstrip(")")
    path = location.rsplit(":", 1)[0] if location.rsplit(":", 1)[-1].isdigit() else location
    for marker in ("site-packages/", "/services/", "/lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    if path.startswith("__native_") and path.endswith(".c"):
        return compiled_frame(name, path)
    return f"{name} ({path})"


def compiled_frame(name: str, path: str) -> str:
    """A mypyc function as py-spy --native names it, as its Python frame would be named:
    'CPyDef_mentions___MentionFinder___find (__native_sitrep___extraction___geo___mentions.c)'
    -> 'MentionFinder.find (sitrep/extraction/geo/mentions.py)' (the C wrapper that Python
    calls, CPyPy_..., gets the same name)."""
    module = path.removeprefix("__native_").removesuffix(".c").split("___")
    for prefix in ("CPyDef_", "CPyPy_"):
        if name.startswith(prefix):
            name = name.removeprefix(prefix)
            for k in range(len(module), 0, -1):  # mypyc's shortest unique module suffix
                if name.startswith("___".join(module[-k:]) + "___"):
                    name = name.removeprefix("___".join(module[-k:]) + "___")
                    break
            name = ".".join(name.split("___"))
            break
    return f"{name} ({'/'.join(module)}.py)"


def same_function(frame: str, pattern: str) -> bool:
    """'Extractor.enrich (f.py)' (py-spy names methods by class) matches 'enrich (f.py)'."""
    name, _, where = frame.partition(" (")
    want, _, want_where = pattern.partition(" (")
    return where == want_where and name.rsplit(".", 1)[-1] == want


def stage_time(inclusive: collections.Counter[str], pattern: str) -> int:
    """Inclusive samples of the stage's function (the largest, if several match); a sum of
    such for functions joined by '+' (siblings, none called under another)."""
    return sum(
        max(
            (
                n
                for frame, n in inclusive.items()
                if any(same_function(frame, p) for p in part.split("|"))
            ),
            default=0,
        )
        for part in pattern.split("+")
    )


def analyse(raw: Path) -> dict[str, object]:
    inclusive: collections.Counter[str] = collections.Counter()
    self_time: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [short(f) for f in stack.split(";")]
        top = next((i for i, f in enumerate(frames) if same_function(f, ENRICH_FRAME)), None)
        if top is None:
            continue
        frames = frames[top:]
        n = int(count)
        total += n
        for frame in set(frames):
            inclusive[frame] += n
        self_time[frames[-1]] += n
    stages = {label: stage_time(inclusive, pattern) for label, pattern in STAGES.items()}
    return {"total": total, "inclusive": inclusive, "self": self_time, "stages": stages}


def render(profile: dict[str, object], header: list[str], top: int = 30) -> str:
    total = int(profile["total"]) or 1  # type: ignore[call-overload]
    inclusive: collections.Counter[str] = profile["inclusive"]  # type: ignore[assignment]
    self_time: collections.Counter[str] = profile["self"]  # type: ignore[assignment]
    stages: dict[str, int] = profile["stages"]  # type: ignore[assignment]
    lines = [
        *header,
        "",
        f"samples under Extractor.enrich_many: {total}",
        "",
        "== Stages (inclusive % of enrich) ==",
    ]
    lines += [f"{100 * n / total:6.1f}%  {label}" for label, n in stages.items()]
    lines += ["", f"== Top {top} functions by inclusive time (% of enrich) =="]
    lines += [f"{100 * n / total:6.1f}%  {name}" for name, n in inclusive.most_common(top)]
    lines += ["", f"== Top {top} functions by self time (% of enrich) =="]
    lines += [f"{100 * n / total:6.1f}%  {name}" for name, n in self_time.most_common(top)]
    return "\n".join(lines) + "\n"


def find_py_spy(explicit: str | None) -> str | None:
    for candidate in (explicit, shutil.which("py-spy"), "/tmp/prof/bin/py-spy"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="60 articles instead of 200")
    parser.add_argument("--articles", type=int)
    parser.add_argument("--seed", type=int, default=20220909)
    parser.add_argument(
        "--corpus",
        choices=("mixed", "conflict700"),
        default="mixed",
        help="mixed 300-1500 words (default) or conflict articles of ~700 words "
        "(stream_mix.py's conflict set, #14's speed target)",
    )
    parser.add_argument("--py-spy", help="path of the py-spy binary (default: PATH, /tmp/prof/bin)")
    parser.add_argument("--rate", type=int, default=250, help="py-spy samples per second")
    parser.add_argument(
        "--native",
        action="store_true",
        help="py-spy --native: see inside the mypyc-compiled modules (else their time is "
        "their nearest Python caller's)",
    )
    parser.add_argument(
        "--group", type=int, default=1, help="articles per enrich_many call (default 1)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    n = args.articles or (60 if args.quick else 200)
    if args.child:
        child(n, args.seed, args.corpus, args.group)
        return 0

    started = time.monotonic()
    machine = machine_info()
    RESULTS.mkdir(parents=True, exist_ok=True)
    child_cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        "--articles",
        str(n),
        "--seed",
        str(args.seed),
        "--corpus",
        args.corpus,
        "--group",
        str(args.group),
    ]
    py_spy = find_py_spy(args.py_spy)
    header = [
        f"# Profile of Extractor.enrich_many over {n} {args.corpus} corpus articles "
        f"in groups of {args.group} (seed {args.seed})",
        f"# command: python {' '.join(sys.argv)}",
        f"# machine: {machine['cpu_model']}, {machine['cpu_count']} CPUs, "
        f"Python {machine['python']}, commit {machine['git']['commit'][:12]}"
        f"{' (dirty tree)' if machine['git']['dirty'] else ''}",
    ]
    if py_spy:
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "profile.raw"
            subprocess.run(
                [
                    py_spy,
                    "record",
                    "--format",
                    "raw",
                    "--rate",
                    str(args.rate),
                    # --native pauses the child at each sample (it cannot be nonblocking).
                    *(["--native"] if args.native else ["--nonblocking"]),
                    "-o",
                    str(raw),
                    "--",
                    *child_cmd,
                ],
                check=True,
            )
            profile = analyse(raw)
        tool = f"py-spy ({py_spy}), {args.rate} Hz{', --native' if args.native else ''}"
    else:
        print("py-spy not found: falling back to cProfile", file=sys.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            stats = Path(tmp) / "profile.pstats"
            subprocess.run(
                [sys.executable, "-m", "cProfile", "-o", str(stats), *child_cmd[1:]], check=True
            )
            profile = analyse_pstats(stats)
        tool = "cProfile (deterministic)"
    header.append(f"# tool: {tool}")
    text = render(profile, header)
    (RESULTS / "profile.txt").write_text(text, encoding="utf-8")
    print(text)
    inclusive: collections.Counter[str] = profile["inclusive"]  # type: ignore[assignment]
    self_time: collections.Counter[str] = profile["self"]  # type: ignore[assignment]
    total = int(profile["total"]) or 1  # type: ignore[call-overload]
    write_result(
        "profile",
        sys.argv,
        {
            "articles": n,
            "seed": args.seed,
            "corpus": args.corpus,
            "group": args.group,
            "tool": tool,
        },
        rounded(
            {
                "samples": total,
                "stages_pct": {k: 100 * v / total for k, v in profile["stages"].items()},  # type: ignore[attr-defined]
                "top_inclusive_pct": {k: 100 * v / total for k, v in inclusive.most_common(30)},
                "top_self_pct": {k: 100 * v / total for k, v in self_time.most_common(30)},
            }
        ),
        machine,
        started,
    )
    print(f"written: {RESULTS / 'profile.txt'}")
    return 0


def analyse_pstats(path: Path) -> dict[str, object]:
    """cProfile fallback: cumulative time as 'inclusive', internal time as 'self' (in ms)."""
    import pstats

    stats = pstats.Stats(str(path))
    inclusive: collections.Counter[str] = collections.Counter()
    self_time: collections.Counter[str] = collections.Counter()
    total = 0
    for (filename, _line, name), (_cc, _nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        key = short(f"{name} ({filename})")
        inclusive[key] += int(ct * 1000)
        self_time[key] += int(tt * 1000)
        if same_function(key, ENRICH_FRAME):
            total = int(ct * 1000)
    stages = {label: stage_time(inclusive, pattern) for label, pattern in STAGES.items()}
    return {"total": total, "inclusive": inclusive, "self": self_time, "stages": stages}


if __name__ == "__main__":
    raise SystemExit(main())
