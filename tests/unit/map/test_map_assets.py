"""The page's files: vendored ones as the build made them, ours free of HTML sinks."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitrep.map.app import STATIC

REPO = Path(__file__).resolve().parents[3]
VENDOR = STATIC / "vendor"
MANIFEST = json.loads((VENDOR / "manifest.json").read_text(encoding="utf-8"))
LOCK = json.loads((REPO / "scripts" / "map_assets" / "package-lock.json").read_text())
PACKAGE = json.loads((REPO / "scripts" / "map_assets" / "package.json").read_text())
OUR_SCRIPTS = sorted(STATIC.glob("*.js"))


def test_vendored_files_are_exactly_what_the_build_wrote() -> None:
    on_disk = {
        str(path.relative_to(VENDOR)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in VENDOR.rglob("*")
        if path.is_file() and path.name != "manifest.json"
    }

    assert on_disk == MANIFEST["files"], "re-run scripts/build_map_assets.sh; never hand-edit"


def test_vendored_versions_are_the_pinned_ones() -> None:
    for name, version in MANIFEST["packages"].items():
        assert LOCK["packages"][f"node_modules/{name}"]["version"] == version, name
    for name, spec in PACKAGE["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", spec), f"{name} {spec}: pin an exact version"


def test_every_vendored_package_ships_its_licence() -> None:
    licences = {path.stem for path in (VENDOR / "licenses").glob("*.txt")}

    assert {"leaflet", "supercluster", "kdbush", "world-atlas", "natural-earth"} <= licences


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.inline: list[str] = []
        self.handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        if "style" in values:
            self.inline.append(f"style attribute on <{tag}>")
        if tag == "style":
            self.inline.append("<style>")
        if tag == "script":
            self.scripts.append(values)
            self._in_script = True
        if tag == "link" and values.get("href"):
            self.links.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline.append("inline <script>")


@pytest.fixture(scope="module")
def page() -> _Page:
    parser = _Page()
    parser.feed((STATIC / "index.html").read_text(encoding="utf-8"))
    return parser


def test_page_has_no_inline_script_style_or_handlers(page: _Page) -> None:
    assert page.scripts, "no scripts found: the parser is not reading the page"
    assert page.inline == []
    assert page.handlers == []


def test_page_loads_only_files_this_server_has(page: _Page) -> None:
    sources = [script["src"] or "" for script in page.scripts] + page.links

    for source in sources:
        assert source.startswith("/static/"), source
        assert (STATIC / source.removeprefix("/static/")).is_file(), source


@pytest.mark.parametrize("script", OUR_SCRIPTS, ids=lambda path: path.name)
def test_our_scripts_never_turn_strings_into_markup_or_code(script: Path) -> None:
    code = script.read_text(encoding="utf-8")
    sinks = r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|srcdoc"

    assert not re.findall(sinks, code)
    # Leaflet writes a string tooltip, popup or divIcon as HTML: give it elements.
    for call in re.findall(r"\b(?:bindTooltip|bindPopup|setContent)\((.{0,40})", code):
        assert not call.lstrip().startswith(("`", '"', "'")), call
