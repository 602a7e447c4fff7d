"""Inject faults into real workers on a real (embedded) broker and count what is lost.

    .venv/bin/python scripts/fault_injection.py [--articles N] [--fuzz N] [--only kill9,fuzz,...]

Starts its own embedded broker on a free port, runs each scenario of
tests/integration/fault_scenarios.py (kill -9 mid-stream, kill one of two workers, SIGTERM
mid-stream, broker outage: that one brings its own broker; fuzz: N random and mutated
messages through one worker, 2000 by default where CI sends 160), prints tables and
writes benchmarks/results/faults.json. Exits non-zero when anything is lost.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the scenarios live with the integration tests

from sitrep.broker.embedded import EmbeddedBroker, free_port  # noqa: E402
from tests.integration import fault_scenarios as scenarios  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "faults.json"
ORDER = ["kill9", "kill_one_of_two", "sigterm", "outage", "fuzz"]
FUZZ_DEFAULT = 2000
COLUMNS = [
    ("scenario", "scenario", 20),
    ("messages_sent", "sent", 5),
    ("events_expected", "events exp.", 11),
    ("events_seen", "seen (distinct)", 15),
    ("duplicates", "duplicates", 10),
    ("replayed", "replayed", 8),
    ("lost", "lost", 4),
    ("recover_s", "recover s", 9),
    ("complete_s", "complete s", 10),
]


def table(rows: list[dict[str, object]]) -> str:
    lines = [" | ".join(title.ljust(width) for _, title, width in COLUMNS)]
    lines.append("-|-".join("-" * width for _, _, width in COLUMNS))
    for row in rows:
        lines.append(
            " | ".join(
                ("-" if row.get(key) is None else str(row.get(key))).ljust(width)
                for key, _, width in COLUMNS
            )
        )
    return "\n".join(lines)


async def run(
    names: list[str], count: int, fuzz: int, workdir: Path
) -> tuple[list[dict[str, object]], dict[str, object] | None]:
    rows: list[dict[str, object]] = []
    fuzzed: dict[str, object] | None = None
    broker = EmbeddedBroker(port=free_port()).start()
    try:
        for name in names:
            prefix = f"faults-{name.replace('_', '-')}-{int(time.time())}"
            started = time.monotonic()
            try:
                if name == "fuzz":
                    found = await scenarios.fuzz_worker(
                        broker.bootstrap_servers, prefix, workdir, fuzz
                    )
                    print(found.summary(), file=sys.stderr)
                    fuzzed = {**found.as_dict(), "wall_s": round(time.monotonic() - started, 1)}
                    fuzzed["ok"] = not (
                        found.crashes
                        or found.lost
                        or found.duplicates
                        or found.unexplained
                        or found.liveness_failures
                    )
                    continue
                if name == "outage":
                    result = await scenarios.broker_outage(prefix, workdir, count)
                else:
                    result = await scenarios.ON_SHARED_BROKER[name](
                        broker.bootstrap_servers, prefix, workdir, count
                    )
            except Exception as exc:  # noqa: BLE001 -- report the scenario as failed, go on
                traceback.print_exc()
                rows.append({"scenario": name, "error": repr(exc), "ok": False})
                continue
            row = result.as_dict()
            row["wall_s"] = round(time.monotonic() - started, 1)
            rows.append(row)
            print(result.summary(), file=sys.stderr)
    finally:
        broker.stop()
    return rows, fuzzed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=scenarios.ARTICLES)
    parser.add_argument("--fuzz", type=int, default=FUZZ_DEFAULT, help="messages to fuzz with")
    parser.add_argument("--only", default=",".join(ORDER), help="comma-separated scenarios")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    names = [name for name in args.only.split(",") if name]
    unknown = set(names) - set(ORDER)
    if unknown:
        parser.error(f"unknown scenarios {sorted(unknown)}; known: {ORDER}")

    workdir = Path(tempfile.mkdtemp(prefix="sitrep-faults-"))
    rows, fuzzed = asyncio.run(run(names, args.articles, args.fuzz, workdir))
    if rows:
        print(table(rows))
    if fuzzed is not None:
        print(
            "\n| fuzz | messages | kinds | crashes | lost | duplicates | enriched | dead letters "
            "| slowest message s | liveness ok |\n|---|---|---|---|---|---|---|---|---|---|\n"
            f"| seed 15 | {fuzzed['messages']} | {fuzzed['kinds']} | {fuzzed['crashes']} "
            f"| {fuzzed['lost']} | {fuzzed['duplicates']} | {fuzzed['enriched']} "
            f"| {sum(fuzzed['dead_letters'].values())} | {fuzzed['slowest_s']} "  # type: ignore[union-attr]
            f"| {fuzzed['liveness_probes'] - fuzzed['liveness_failures']}/{fuzzed['liveness_probes']} |"  # type: ignore[operator]
        )
    print(f"\nworker logs: {workdir}")
    failed = [row["scenario"] for row in rows if not row.get("ok")]
    if fuzzed is not None and not fuzzed["ok"]:
        failed.append("fuzz")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(
            {
                "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "broker": "embedded Tansu (memory storage)",
                "articles_per_scenario": args.articles,
                "notes": {
                    "duplicates": "output messages beyond the distinct ones (at-least-once)",
                    "replayed": "article messages consumed again after the fault (worker metrics)",
                    "recover_s": "fault -> first enrichment produced after it (outage: broker back ->)",
                    "complete_s": "same origin -> last output of the stream",
                },
                "scenarios": rows,
                "fuzz": fuzzed,
                "ok": not failed,
            },
            indent=2,
        )
        + "\n"
    )
    print(
        f"wrote {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}"
    )
    if failed:
        print(f"FAILED (lost or broken): {failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
