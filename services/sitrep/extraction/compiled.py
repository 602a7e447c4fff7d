"""Which extraction modules run as mypyc-compiled C extensions, and a guard against stale ones.

`scripts/build_compiled.py` compiles `MODULES` beside their sources and writes `STAMP`
(each source's SHA-256). Python imports a `.so` before the `.py` beside it, so a source
edited after the build would silently run its old compiled code: `guard()` (called before
anything below `sitrep.extraction` is imported) compares the sources with the stamp and, if
any differs or the stamp is missing, makes every module of the group load from its `.py`
(they call each other natively, so it is all or none). Importing this module is cheap.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import structlog

log = structlog.get_logger(__name__)

PACKAGE = "sitrep.extraction"
PACKAGE_DIR = Path(__file__).parent
#: The modules compiled (benchmarks/README.md, "Compiled extraction modules"). Not here:
#: geo.gazetteer (load-time work; it reads its own `__file__`, which mypyc sets wrong for a
#: module of a named group), geo.store (the gazetteer cache pickles its classes, and a
#: compiled class unpickles differently) and geo.analyzer (its time is spaCy's; a test
#: counts its NER calls by patching `_ner_docs`).
MODULES = (
    "geo.focus",
    "geo.mentions",
    "geo.normalize",
    "geo.resolve",
    "geo.romanise",
    "geo.sentences",
    "geo.spelling",
    "geo.surnames",
    "events.actors",
    "events.attribution",
    "events.casualties",
    "events.coding_notes",
    "events.dates",
    "events.event_types",
    "events.extractor",
    "events.identity",
    "events.incidents",
    "events.layout",
    "events.location",
    "events.numbers",
    "events.resources",
    "events.roles",
    "events.segment",
    "events.sense",
    "events.settle",
    "events.spans",
    "events.split",
    "events.text",
    "events.union",
    "relevance.gate",
    "relevance.model",
)
#: mypyc's shared library of the group (`group_name` + "__mypyc").
GROUP = f"{PACKAGE}._compiled"
STAMP = PACKAGE_DIR / "_compiled.sha256"


def source_path(module: str) -> Path:
    """The `.py` of `MODULES` entry `module`."""
    return PACKAGE_DIR.joinpath(*module.split(".")).with_suffix(".py")


def source_hashes() -> dict[str, str]:
    """Each compiled module's source SHA-256, as the stamp records it."""
    return {m: hashlib.sha256(source_path(m).read_bytes()).hexdigest() for m in MODULES}


def stamp_text(hashes: dict[str, str]) -> str:
    """The stamp's content for these source hashes (one module a line, sorted)."""
    return "".join(f"{module} {digest}\n" for module, digest in sorted(hashes.items()))


def stale() -> bool:
    """True when the sources differ from what was compiled (or nothing was)."""
    try:
        return STAMP.read_text(encoding="utf-8") != stamp_text(source_hashes())
    except OSError:
        return True


class _SourcesFirst(importlib.abc.MetaPathFinder):
    """Loads the listed modules from their `.py`, never from a `.so` beside it."""

    def __init__(self, names: dict[str, Path]) -> None:
        self._names = names

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        source = self._names.get(fullname)
        return None if source is None else importlib.util.spec_from_file_location(fullname, source)


#: Set by `guard()`: whether compiled modules were refused as stale.
refused_stale = False


def guard() -> None:
    """Refuse compiled modules whose sources changed since the build (see module doc)."""
    global refused_stale
    if refused_stale or not any(PACKAGE_DIR.glob("_compiled__mypyc*")):
        return
    if stale():
        refused_stale = True
        load_from_sources()


def load_from_sources() -> None:
    """From now on, import every listed module from its `.py` (before it is first imported)."""
    sys.meta_path.insert(0, _SourcesFirst({f"{PACKAGE}.{m}": source_path(m) for m in MODULES}))


def running_compiled() -> list[str]:
    """The `MODULES` imported so far that run compiled."""
    return [
        m
        for m in MODULES
        if (loaded := sys.modules.get(f"{PACKAGE}.{m}")) is not None
        and isinstance(loaded.__loader__, importlib.machinery.ExtensionFileLoader)
    ]


def report() -> None:
    """Log, once the extractor is loaded, whether its modules run compiled."""
    running = running_compiled()
    if refused_stale:
        log.warning(
            "extraction.compiled_stale",
            detail="sources changed since the build: running pure Python (slower); "
            "rebuild with scripts/build_compiled.py or scripts/run.sh",
        )
    elif running:
        log.info("extraction.compiled", modules=len(running), of=len(MODULES))
