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

from sitrep.cli.errors import stderr, warn
from sitrep.cli.options import plural
from sitrep.inputs import read_articles
from sitrep_contracts import Article

if TYPE_CHECKING:
    from sitrep.extraction import Extractor


def _load_extractor() -> Extractor:
    from sitrep.cli.progress import loading_message, spinner
    from sitrep.extraction import Extractor
    from sitrep.settings import load_settings

    settings = load_settings()
    with spinner(loading_message(settings)):
        return Extractor.load(settings)


def _read(paths: list[str], *, published_at: dt.datetime | None, language: str) -> list[Article]:
    """Every input article, read before the models load: a bad input is reported at once."""
    articles = [
        item.article for item in read_articles(paths, published_at=published_at, language=language)
    ]
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
    extractor = _load_extractor()
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


def evaluate(path: Path, *, limit: int | None, output: Path | None) -> int:
    """Dispatch on the file's shape: LGL rows carry `toponyms`, ACLED rows carry `gold`."""
    with path.open(encoding="utf-8") as handle:
        first = json.loads(handle.readline())
    extractor = _load_extractor()
    if "toponyms" in first:
        from sitrep.evaluation.lgl import evaluate_lgl, format_lgl_table

        result = evaluate_lgl(path, extractor, limit=limit)
        table = format_lgl_table(result)
    elif "gold" in first:
        from sitrep.evaluation.acled import evaluate_acled, format_acled_table

        result = evaluate_acled(path, extractor, limit=limit)
        table = format_acled_table(result)
    else:
        stderr.print(f"[red]error:[/red] {path}: rows have neither 'toponyms' nor 'gold'")
        return 2
    sys.stdout.write(table + "\n")
    if output is not None:
        output.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
        stderr.print(f"wrote {output}")
    return 0
