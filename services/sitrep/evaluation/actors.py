"""Actors on full articles: are the gold sides named with the right type and country, and
are actors from other countries backed by the text.

Gold sides per article: UCDP's `side_a_name` and `side_b_name` (every row of
`ucdp-aec-*.jsonl`) and the `actor1` / `actor2` of each coded incident (the incidents
file). A side is read from the form of its name, never from a list of names:

- *state*: "Government of X", "Military Forces of X", "Police Forces of X" anywhere in
  the name (X a country: "Saudi-led coalition (Military Forces of Saudi Arabia)");
- *civilians*, *protesters*, *rioters*: names that start so; their country is the one in
  brackets ("Civilians (Syria)"), else the article's;
- *non-state*: anything else (named groups, "Unidentified ...", "Syrian insurgents"),
  of the article's country (UCDP's location country; the incident's country).

Several actors in one side ("PSLF, SSPP"; "Military Forces of Eritrea; Military Forces
of Ethiopia") are alternatives: naming one names the side.

A side is *named* when an actor1 or actor2 of some event of the article has its kind
(state: military, police or government; non-state: rebels, militias, other armed
groups; the same type for the rest) and its country (`country_iso3`). A non-state side
whose name has words of its own (not generic: "insurgents", "group", "Syrian") is
*named by name* when such an actor also shares one of those words with it, compared
loosely ("Taleban" / "Taliban", "Ambazonia" / "Ambazonian", "IS" / "Islamic State").

- `sides_named`: gold sides named / gold sides;
- `articles_all_sides`: articles whose every gold side is named / articles;
- `groups_named_by_name`: named non-state sides named by name / such sides;
- `foreign_unevidenced` (UCDP rows): actors of events (any role but source) whose country
  is none of the article's gold countries and which the text does not back: the country
  is not written in the article (its name or a demonym of it) and the actor's own words
  hold no proper name (a capital past the start of its sentence) / actors with a country.
  This is what "militants" read as a Ukrainian group in a Syrian article looks like.

Known limit: UCDP names the Houthi-led authorities in Sanaa "Government of Yemen (North
Yemen)"; read by form, that side is state forces, which an ACLED-style reading (Houthis
as a rebel movement) does not name.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

import pycountry

from sitrep.evaluation.common import Extracted
from sitrep.extraction.events.resources import load_tsv
from sitrep_contracts import ActorRole, ActorType, EnrichedEvent

_STATE_TYPES = {ActorType.MILITARY, ActorType.POLICE, ActorType.GOVERNMENT}
_NON_STATE_TYPES = {
    ActorType.REBELS,
    ActorType.POLITICAL_MILITIA,
    ActorType.IDENTITY_MILITIA,
    ActorType.OTHER,
}
_SIDE_ROLES = {ActorRole.ACTOR1, ActorRole.ACTOR2}
_STATE_NAME = re.compile(
    r"\b(?:government|(?:military|police)(?:\s*(?:and|/)\s*police)?\s+forces"
    r"(?:\s+and\s+police)?)\s+of\s+"
    r"(?:the\s+)?([A-Z][\w' -]+?)(?=\s*[(,;)]|\s+(?:and|with)\b|$)",
    re.IGNORECASE,
)
#: "Afghan national security forces", "Saudi-led coalition": a country's own forces.
_STATE_WORDS = re.compile(r"\b(?:forces|army|troops|police|military|coalition|government)\b")
_BRACKETED = re.compile(r"\(([^)]+)\)")
_PLAIN_KINDS = {
    "civilians": ActorType.CIVILIANS,
    "protesters": ActorType.PROTESTERS,
    "rioters": ActorType.RIOTERS,
}
#: Words that say what kind of side it is, not which one.
_GENERIC_WORDS = frozenset(
    """
    the of and al el forces force group groups armed fighters fighter men local
    unidentified unknown suspected implied alleged faction factions cell insurgents
    insurgent rebels rebel militants militant militia militias separatists separatist
    opposition jihadi jihadist jihadists criminal gunmen gunman movement party front
    cartel cartels gang gangs members member led by old ex no claim responsibility with
    los las la de del grupo tribe clan
    """.split()  # noqa: SIM905 (a word list reads better as words)
)


@dataclass(frozen=True, slots=True)
class GoldSide:
    """One gold side: what kind of actor, which country, and its own name words."""

    kind: ActorType | None  # None: non-state armed group
    state: bool
    country: str | None  # ISO alpha-3
    words: tuple[str, ...]


def _iso3(code_or_name: str | None) -> str | None:
    if not code_or_name:
        return None
    return _lookup(code_or_name.strip())


@lru_cache(maxsize=1024)
def _lookup(name: str) -> str | None:
    if _fold(name) in _country_forms_table():
        return _country_forms_table()[_fold(name)]
    if len(name) == 2 and name.isupper():
        country = pycountry.countries.get(alpha_2=name)
        return country.alpha_3 if country else None
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        pass
    try:  # "Syria", "Myanmar": pycountry's fuzzy search knows common names
        return str(pycountry.countries.search_fuzzy(name)[0].alpha_3)
    except LookupError:
        return None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=1)
def _country_forms_table() -> dict[str, str]:
    """Folded display names and demonyms of the extractor's table -> ISO alpha-3."""
    forms: dict[str, str] = {}
    for row in load_tsv("demonyms.tsv"):
        for form in [row[1], *row[2].split(",")]:
            if form.strip():
                forms.setdefault(_fold(form.strip()), row[0])
    return forms


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Every demonym and country name word the extractor's table knows (folded)."""
    words: set[str] = set()
    for form in _country_forms_table():
        words.update(re.findall(r"[a-z]+", form))
    for country in pycountry.countries:
        words.update(re.findall(r"[a-z]+", _fold(getattr(country, "common_name", country.name))))
    return frozenset(words)


