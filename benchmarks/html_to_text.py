"""HTML to text on adversarial and real markup: sitrep's lxml path against Python's html.parser.

    .venv/bin/python benchmarks/html_to_text.py [--repeat 3]

Adversarial inputs are ~1 MB (the default article size limit) of markup known to hurt
parsers: unclosed attribute-less tags, deep nesting, unmatched end tags under a deep
stack, unclosed comments, lone '<'. The html.parser baseline (the worker's previous
stripper) runs each with a 60 s cap, in a child process that is killed at the cap. Real
markup: the HTML pages of the Rust book shipped with the local toolchain, if present,
else the bundled samples wrapped in a news-page template. Writes
benchmarks/results/html_to_text.json.
"""

from __future__ import annotations

import argparse
import glob
import html
import multiprocessing
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SAMPLES, machine_info, median, print_table, rounded, write_result

from sitrep.enricher.html import UnreadableHtml, html_to_text

CAP_S = 60.0

ADVERSARIAL = {
    "'<a ' x 24k (72 KB, issue 15)": "<p>x " + "<a " * 24_000,
    "'<a ' x 333k": "<p>x " + "<a " * 333_000,
    "200k nested <div>": "<div>" * 200_000,
    "2k <div> + 130k unmatched </span>": "<div>" * 2000 + "</span>" * 130_000,
    "unclosed comment": "<p>x</p><!--" + "a" * 1_000_000,
    "1M lone '<'": "<p>" + "<" * 1_000_000,
    "125k <b>k</b>": "<b>k</b>" * 125_000,
    "marked sections": "<p>x</p><![ CDATA[x]]>" * 40_000,
}


class _OldStripper(HTMLParser):
    """The worker's previous stripper (html.parser), for comparison."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def old_strip(markup: str) -> str:
    parser = _OldStripper()
    parser.feed(markup)
    parser.close()
    return html.unescape("".join(parser.parts))


def _timed_old(markup: str, queue: multiprocessing.Queue[str]) -> None:
    started = time.perf_counter()
    try:
        old_strip(markup)
        queue.put(f"{time.perf_counter() - started:.4f}")
    except Exception as exc:  # noqa: BLE001 -- report what the old parser raised
        queue.put(type(exc).__name__)


def old_seconds(markup: str) -> str:
    queue: multiprocessing.Queue[str] = multiprocessing.Queue()
    child = multiprocessing.Process(target=_timed_old, args=(markup, queue))
    child.start()
    child.join(CAP_S)
    if child.is_alive():
        child.kill()
        child.join()
        return f"> {CAP_S:.0f} (killed)"
    return queue.get()


def new_seconds(markup: str, repeat: int) -> tuple[float, str]:
    times, outcome = [], "text"
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            html_to_text(markup)
        except UnreadableHtml:
            outcome = "rejected (too deep)"
        times.append(time.perf_counter() - started)
    return median(times), outcome


def real_pages() -> tuple[str, list[str]]:
    pages = sorted(glob.glob("/root/.rustup/toolchains/*/share/doc/rust/html/book/*.html"))
    if pages:
        return "Rust book pages (local toolchain)", [
            Path(p).read_text("utf-8", "replace") for p in pages
        ]
    template = "<html><head><script>var x=1;</script></head><body><nav>Home</nav><article>{}</article></body></html>"
    texts = [
        template.format("".join(f"<p>{line}</p>" for line in p.read_text("utf-8").splitlines()))
        for p in sorted(SAMPLES.glob("*.txt"))
    ]
    return "bundled samples in a news-page template", texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    started = time.monotonic()
    machine = machine_info()
    rows, results = [], {}
    for name, markup in ADVERSARIAL.items():
        seconds, outcome = new_seconds(markup, args.repeat)
        baseline = old_seconds(markup)
        rows.append([name, f"{len(markup) / 1e6:.2f}", f"{seconds:.4f}", outcome, baseline])
        results[name] = {
            "bytes": len(markup),
            "lxml_s": seconds,
            "lxml_outcome": outcome,
            "html_parser_s": baseline,
        }
    source, pages = real_pages()
    total = sum(len(p) for p in pages)
    lxml_times = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for page in pages:
            html_to_text(page)
        lxml_times.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    for page in pages:
        old_strip(page)
    old_time = time.perf_counter() - t0
    rows.append(
        [
            f"real: {len(pages)} pages",
            f"{total / 1e6:.2f}",
            f"{median(lxml_times):.4f}",
            "text",
            f"{old_time:.4f}",
        ]
    )
    results["real"] = {
        "source": source,
        "pages": len(pages),
        "bytes": total,
        "lxml_s": median(lxml_times),
        "html_parser_s": old_time,
    }
    print_table(
        "HTML to text, seconds (median of repeats; html.parser once, capped)",
        ["input", "MB", "lxml (sitrep)", "lxml outcome", "html.parser (before)"],
        rows,
    )
    path = write_result(
        "html_to_text",
        sys.argv,
        {"repeat": args.repeat, "cap_s": CAP_S},
        rounded(results, 4),
        machine,
        started,
    )
    print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
