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

from sitrep.inputs import InputError, read_articles

if TYPE_CHECKING:
    from sitrep.extraction import Extractor

stderr = Console(stderr=True)


def _load_extractor() -> Extractor:
    from sitrep.extraction import Extractor
    from sitrep.settings import Settings

    with stderr.status("loading the NLP pipeline and gazetteer..."):
        return Extractor.load(Settings())


def extract(
    paths: list[str], *, as_json: bool, published_at: dt.datetime | None, language: str
) -> int:
    extractor = _load_extractor()
    stdout = Console()
    from sitrep.cli.render import event_panel

    count = 0
    try:
        for item in read_articles(paths, published_at=published_at, language=language):
            for event in extractor.extract(item.article):
                count += 1
                if as_json:
                    sys.stdout.write(event.model_dump_json() + "\n")
                else:
                    stdout.print(event_panel(event))
    except InputError as exc:
        stderr.print(f"[red]error:[/red] {exc}")
        return 2
    sys.stdout.flush()
    stderr.print(f"{count} events")
    return 0


def geoparse(
    paths: list[str], *, as_json: bool, published_at: dt.datetime | None, language: str
) -> int:
    extractor = _load_extractor()
    stdout = Console()
    try:
        for item in read_articles(paths, published_at=published_at, language=language):
            enrichment = extractor.geoparse(item.article)
            if as_json:
                sys.stdout.write(enrichment.model_dump_json() + "\n")
                continue
            stdout.print(f"[bold]{enrichment.article_id}[/bold]: {len(enrichment.places)} places")
            for place in enrichment.places:
                stdout.print(
                    f"  {place.evidence.start:>6}  {place.text!r:28} -> {place.name} "
                    f"[{place.feature_code}, {place.admin1 or '-'}, {place.country_code or '-'}] "
                    f"geonames {place.geonameid}  ({place.confidence:.2f})"
                )
    except InputError as exc:
        stderr.print(f"[red]error:[/red] {exc}")
        return 2
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