def _name_words(name: str) -> tuple[str, ...]:
    """The words of a gold name that say which group it is (acronyms keep their case)."""
    name = _BRACKETED.sub(lambda m: " " + m.group(1) + " ", name)
    out = []
    for word in re.findall(r"[^\W\d_][\w'-]*", name):
        if word.isupper() and 2 <= len(word) <= 8:
            out.append(word)
            continue
        folded = re.sub(r"^(?:al|el|ar|as|ad|ash|at|az|an)-", "", _fold(word).strip("'-"))
        if len(folded) < 3 or folded in _GENERIC_WORDS or folded in _country_words():
            continue
        out.append(folded)
    return tuple(dict.fromkeys(out))


def read_side(name: str | None, article_country: str | None) -> list[GoldSide]:
    """A gold side name as its alternatives (empty when the side is not named)."""
    if not name or not name.strip():
        return []
    sides = []
    for part in re.split(r"\s*;\s*|,\s+(?=[A-Z])", name.strip()):
        state = _STATE_NAME.search(part)
        if state is not None:
            country = _iso3(_BRACKETED.sub("", state.group(1)).strip())
            sides.append(GoldSide(None, True, country or article_country, ()))
            continue
        words = _fold(part).replace("-", " ").split()
        first = words[0].strip("(),:") if words else ""
        if first in _country_forms_table() and _STATE_WORDS.search(_fold(part)):
            sides.append(GoldSide(None, True, _country_forms_table()[first], ()))
            continue
        kind = _PLAIN_KINDS.get(first)
        if kind is not None:
            bracket = _BRACKETED.search(part)
            country = _iso3(bracket.group(1)) if bracket else None
            sides.append(GoldSide(kind, False, country or article_country, ()))
            continue
        own = () if first in ("unidentified", "unknown") else _name_words(part)
        sides.append(GoldSide(None, False, article_country, own))
    return sides


def _names_side(side: GoldSide, actor_type: ActorType, country: str | None) -> bool:
    if country != side.country:
        return False
    if side.state:
        return actor_type in _STATE_TYPES
    if side.kind is not None:
        return actor_type is side.kind
    return actor_type in _NON_STATE_TYPES


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w'-]*", name))


def _same_word(gold: str, predicted: str) -> bool:
    if gold == predicted:
        return True
    shorter = min(gold, predicted, key=len)
    if len(shorter) >= 5 and (gold.startswith(predicted) or predicted.startswith(gold)):
        return True
    return len(shorter) >= 5 and SequenceMatcher(None, gold, predicted).ratio() >= 0.8


def shares_name(side: GoldSide, predicted_names: list[str]) -> bool:
    """Whether a predicted actor's name or text has one of the side's own words."""
    for name in predicted_names:
        folded_words = [_fold(w) for w in re.findall(r"[^\W\d_][\w'-]*", name)]
        acronyms = {w for w in re.findall(r"\b[A-Z][A-Z0-9-]{1,7}\b", name)}
        acronyms.add(_initials(re.sub(r"^[A-Z0-9-]+:\s*|\s*\(.*", "", name)))
        for word in side.words:
            if word.isupper():
                # "FARC-EMC" is a FARC faction: its first part names the group too
                if word in acronyms or word.split("-")[0] in acronyms:
                    return True
            elif any(_same_word(word, w) for w in folded_words):
                return True
    return False


def _side_actors(events: list[EnrichedEvent]) -> list[tuple[ActorType, str | None, list[str]]]:
    out = []
    for event in events:
        for actor in event.actors:
            if actor.role in _SIDE_ROLES:
                out.append((actor.actor_type, actor.country_iso3, [actor.name, actor.text]))
    return out


def _score_sides(
    tally: Counter[str], prefix: str, sides: list[list[GoldSide]], events: list[EnrichedEvent]
) -> None:
    """Count one article's gold sides (each a list of alternatives) against its events."""
    if not sides:
        return
    predicted = _side_actors(events)
    all_named = True
    for alternatives in sides:
        tally[prefix + "sides"] += 1
        named = [
            side
            for side in alternatives
            if any(_names_side(side, kind, country) for kind, country, _ in predicted)
        ]
        tally[prefix + "named"] += bool(named)
        all_named &= bool(named)
        with_words = [s for s in alternatives if not s.state and s.kind is None and s.words]
        if with_words:
            tally[prefix + "groups"] += 1
            tally[prefix + "groups_by_name"] += any(
                shares_name(side, names)
                for side in with_words
                for kind, country, names in predicted
                if _names_side(side, kind, country)
            )
    tally[prefix + "articles"] += 1
    tally[prefix + "articles_all"] += all_named


