"""`sitrep extract`, `geoparse` and `eval`: the extraction library with no broker.

With `--json`, standard output carries only JSON Lines of the published contracts (one
`EnrichedEvent` or one `ArticleEnrichment` per line); everything else goes to stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from sitrep.cli.errors import stderr, warn, warn_assumed_times
from sitrep.cli.options import plural
from sitrep.inputs import read_articles
from sitrep_contracts import Article

if TYPE_CHECKING:
    from sitrep.extraction import Extractor


def _load_extractor(*, geoparse: bool = False) -> Extractor:
    """`geoparse`: every article geoparsed alike, conflict or not (`sitrep geoparse`)."""
    from sitrep.cli.progress import loading_message, spinner
    from sitrep.extraction import Extractor
    from sitrep.settings import load_settings

    settings = load_settings()
    with spinner(loading_message(settings)):
        extractor = Extractor.load(settings)
    return extractor.geoparsing_alike() if geoparse else extractor


def _read(paths: list[str], *, published_at: dt.datetime | None, language: str) -> list[Article]:
    """Every input article, read before the models load: a bad input is reported at once."""
    items = list(read_articles(paths, published_at=published_at, language=language))
    warn_assumed_times(items)
    articles = [item.article for item in items]
    if not articles:
        warn(f"no articles in {' '.join(paths)}")
    return articles


def extract(
    paths: list[str], *, as_json: bool, published_at: dt.datetime | None, language: str
) -> int:
    from sitrep.cli.render import event_panel

    articles = _read(paths, published_at=published_at, language=language)
    extractor = _load_extractor()
    stdout = Console()
    count = 0
    for article in articles:
        for event in extractor.extract(article):
            count += 1
            if as_json:
                sys.stdout.write(event.model_dump_json() + "\n")
            else:
                stdout.print(event_panel(event))
    sys.stdout.flush()
    stderr.print(f"{plural(count, 'event')} from {plural(len(articles), 'article')}")
    return 0


def geoparse(
    paths: list[str], *, as_json: bool, published_at: dt.datetime | None, language: str
) -> int:
    articles = _read(paths, published_at=published_at, language=language)
    extractor = _load_extractor(geoparse=True)
    stdout = Console()
    for article in articles:
        enrichment = extractor.geoparse(article)
        if as_json:
            sys.stdout.write(enrichment.model_dump_json() + "\n")
            continue
        places = plural(len(enrichment.places), "place")
        stdout.print(f"[bold]{escape(enrichment.article_id)}[/bold]: {places}")
        for place in enrichment.places:
            stdout.print(
                escape(
                    f"  {place.evidence.start:>6}  {place.text!r:28} -> {place.name} "
                    f"[{place.feature_code}, {place.admin1 or '-'}, {place.country_code or '-'}] "
                    f"geonames {place.geonameid}  ({place.confidence:.2f})"
                )
            )
    sys.stdout.flush()
    return 0


def evaluate(paths: list[Path], *, limit: int | None, output: Path | None) -> int:
    """One table per file, in one run (so a precision gain never hides a recall loss).

    The kind of file is read from its rows: LGL rows carry `toponyms`, ACLED rows `gold`,
    UCDP-AEC rows `source_article` (or `incidents`, read with the articles beside them),
    non-conflict rows `expected_events: 0`."""
    kinds = {}
    for path in paths:
        kind = _gold_kind(path)
        if kind is None:
            stderr.print(f"[red]error:[/red] {path}: not a gold file this command knows")
            return 2
        kinds[path] = kind
    extractor = _load_extractor()
    geoparser = extractor.geoparsing_alike()
    results: dict[str, object] = {}
    for path, kind in kinds.items():
        # LGL measures geoparsing, as `sitrep geoparse` does it.
        used = geoparser if kind == "lgl" else extractor
        result, table = _run_evaluation(kind, path, used, limit)
        results[str(path)] = result
        sys.stdout.write(table + "\n\n")
    if output is not None:
        shown = results if len(results) > 1 else next(iter(results.values()))
        output.write_text(json.dumps(shown, indent=2, default=str) + "\n", encoding="utf-8")
        stderr.print(f"wrote {output}")
    return 0


def _gold_kind(path: Path) -> str | None:
    with path.open(encoding="utf-8") as handle:
        first = json.loads(handle.readline())
    if "toponyms" in first and "text" in first and "expected_events" not in first:
        return "lgl"
    if "gold" in first:
        return "acled"
    if "source_article" in first or "incidents" in first:
        return "ucdp"
    if first.get("expected_events") == 0:
        return "negatives"
    return None


def _run_evaluation(
    kind: str, path: Path, extractor: Extractor, limit: int | None
) -> tuple[object, str]:
    if kind == "lgl":
        from sitrep.evaluation.lgl import evaluate_lgl, format_lgl_table

        lgl = evaluate_lgl(path, extractor, limit=limit)
        return lgl, format_lgl_table(lgl)
    if kind == "acled":
        from sitrep.evaluation.acled import evaluate_acled, format_acled_table

        acled = evaluate_acled(path, extractor, limit=limit)
        return acled, format_acled_table(acled)
    if kind == "ucdp":
        from sitrep.evaluation.places import evaluate_places, format_places_table
        from sitrep.evaluation.ucdp import articles_path, evaluate_ucdp, format_ucdp_table

        ucdp = evaluate_ucdp(path, extractor, limit=limit)
        articles = articles_path(path) if path.name.endswith("-incidents.jsonl") else path
        ucdp["places"] = evaluate_places(articles, extractor.analyzer, limit=limit)
        return ucdp, format_ucdp_table(ucdp) + "\n\n" + format_places_table(ucdp["places"])
    from sitrep.evaluation.negatives import evaluate_negatives, format_negatives_table

    negatives = evaluate_negatives(path, extractor, limit=limit)
    return negatives, format_negatives_table(negatives)