@lru_cache(maxsize=512)
def _country_forms(iso3: str) -> re.Pattern[str]:
    """Whole-word pattern of a country's names and demonyms (folded)."""
    forms: set[str] = set()
    country = pycountry.countries.get(alpha_3=iso3)
    if country is not None:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                forms.add(_fold(value))
    for row in load_tsv("demonyms.tsv"):
        if row[0] == iso3:
            forms.add(_fold(row[1]))
            forms.update(_fold(f.strip()) for f in row[2].split(",") if f.strip())
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True) if f)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if alternatives else re.compile("$^")


def _proper_name(text: str, start: int, words: str) -> bool:
    """A capital in the actor's words past the start of its sentence."""
    before = text[max(0, start - 3) : start].rstrip(" \"'“‘")
    sentence_start = not before or before[-1] in ".!?\n:"
    return any(c.isupper() for c in words[1:]) or (words[:1].isupper() and not sentence_start)


def _score_foreign(
    tally: Counter[str],
    names: Counter[str],
    text: str,
    countries: set[str],
    events: list[EnrichedEvent],
) -> None:
    folded = _fold(text)
    for event in events:
        for actor in event.actors:
            if actor.role is ActorRole.SOURCE or not actor.country_iso3:
                continue
            tally["actors_with_country"] += 1
            if actor.country_iso3 in countries:
                continue
            tally["foreign"] += 1
            if _proper_name(text, actor.evidence.start, actor.text):
                continue
            if _country_forms(actor.country_iso3).search(folded):
                continue
            tally["foreign_unevidenced"] += 1
            names[f"{actor.name} <- {actor.text.lower()}"] += 1


def score_actors(
    extracted: list[Extracted],
    coded: dict[str, list[dict[str, Any]]],
    ucdp_country: Any,
) -> dict[str, Any]:
    """The measures above. `ucdp_country(name)` gives ISO alpha-2 of a UCDP country name."""
    tally: Counter[str] = Counter()
    unevidenced: Counter[str] = Counter()
    for item in extracted:
        row = item.row
        home = _iso3(ucdp_country(row["location_root_name"]))
        ucdp_sides = [read_side(row.get(key), home) for key in ("side_a_name", "side_b_name")]
        ucdp_sides = [s for s in ucdp_sides if s]
        _score_sides(tally, "ucdp_", ucdp_sides, item.events)
        countries = {s.country for sides in ucdp_sides for s in sides if s.country}
        countries.add(home or "")
        incidents = coded.get(str(row["id"]))
        if incidents is not None:
            coded_sides = []
            for incident in incidents:
                country = _iso3(incident.get("country"))
                countries.add(country or "")
                for key in ("actor1", "actor2"):
                    side = read_side(incident.get(key), country)
                    if side and side not in coded_sides:
                        coded_sides.append(side)
                        countries.update(s.country or "" for s in side)
            _score_sides(tally, "incidents_", coded_sides, item.events)
        _score_foreign(tally, unevidenced, row["source_article"], countries, item.events)
    out: dict[str, Any] = {}
    for prefix, label in (("ucdp_", "ucdp"), ("incidents_", "incidents")):
        if not tally[prefix + "articles"]:
            continue
        out[label] = {
            "articles": tally[prefix + "articles"],
            "sides": tally[prefix + "sides"],
            "sides_named": tally[prefix + "named"] / tally[prefix + "sides"],
            "articles_all_sides": tally[prefix + "articles_all"] / tally[prefix + "articles"],
            "groups_named_by_name": tally[prefix + "groups_by_name"]
            / max(tally[prefix + "groups"], 1),
        }
    out["foreign"] = {
        "actors_with_country": tally["actors_with_country"],
        "foreign_share": tally["foreign"] / max(tally["actors_with_country"], 1),
        "foreign_unevidenced": tally["foreign_unevidenced"] / max(tally["actors_with_country"], 1),
        "most_common_unevidenced": dict(unevidenced.most_common(8)),
    }
    return out


def format_actors_table(result: dict[str, Any]) -> list[str]:
    lines = ["Actors (gold sides named with type and country; foreign actors)", ""]
    lines.append(f"{'metric':<32}{'value':>10}")
    for label in ("ucdp", "incidents"):
        section = result.get(label)
        if section is None:
            continue
        lines.append(f"{label} ({section['articles']} articles, {section['sides']} sides)")
        for key in ("sides_named", "articles_all_sides", "groups_named_by_name"):
            lines.append(f"  {key:<30}{section[key]:10.3f}")
    foreign = result["foreign"]
    lines.append(f"{'foreign_share':<32}{foreign['foreign_share']:10.3f}")
    lines.append(f"{'foreign_unevidenced':<32}{foreign['foreign_unevidenced']:10.3f}")
    for name, count in foreign["most_common_unevidenced"].items():
        lines.append(f"  {count:4d}  {name}")
    return lines
