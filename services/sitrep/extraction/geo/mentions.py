"""Find place mentions: gazetteer hits over folded tokens, filtered for common words and
parts of person names, then merged with whatever spaCy NER saw.

The gazetteer finds transliterated places spaCy labels ORG ("Balakliïa"); spaCy tells
"Jackson said" (a person) from "Jackson, Miss." (a place). Neither alone is enough.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from sitrep.extraction.analysis import Entity
from sitrep.extraction.geo.gazetteer import Gazetteer, Place
from sitrep.extraction.geo.normalize import Token, fold, fold_token
from sitrep.extraction.geo.store import MAX_CACHED

# Lower-case words allowed inside a multi-word name ("Rostov-on-Don", "Isle of Man",
# "Kharkiv region", "Clay county").
_CONNECTORS = frozenset(
    fold_token(w)  # compared with folded words: "county" is "cunty"
    for w in (
        "of",
        "on",
        "upon",
        "de",
        "del",
        "la",
        "le",
        "du",
        "al",
        "el",
        # Arabic articles the way English copy writes them ("X ez-Y", "Wadi al-X").
        "ez",
        "es",
        "ed",
        "er",
        "ad",
        "as",
        "ar",
        "at",
        "az",
        "an",
        "ash",
        # The Persian ezafe, hyphened between the words it joins ("Qala-e-Naw").
        "e",
        "i",
        "and",
        "region",
        "oblast",
        "province",
        "state",
        "governorate",
        "prefecture",
        "county",
        "parish",
    )
)
# Capitalised words before a place that do not make it a person's name.
_PLACE_PREFIXES = frozenset(
    {
        "in",
        "at",
        "from",
        "to",
        "near",
        "of",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "downtown",
        "greater",
        "outside",
        "across",
        "the",
        "and",
        "or",
        "via",
        "into",
        "towards",
        "toward",
        "around",
        "through",
        "between",
        "occupied",
        "liberated",
        "besieged",
        "embattled",
        "neighboring",
        "neighbouring",
        "rural",
        "suburban",
        "upstate",
        "metro",
        "both",
        # Words for a village or ward written before its name ("Barangay X", "Sitio X").
        "barangay",
        "sitio",
        "purok",
        "kebele",
        "woreda",
    }
)


@dataclass(slots=True)
class Mention:
    """A span of the article that names a place, with every gazetteer reading of it."""

    start: int
    end: int
    text: str
    key: str
    candidates: list[Place]
    first_token: int
    last_token: int
    ner_label: str | None = None
    #: A single word that is also a common given name or surname ("Warren", "Karen") and
    #: names no country or state: worth an NER look when nothing around it says place.
    personal_name: bool = False
    #: Why the span is doubtful (a word that is rarely a place, a name-like neighbour).
    doubts: list[str] = field(default_factory=list)
    #: What makes it look like a place anyway ("in X", "X, Texas", a country name).
    evidence: list[str] = field(default_factory=list)

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        key: str,
        candidates: list[Place],
        first_token: int,
        last_token: int,
        ner_label: str | None = None,
        personal_name: bool = False,
        doubts: list[str] | None = None,
        evidence: list[str] | None = None,
    ) -> None:
        """The dataclass's own, written out: compiled, where the one it generates runs
        interpreted (~90 mentions a 700-word article; round 17)."""
        self.start = start
        self.end = end
        self.text = text
        self.key = key
        self.candidates = candidates
        self.first_token = first_token
        self.last_token = last_token
        self.ner_label = ner_label
        self.personal_name = personal_name
        self.doubts = [] if doubts is None else doubts
        self.evidence = [] if evidence is None else evidence

    @property
    def plausible(self) -> bool:
        """Keep without asking NER: no doubt, or only weak doubts outweighed by evidence."""
        if not self.doubts:
            return True
        if not self.evidence or (self.personal_name and not self.textual_evidence):
            return False
        if (
            "before an unknown name" in self.doubts
            and "locative" in self.evidence
            and not self.wide
            and not BINDING_EVIDENCE & set(self.evidence)
        ):
            # "near Nova Xyzivka": a town's name starting a longer name the gazetteer does
            # not know, "near" it notwithstanding; NER decides. (Without the preposition,
            # "the Newton Redevelopment Board", the name is usually the town's.)
            return False
        return not self.strong_doubt or bool({"contained", "settlement of"} & set(self.evidence))

    @property
    def wide(self) -> bool:
        """Some reading is a country, state, region or continent."""
        return any(_is_wide(c) for c in self.candidates)

    @property
    def strong_doubt(self) -> bool:
        """Doubts about the word itself, not just about its neighbours."""
        return bool(_STRONG_DOUBTS & set(self.doubts))

    @property
    def textual_evidence(self) -> bool:
        """Evidence from the words around the span ("in X", "X, Texas", a dateline), not
        just from the size of the place it could be."""
        return any(e != "major place" for e in self.evidence)

    @property
    def person_proof(self) -> bool:
        """Words that bind the span as a place whatever NER says of it: "Sachs of
        Alexandria", "Clay, Kan.", a dateline, or a district type ("Hale County")."""
        return bool(BINDING_EVIDENCE & set(self.evidence)) or bool(_TYPED_KEY.search(self.key))

    @property
    def hopeless(self) -> bool:
        """A strong doubt (a calendar word, "Mr. X", a first name before it) and nothing in
        the text saying place: NER almost never rescues these, and is often wrong when it
        does, so they are dropped without asking it."""
        return (
            not self.plausible
            and bool(set(self.doubts) & _DECISIVE_DOUBTS)
            and not self.textual_evidence
        )


_COUNTIES_NOUN = re.compile(r"\s((?i:counties|parishes))\b")
#: How far back a list of county names may start before its plural noun.
_COUNTY_LIST_CHARS = 300
# A list of names before "counties": names and the commas/"and"/"&" between them.
_LIST_ITEM = re.compile(r"[A-Z][\w'.-]*(?: [A-Z][\w'.-]*)?|,\s*|,?\s+and\s+|\s*&\s*|\s+|\S+")
_SEPARATOR = re.compile(r",\s*|,?\s+and\s+|\s*&\s*")


def _listed_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the names in the list that ends at `end` ("Pine, Cedar and Hale"),
    read backwards from the end until the list breaks (last name first)."""
    items = [(m.start(), m.end()) for m in _LIST_ITEM.finditer(text, start, end)]
    if items and not text[items[-1][0] : items[-1][1]].strip():
        items.pop()  # the space before the noun
    names: list[tuple[int, int]] = []
    expect_name = True
    for item_start, item_end in reversed(items):
        is_name = text[item_start].isupper()
        is_separator = not is_name and _SEPARATOR.fullmatch(text, item_start, item_end)
        if expect_name and is_name:
            names.append((item_start, item_end))
        elif expect_name or not is_separator:
            break
        expect_name = not expect_name
    return names


def pattern_mention(
    text: str, start: int, end: int, key: str, candidates: list[Place], evidence: list[str]
) -> Mention:
    """A mention found by a text pattern rather than the token matcher."""
    return Mention(
        start=start,
        end=end,
        text=text[start:end],
        key=key,
        candidates=candidates,
        first_token=-1,
        last_token=-1,
        evidence=evidence,
    )


def _merged(mentions: list[Mention], added: list[Mention]) -> list[Mention]:
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


class _Taken:
    """Spans of the mentions already found, for O(log n) overlap tests."""

    __slots__ = ("ends", "longest", "starts")

    def __init__(self, mentions: list[Mention]) -> None:
        ordered = sorted((m.start, m.end) for m in mentions)
        self.starts = [s for s, _ in ordered]
        self.ends = [e for _, e in ordered]
        self.longest = max((e - s for s, e in ordered), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        first = bisect_left(self.starts, start - self.longest)
        last = bisect_left(self.starts, end)
        return any(self.ends[k] > start for k in range(first, last))


# "Elm and Main streets": every name in the list is a street.
_PLURAL_STREETS = re.compile(
    r"(?:(?:,\s*|\s+and\s+|\s*&\s*)[A-Z][\w'.-]*(?:\s[A-Z][\w'.-]*)?){0,30}"
    r"\s+(?:streets|avenues|roads|drives|lanes|boulevards)\b"
)
# "the corner of X and Y", and "the streets of X and Y" inside a town ("..., in the historic
# centre of the city"): two streets that meet, not two towns ("the streets of X and Y"
# alone may be two towns' streets).
_CORNER_OF = re.compile(r"\b(?:corner|intersection)s? of (?:the )?$", re.IGNORECASE)
_STREETS_OF = re.compile(r"\bstreets of (?:the )?$", re.IGNORECASE)
_IN_TOWN_AFTER = re.compile(
    r",?\s+(?:in|near|at)\s+(?:the\s+)?(?:(?:historic|old|commercial)\s+)?"
    r"(?:(?:cent(?:er|re)|downtown)\s+of\s+(?:the|this|that)\s+(?:city|town)|downtown\b|"
    r"(?:city|town)\s+cent(?:er|re))",
    re.IGNORECASE,
)
_PAIR_GAP = re.compile(r"\s+(?:and|&)\s+")
#: "the intersection of X and Y districts": two regions that meet.
_REGIONS_AFTER = re.compile(
    r"\s+(?:districts|provinces|regions|counties|states|governorates|municipalities)\b",
    re.IGNORECASE,
)
# ", Ill." / ", W.Va." / ", N. Dak." / ", IL" right after a place: a US state abbreviation.
_STATE_ABBREVIATION = re.compile(
    r",[ \t]*((?:[A-Z][a-z]{0,4}\.[ ]?){1,2}|[A-Z][a-z]{2,4}(?![\w'])|[A-Z]{2}(?![\w'.]))"
)
# "S.C.", "W. Va.", "Okla.": a dotted abbreviation, not inside a longer dotted word. The
# look-behind comes after the first capital: a pattern that starts with a character class
# is searched for only where that class matches (`re` skips ahead), not tried everywhere.
_DOTTED_ABBREVIATION = re.compile(
    r"[A-Z](?<![\w.][A-Z])[a-z]{0,4}\.[ ]?(?:[A-Z][a-z]{0,4}\.[ ]?)?(?![a-z])"
)
#: Dotted state abbreviations that are also words, names or titles ("attended Mass.",
#: "Col. Smith", "Sean Penn."): states only after a town ("Boston, Mass.").
_ABBREVIATIONS_NEEDING_A_TOWN = frozenset(
    {"Mass.", "Miss.", "Wash.", "Ore.", "Oreg.", "Col.", "Cal.", "Penn.", "Mont.", "Del."}
)
# Words after a person's name, not after a town's: "Ripley said", "Stevens, who".
PERSON_AFTER = re.compile(
    r"(?:'s?\s+(?:wife|husband|son|daughter|mother|father|family|attorney|lawyer)\b|"
    r",?\s+(?:said|says|told|added|explained|testified|wrote|asked|replied|noted|who)\b|"
    r",\s+\d{1,3},)"
)
#: Capitalised words after an age ("nine-year-old Xyz Lisna died") name a person: a name
#: after the first of them is the person's, not a place (the first alone may be where the
#: person is from: "a 30-year-old Lisna resident").
_AGED_NAME = re.compile(r"\byears?[- ]old (?:[A-Z][\w'’-]* ){1,2}$")
#: What every _AGED_NAME match holds: a window without it needs no regex.
_AGED_WORD = "old "
TITLES = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sen",
        "rep",
        "gov",
        "coach",
        "officer",
        "judge",
        "president",
        "sgt",
        "lt",
        "capt",
        "deputy",
        "detective",
        "sheriff",
        "chief",
        "mayor",
        "senator",
        "governor",
        "sir",
        "lady",
        "lord",
        "pastor",
        "rev",
        "father",
        "brother",
        "sister",
        "professor",
        "prof",
        "attorney",
        "councilman",
        "councilwoman",
        "commissioner",
        "trooper",
        "agent",
        "manager",
        "director",
        "superintendent",
        "principal",
        "minister",
    }
)
# Capitalised nouns that follow a place inside an institution's name ("Springdale Police
# Department", "Marlow County Fair"): they do not make the place a first name.
_PLACE_NOUNS = frozenset(
    {
        "police",
        "city",
        "county",
        "state",
        "high",
        "school",
        "schools",
        "university",
        "college",
        "department",
        "council",
        "hospital",
        "airport",
        "fire",
        "sheriff",
        "fair",
        "district",
        "public",
        "community",
        "area",
        "township",
        "region",
        "oblast",
        "river",
        "lake",
        "valley",
        "street",
        "road",
        "avenue",
        "regional",
        "national",
        "international",
        "memorial",
        "center",
        "centre",
        "museum",
        "library",
        "church",
        "court",
        "board",
        "commission",
        "chamber",
        "times",
        "post",
        "herald",
        "tribune",
        "news",
        "daily",
        "sheriffs",
        "commissioners",
        "commissioner",
        "fairgrounds",
        "convention",
        "mayor",
        "volunteer",
        "ward",
        "town",
        "village",
        "borough",
        "municipal",
        "metro",
        "parks",
        "health",
        "housing",
        "water",
        "planning",
        "zoning",
        "emergency",
        "transit",
        "councillor",
        "councilman",
        "councilwoman",
        "elementary",
        "middle",
    }
)
# Of those, the nouns that make a name at a sentence start an institution named after a
# place ("Ames State University", "Newton Police Chief"), not a surname. Streets,
# churches and centres are named after people too, so they are left out.
_INSTITUTION_NOUNS = _PLACE_NOUNS - frozenset(
    {
        "street",
        "road",
        "avenue",
        "center",
        "centre",
        "memorial",
        "church",
        "museum",
        "river",
        "lake",
        "valley",
        "times",
        "post",
        "herald",
        "tribune",
        "news",
        "daily",
        "national",
        "international",
        "regional",
        "court",
        "board",
        "commission",
        "chamber",
        "department",
        "area",
    }
)
# Keys that end in a type word name the district itself, whatever follows ("Marion County
# Fair", "Polk County Sheriff's Office").
_TYPED_KEY = re.compile(
    " (?:"
    + "|".join(fold_token(w) for w in ("county", "parish", "township", "borough", "city"))
    + ")$"
)
# "TOPEKA — ", "NEWTON, Iowa — ": a dateline opens a local news story.
_DATELINE_AFTER = re.compile(r"(?:,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)?[ \t]*(?:—|–|--| - )")
# Compared with folded words ("county" -> "cunty", "south" -> "suth"): fold the lists alike.
_PLACE_PREFIXES = frozenset(fold_token(w) for w in _PLACE_PREFIXES)
TITLES = frozenset(fold_token(w) for w in TITLES)
_PLACE_NOUNS = frozenset(fold_token(w) for w in _PLACE_NOUNS)
_INSTITUTION_NOUNS = frozenset(fold_token(w) for w in _INSTITUTION_NOUNS)
_UNKNOWN_CHILD = re.compile(r"\b[A-Z][\w'’-]+,\s*$")
_STRONG_DOUBTS = frozenset(
    {
        "common word",
        "alias of a small place",
        "acronym",
        "person name",
        "firm name",
        "model name",
        "street name",
        "part of a longer name",
        "group name",
    }
)
#: Lower-case words that join the parts of Spanish, Portuguese, French, Italian and Arabic
#: names ("Agua de Vid", "Camino a Peña Blanca", "Tareeq al-Sad"): a single-word hit on
#: one side of them, with a capitalised word on the other, is a part of a name the
#: gazetteer lacks as a whole (whole names it has are matched whole first).
_NAME_JOINERS = frozenset(
    {"de", "del", "la", "las", "los", "el", "al", "da", "do", "dos", "das", "di", "du", "des"}
)
# A capitalised street-type word right after the name, or after the name and one more
# word: "Elm Road", "Lexington Avenue", "Sanchez Taboada Boulevard" name a street (after
# the town or a person or not), not the place. Only words that are never a place's own
# last word; "X Street" inside a place's name is matched whole by the gazetteer. State
# police ("Kansas Highway Patrol") and county roads and courts keep their place.
_STREET_AFTER = re.compile(
    r"[ ](?:Street|St\.|Road|Rd\.|Avenue|Ave\.|Drive|Dr\.|Lane|Boulevard|Blvd\.|Court|Ct\."
    r"|Parkway|Pkwy\.|Highway(?! Patrol)|Hwy\.|Pike|Terrace|Circle|Way)(?!\w)"
    # After one more word, only the words that name nothing but a street ("X Supreme
    # Court", "X County Coroner Dr. Y" keep their place).
    r"|[ ][A-Z][\w'’-]+[ ](?:Street|Road|Avenue|Boulevard|Lane)\b"
)
# "countryside of X", "rural X", "X's countryside", "the state of X": the region named
# after the town (a governorate, a province, a state), not the town itself ("outskirts of
# X" is the town's).
_REGION_BEFORE = re.compile(
    r"(?:\b(?:countryside|province|governorate|provinces|governorates|state|states) of"
    r" (?:the )?|\brural )"
    r"(?:(?:a[lnrstdz]|ash|el)-)?$",  # "the countryside of Al-X": the article is the name's
    re.IGNORECASE,
)
_REGION_AFTER = re.compile(r"(?:['’]s)? countryside\b", re.IGNORECASE)
# "the town of X", "the villages of X", "the outskirts of X": X is a settlement whatever
# else its name could be.
SETTLEMENT_OF = re.compile(
    r"\b(?:town|towns|village|villages|city|hamlet|camp|district|township|municipality"
    r"|neighbou?rhood|locality|area|region|province|governorate|state|countryside"
    r"|outskirts|suburbs|environs) of (?:the )?$",
    re.IGNORECASE,
)


#: "X village", "X town": a lower-case settlement word after the name says the same, as
#: a front line does ("the X frontline", "the X axis": war reports name villages so).
_SETTLEMENT_AFTER = re.compile(
    r"[ ](?:village|villages|town|township|hamlet|camp|frontline|frontlines|front line|axis)\b"
)


#: Evidence that the text calls the name a town or village ("X village"): no region.
TOWN_WORD = "town word"
#: Evidence that the text calls the name a part of a town ("the X neighborhood"): neither
#: a region nor a town abroad that shares the name.
QUARTER_WORD = "quarter word"
_QUARTER_AFTER = re.compile(r"[ ](?:neighbou?rhoods?|quarter|suburb)\b")


#: "The village of Al-X" where the matcher read "X": a town, though the name the text calls
#: one is not the mention's own.
_TOWN_OF_ARTICLE = re.compile(
    r"\b(?:town|towns|village|villages|city|hamlet|camp|township) of (?:the )?"
    r"(?:[Aa][lnrstdz]|[Aa]sh|[Ee]l)-$",
    re.IGNORECASE,
)


def _tail(text: str, start: int) -> str:
    """The last few characters before `start`, lower-cased, a final newline dropped (`$`
    matches before one): what _REGION_BEFORE and _TOWN_OF_ARTICLE must end with, so most
    names need neither search."""
    tail = text[max(0, start - 8) : start]
    return (tail[:-1] if tail.endswith("\n") else tail).lower()


def settlement_after(text: str, end: int) -> bool:
    """Whether a lower-case settlement word follows the name ending at `end` ("X village")."""
    return _SETTLEMENT_AFTER.match(text, end) is not None


def settlement_before(text: str, start: int) -> bool:
    """Whether SETTLEMENT_OF ends right before `start` ("the town of X"). Most words follow
    no "of": a slice answers for them, the regex (a few microseconds) for the rest."""
    if not text[max(0, start - 7) : start].lower().endswith(("of ", "of the ")):
        return False
    return SETTLEMENT_OF.search(text, max(0, start - 40), start) is not None


# The Arabic article, hyphenated to the name it belongs to ("Al-X", "El-Fasher").
_ARTICLE = re.compile(r"^(?:Al|El|Ad|As|Ash|Ar|At|Az|An|Ez|Es|Ed|Er)$")
_HYPHEN_NAME = re.compile(r"[-‐‑][A-Z]")
# "Jan. 19", "Nov 3": an abbreviated month before a day number is a date.
_MONTH_DAY = re.compile(r"^(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$")
_DAY_AFTER = re.compile(r"\.?[ ]\d{1,2}\b")
#: Characters that join the words of a web address ("site.org/news/xyz-town-attacked").
_URL_JOINERS = frozenset("/-_.=?&#%+")
#: A web address: a scheme, "www." or a domain followed by a path.
_WEB_ADDRESS = re.compile(r"://|\bwww\.|\.[a-z]{2,6}/", re.IGNORECASE)
#: How far either side of a word a web address is looked for.
_URL_REACH = 200


def in_web_address(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a piece of a web address: a cited link's slug names a
    place the page is about, in whatever country, not one the article reports."""
    if (start == 0 or text[start - 1] not in _URL_JOINERS) and (
        end >= len(text) or text[end] not in _URL_JOINERS
    ):
        return False
    lo = max(0, start - _URL_REACH)
    hi = min(len(text), end + _URL_REACH)
    left = text[lo:start].rsplit(None, 1)[-1] if text[lo:start].strip() else ""
    right = text[end:hi].split(None, 1)[0] if text[end:hi].strip() else ""
    if text[start - 1 : start].isspace():
        left = ""
    if text[end : end + 1].isspace():
        right = ""
    return _WEB_ADDRESS.search(left + text[start:end] + right) is not None


# "St. Patrick's Day", "St Andrews Church": the word after "St" names a saint.
_SAINT_BEFORE = re.compile(r"\bSt\.?[ ]$")
# "I've", "It's", "They're": a pronoun with a contracted verb, whatever village shares it;
# also "Itâ", where a scraper read the UTF-8 of a curly apostrophe as cp1252.
_CONTRACTION = re.compile(
    r"^(?:I|It|He|She|We|You|They|That|There)(?:['\u2019](?:ve|s|re|ll|d|m)|\u00e2)$"
)
# A weapon or vehicle designation right before: letters and digits joined by a hyphen.
_MODEL_CODE = re.compile(r"\b[A-Z][A-Za-z]*-?\d+[A-Za-z]?[ ]$")
#: A launcher's or a missile's name: capitalised names (a list of them at most) right
#: before the weapon's kind ("a battery of Falcon and Hornet launchers"). Weapons are
#: named after towns, animals and winds; a country or a big region before the kind says
#: whose ("Gaza rockets") and is not tested.
_WEAPON_NAMED_AFTER = re.compile(
    r"(?:(?:,|,? and|,? or) [A-Z][\w'-]*)*[ ](?:multiple[- ]launch )?"
    r"(?:rockets?|missiles?|MLRS|rocket launchers?|launchers?|howitzers?|drones?)\b"
)
# Strong doubts NER may still overturn: a transliterated village name is often
# only an alternate name of a small place, and NER reads it as a place.
_DECISIVE_DOUBTS = _STRONG_DOUBTS - {"alias of a small place"}
# Evidence that binds the span itself as a place name, whatever its neighbours.
BINDING_EVIDENCE = frozenset(
    {"contained", "container", "abbreviation", "dateline", "residence", "settlement of"}
)
_FIRM_AFTER = re.compile(r"\s*&\s*[A-Z]")
_FIRM_BEFORE = re.compile(r"[A-Z][\w'’]*\s*&\s*$")
LOCATIVES = frozenset(
    {
        "in",
        "at",
        "from",
        "near",
        "outside",
        "to",
        "into",
        "across",
        "toward",
        "towards",
        "through",
        "around",
        "downtown",
        "visit",
        "visited",
        "via",
    }
)


LOCATIVES = frozenset(fold_token(w) for w in LOCATIVES)


#: "Lisna district of Dubrava": the first lies in the second, as with a comma or "in".
UNIT_OF = re.compile(
    r"^(?:district|sub-?district|county|municipality|township|village|area|"
    r"neighbou?rhood|province|governorate|region)\s+of(?:\s+the)?$",
    re.IGNORECASE,
)


#: Words right before a country named as the one who acted, not where.
_BLAMED = re.compile(
    r"\b(?:blam(?:e|ed|es|ing)|accus(?:e|ed|es|ing)|attribut(?:e|ed|es|ing)(?: [\w'-]+){0,4} to"
    # the weapon's user: "drones launched by Russia", "missiles fired by Iran"
    r"|(?:launched|fired) by)"
    r"(?: the)? $",
    re.IGNORECASE,
)
#: Roots every _BLAMED match holds: an ASCII window with none of them needs no regex.
_BLAMED_ROOTS = ("blam", "accus", "attribut", "launched by", "fired by")


#: Remote weapons a nationality may stand before ("Turkish strikes"; not "Turkish forces",
#: who may fight at home).
_WEAPON_AFTER = re.compile(
    r"(?:-led)? (?:coalition )?(?:air ?strikes?|strikes?|drones?|drone strikes?|missiles?|"
    r"missile (?:shells|strikes?)|shells|shelling|bombardments?|bombings?|warplanes|jets|"
    r"fighter jets|rockets?|artillery|aircraft|helicopters)\b",
    re.IGNORECASE,
)


def containing_countries(child: Mention, parent: Mention) -> set[str]:
    """Countries where a reading of `child` lies in a reading of `parent` ("Xyz, Donetsk";
    not a Cameroonian village before "Bali" the Indonesian province)."""
    found: set[str] = set()
    for region in parent.candidates:
        if region.kind not in ("country", "admin1", "admin2") or not region.country:
            continue
        for place in child.candidates:
            if (
                place.country == region.country
                and place.index != region.index
                and (region.kind == "country" or place.admin1 == region.admin1)
            ):
                found.add(region.country)
                break
    return found


#: A group's name given in quotes right after its kind ('the cartel "Los Cedros"').
_GROUP_NAMED = re.compile(
    r"\b(?:group|groups|cartel|gang|faction|organi[sz]ation|militia|cell|brigade|battalion|"
    r"unit|known as|calling itself|called) [\"“‘']$",
    re.IGNORECASE,
)
#: A body of armed men named after its kind, quotes or not ("the special forces known as
#: X", "a militia called X", "the special forces (X)"): the name of the unit, not a place.
_UNIT_KNOWN_AS = re.compile(
    r"\b(?:forces|troops|units?|squads?|battalions?|brigades?|groups?|militias?|gangs?"
    r"|cartels?|factions?|commandos|fighters|cells?)"
    r"(?:(?: (?:is|are|was|were))? (?:known as|called|dubbed|nicknamed|named) | \()$",
    re.IGNORECASE,
)
#: How every _UNIT_KNOWN_AS match ends (lower-cased; before a final newline at most): an
#: ASCII window ending otherwise needs no regex.
_UNIT_NAMING_ENDS = (" (", "as ", "called ", "dubbed ", "named ")
#: The quotes a _GROUP_NAMED match ends with (before a final newline at most).
_OPENING_QUOTES = frozenset("\"“‘'")


#: "X Brigade", "X Workers' Party", "X News": an armed group, a party or an outlet named
#: after a place (often one abroad: "Al-Quds Brigade" fights in Syria), not the place.
_GROUP_WORD_AFTER = re.compile(
    r"['’]?s? (?:Brigades?|Battalions?|Regiments?|Party|Movement|Association|News|Workers)\b"
)
#: Arabic and Urdu words for a brigade, army, front or group before the place its name
#: holds: "Liwa al-X", "Lashkar-e-X", "Jaish al-X".
_GROUP_WORD_BEFORE = re.compile(
    r"\b(?:Liwaa?|Lashkar|Jaish|Jaysh|Katibat|Saraya|Jabhat|Harakat|Kataib|Faylaq)"
    r"[- ](?:(?:e|i|ul|[Aa]l|[Ee]l)-)?$"
)


def _may_name_a_unit(before: str) -> bool:
    """Whether the text right before a mention can end a _UNIT_KNOWN_AS match ("the unit
    known as X"): a slice test in front of the regex, which `mark_context` would otherwise
    search before every mention. Non-ASCII text goes to the regex (its case-insensitive
    matching of letters such as the long s is not `str.lower`'s)."""
    tail = before[:-1] if before.endswith("\n") else before  # `$` matches before one
    return not tail.isascii() or tail.lower().endswith(_UNIT_NAMING_ENDS)


def mark_context(text: str, mentions: list[Mention]) -> None:
    """Evidence and doubts that need the neighbouring mentions.

    "X, Texas" / "X in Ohio" makes X a place. A single word already seen in the article as
    part of a longer capitalised name ("Scott" after "David Scott") is likely that person.
    """
    for mention, following in itertools.pairwise(mentions):
        gap = text[mention.end : following.start].strip()
        if gap == "in" and "common word" in mention.doubts:
            continue  # "Police in Valencia said": the police, not the town of Police
        if (gap in (",", "in") or UNIT_OF.match(gap)) and containing_countries(mention, following):
            if "contained" not in mention.evidence:
                mention.evidence.append("contained")
            if "container" not in following.evidence:
                following.evidence.append("container")
    for mention in mentions:
        # "blamed the raids on Turkey", "blamed Russia": the country that acted, named
        # like a nationality ("Turkish strikes"), says who rather than where.
        before = text[max(0, mention.start - 60) : mention.start]
        if (
            "blamed" not in mention.evidence
            and (not before.isascii() or any(r in before.lower() for r in _BLAMED_ROOTS))
            and _BLAMED.search(text, max(0, mention.start - 60), mention.start)
            and any(c.kind == "country" for c in mention.candidates)
        ):
            mention.evidence.append("blamed")
        # 'the criminal group "La Sombra"': a group's name in quotes, not its home.
        if "group name" not in mention.doubts and (
            (
                not _OPENING_QUOTES.isdisjoint(before[-2:])
                and _GROUP_NAMED.search(text, max(0, mention.start - 40), mention.start)
            )
            or (
                _GROUP_WORD_AFTER.match(text, mention.end)
                and "abbreviation" not in mention.evidence  # "the S.C. Association of X"
            )
            or _GROUP_WORD_BEFORE.search(text, max(0, mention.start - 12), mention.start)
            or (
                _may_name_a_unit(before)
                and _UNIT_KNOWN_AS.search(text, max(0, mention.start - 40), mention.start)
            )
        ):
            mention.doubts.append("group name")
        # "Turkish strikes", "Israeli drones": whose weapons, and foreign ones are common;
        # it says nothing of where they fell.
        if "weapons of" not in mention.evidence and _WEAPON_AFTER.match(text, mention.end):
            mention.evidence.append("weapons of")
        # "near Zhuravka, Donetsk": a capitalised word the gazetteer lacks, a comma, then a
        # region: the region is the container even without a known child.
        if (
            "container" not in mention.evidence
            and before.rstrip().endswith(",")  # as every _UNKNOWN_CHILD match does
            and _UNKNOWN_CHILD.search(text, max(0, mention.start - 40), mention.start)
            and any(c.kind == "admin1" for c in mention.candidates)
        ):
            mention.evidence.append("container")
    # A word once read as a person's name ("Karen Warren", "Warren said") is that person
    # wherever else it stands alone in the article.
    name_parts = {
        m.key
        for m in mentions
        if ("after a capitalised word" in m.doubts or "person name" in m.doubts)
        and " " not in m.key
        and "major place" not in m.evidence
    }
    for mention in mentions:
        if mention.key in name_parts and "person name" not in mention.doubts:
            mention.doubts.append("person name")


class MentionFinder:
    """Gazetteer matching over an article's tokens, with the filters that keep it precise."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        stopwords: frozenset[str],
        *,
        lowercase_min_population: int = 1_000_000,
        alias_min_population: int = 20_000,
        function_words: frozenset[str] = frozenset(),
        first_names: frozenset[str] = frozenset(),
        surnames: frozenset[str] = frozenset(),
    ) -> None:
        self._first_names = first_names
        self._surnames = surnames
        self._lowercase_keys: dict[str, bool] = {}
        #: Folded words and word runs -> (is a key, starts a longer key): the gazetteer's
        #: tries answer in about a microsecond, a dict of those seen lately in a tenth.
        self._word_kinds: dict[str, tuple[bool, bool]] = {}
        self._alias_min_population = alias_min_population
        self._gazetteer = gazetteer
        self._stopwords = stopwords
        self._lowercase_min_population = lowercase_min_population
        self._function_words = function_words
        #: First words of the only names that may be written in lower case (a metropolis's
        #: own name, see `_lowercase_population`): most words of a text start none of them.
        self._lowercase_starts = frozenset(
            p.main_key.split(" ", 1)[0]
            for p in gazetteer.with_population(lowercase_min_population)
            if p.kind == "city"
        )

    def find(self, text: str, tokens: list[Token]) -> list[Mention]:
        """Longest gazetteer match at each token, left to right; doubtful hits are flagged."""
        gazetteer = self._gazetteer
        tokens = _without_possessives(tokens, gazetteer)
        folded = [fold_token(token.text) for token in tokens]
        mentions: list[Mention] = []
        lowercase_starts = self._lowercase_starts
        word_kinds = self._word_kinds
        count = len(tokens)
        i = 0
        while i < count:
            word = folded[i]
            initial = tokens[i].text[:1]  # `Token.capitalized`, without a property call
            capitalized = initial.isupper() or initial.isdigit()
            # A lower-case word starts only a metropolis's name ("kyiv"), if any, or is
            # the article of a capitalised name ("the al-Xyz desert").
            lower_article = (
                not capitalized and word in _ARTICLES and _lower_article(text, tokens, i)
            )
            if not capitalized and not lower_article and word not in lowercase_starts:
                i += 1
                continue
            is_key, is_prefix = word_kinds.get(word) or self._kind(word)
            if not (is_key or is_prefix):  # starts no key
                i += 1
                continue
            # Every length at which the words from i on spell a key, extending only while
            # they are still the start of a longer key.
            lengths: list[int] = [1] if is_key else []
            key = word
            length = 1
            while is_prefix and i + length < count:
                key = f"{key} {folded[i + length]}"
                length += 1
                is_key, is_prefix = word_kinds.get(key) or self._kind(key)
                if is_key:
                    lengths.append(length)
            if lower_article:
                lengths = [n for n in lengths if n > 1]  # the name, never the article alone
            elif lengths and not capitalized:
                # Only a metropolis may be written in lower case ("kyiv"): skip the rest
                # without building a mention for every "the" and "of".
                lengths = [n for n in lengths if self._lowercase_ok(" ".join(folded[i : i + n]))]
            mention = None
            for length in reversed(lengths):
                key = " ".join(folded[i : i + length])
                if self._contiguous(text, tokens, i, i + length):
                    # The longest reading may fail the case test ("Kharkiv Region" vs a
                    # lowercase word): a shorter one still counts.
                    mention = self._mention(text, tokens, i, i + length, key)
                    if mention is not None:
                        break
            if mention is None:
                i += 1
                continue
            mentions.append(mention)
            i = mention.last_token + 1
        mentions = self._county_lists(text, mentions)
        _plural_streets(text, mentions)
        return self._standalone_abbreviations(text, self._state_abbreviations(text, mentions))

    def _kind(self, key: str) -> tuple[bool, bool]:
        """Whether `key` is a gazetteer key and whether it starts a longer one, remembered."""
        if len(self._word_kinds) >= MAX_CACHED:
            self._word_kinds.clear()
        gazetteer = self._gazetteer
        kind = self._word_kinds[key] = (key in gazetteer.keys, key in gazetteer.prefixes)
        return kind

    def _lowercase_ok(self, key: str) -> bool:
        ok = self._lowercase_keys.get(key)
        if ok is None:
            ok = key not in self._stopwords and self._lowercase_population(key) > 0
            if len(self._lowercase_keys) < 100_000:
                self._lowercase_keys[key] = ok
        return ok

    def _lowercase_population(self, key: str) -> int:
        """Population of the metropolis whose own name `key` is, if any: only such a name
        may be written in lower case ("beijing"); an alternate name of one ("hang" for
        Hangzhou) is an ordinary word."""
        return max(
            (
                c.population
                for c in self._gazetteer.lookup(key)
                if c.kind == "city"
                and c.population >= self._lowercase_min_population
                and c.main_key == key
            ),
            default=0,
        )

    def _state_abbreviations(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """'Peoria, Ill.', 'Wheeling, W.Va.', 'Austin, TX': the abbreviation names the state
        the town lies in (newspaper style); it becomes a mention and a container."""
        table = self._gazetteer.state_abbreviations
        if not table:
            return mentions
        added: list[Mention] = []
        for mention in mentions:
            match = _STATE_ABBREVIATION.match(text, mention.end)
            if match is None:
                continue
            raw = match.group(1).rstrip()
            ids = table.get(raw.replace(" ", ""))
            if ids is None and not raw.endswith("."):
                continue
            if ids is None:  # "Calif." written without its period in the table
                ids = table.get(raw.replace(" ", "").rstrip("."))
            if not ids:
                continue
            places = [self._gazetteer.places[i] for i in ids]
            start = match.start(1)
            added.append(
                pattern_mention(
                    text,
                    start,
                    start + len(raw),
                    fold(places[0].name),
                    places,
                    ["contained", "abbreviation"],
                )
            )
            if "contained" not in mention.evidence:
                mention.evidence.append("contained")
        if not added:
            return mentions
        abbreviations = _Taken(added)
        return _merged([m for m in mentions if not abbreviations.overlaps(m.start, m.end)], added)

    def _standalone_abbreviations(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """'the S.C. Highway Patrol', 'D-N.D.', '3 Ind. fugitives': a dotted state
        abbreviation names the state without a town before it. Those that are also
        words or titles at a sentence's end ('Mass.', 'Col.') need the town."""
        table = self._gazetteer.state_abbreviations
        taken = _Taken(mentions)
        added: list[Mention] = []
        for match in _DOTTED_ABBREVIATION.finditer(text):
            raw = match.group().rstrip()
            compact = raw.replace(" ", "")
            ids = table.get(compact)
            if not ids or compact in _ABBREVIATIONS_NEEDING_A_TOWN:
                continue
            start, end = match.start(), match.start() + len(raw)
            if taken.overlaps(start, end):
                continue
            places = [self._gazetteer.places[i] for i in ids]
            added.append(
                pattern_mention(text, start, end, fold(places[0].name), places, ["abbreviation"])
            )
        return _merged(mentions, added)

    def _county_lists(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """'Becker, Clay and Swift counties': each listed name reads as '<name> County'. A
        name already found ("Clay", a town too) is re-read as the county; a name the
        gazetteer knows only with "County" ("Swift") becomes a mention when at least two
        names make the list."""
        by_end = {m.end: m for m in mentions}
        taken = _Taken(mentions)
        added: list[Mention] = []
        listed_until = 0  # windows never overlap: linear in the text
        for noun in _COUNTIES_NOUN.finditer(text):
            # Keys are folded: "county" is "cunty" there.
            suffix = fold_token("county" if noun.group(1).casefold() == "counties" else "parish")
            window_start = max(listed_until, noun.start() - _COUNTY_LIST_CHARS)
            listed_until = noun.end()
            names = _listed_names(text, window_start, noun.start())
            for start, end in names:
                found = by_end.get(end)
                if found is not None and found.start >= start:
                    counties = self._gazetteer.lookup(f"{found.key} {suffix}")
                    if counties:
                        found.candidates = counties
                        found.evidence.append("contained")
                elif len(names) > 1 and not taken.overlaps(start, end):
                    key = fold(text[start:end])
                    counties = self._gazetteer.lookup(f"{key} {suffix}")
                    if counties:
                        added.append(
                            pattern_mention(text, start, end, key, counties, ["contained"])
                        )
        return _merged(mentions, added)

    def _contiguous(self, text: str, tokens: list[Token], first: int, stop: int) -> bool:
        """A name does not run across a sentence end or a comma ("Paris, Texas" is two)."""
        for left, right in zip(tokens[first : stop - 1], tokens[first + 1 : stop], strict=True):
            gap = text[left.end : right.start]
            if len(gap) > 3 or any(ch in gap for ch in ',;:!?()\n"“”'):
                return False
        return True

    def _mention(
        self, text: str, tokens: list[Token], first: int, stop: int, key: str
    ) -> Mention | None:
        span = tokens[first:stop]
        if any(t.text.isdigit() for t in span):
            return None  # "28 May", "9/11": dates and numbers, not the odd place so named
        if stop - first == 1 and (
            _CONTRACTION.match(span[0].text)
            or (_MONTH_DAY.match(span[0].text) and _DAY_AFTER.match(text, span[0].end))
        ):
            return None
        if _SAINT_BEFORE.search(text, max(0, span[0].start - 4), span[0].start):
            return None
        if in_web_address(text, span[0].start, span[-1].end):
            return None
        if (
            stop - first == 1
            and _ARTICLE.match(span[0].text)
            and _HYPHEN_NAME.match(text, span[0].end)
        ):
            return None  # "Al-Xyz": the article of a name the gazetteer lacks, not a place
        candidates = self._gazetteer.lookup(key)
        words = [
            t
            for t in span
            if fold_token(t.text) not in _CONNECTORS
            or (t is span[0] and not _lower_article(text, tokens, first))
        ]
        if not all(t.capitalized for t in words) and (
            not self._lowercase_population(key) or key in self._stopwords
        ):
            return None
        mention = Mention(
            start=span[0].start,
            end=span[-1].end,
            text=text[span[0].start : span[-1].end],
            key=key,
            candidates=candidates,
            first_token=first,
            last_token=stop - 1,
        )
        if key in self._stopwords:
            if stop - first == 1 and (
                key in self._function_words
                or _after_capitalised(text, tokens, first)
                or _before_capitalised(text, tokens, stop)
            ):
                # "On 9 May", "The": a function word; "Zmiinyi Island", "West Africa
                # Province": the tail or head of a longer name the gazetteer does not know.
                # No NER needed to reject any.
                return None
            mention.doubts.append("common word")
        if span[0].text.isupper() and len(span[0].text) <= 4 and stop - first == 1:
            mention.doubts.append("acronym")
        if stop - first == 1 and _sentence_start(text, span[0].start):
            mention.doubts.append("sentence start")
        if all(
            c.kind == "city" and c.population < self._alias_min_population and c.main_key != key
            for c in candidates
        ):
            mention.doubts.append("alias of a small place")
        if first > 0:
            before = tokens[first - 1]
            gap = text[before.end : span[0].start]
            if (
                before.capitalized
                and gap == " "
                and fold_token(before.text) not in _PLACE_PREFIXES
                and not _sentence_start(text, before.start)
            ):
                mention.doubts.append("after a capitalised word")
        if stop - first == 1 and _joined_to_a_name(text, tokens, first):
            mention.doubts.append("part of a longer name")
        wide = any(_is_wide(c) for c in candidates)
        if (
            first > 0
            and not wide
            and _MODEL_CODE.search(text, max(0, span[0].start - 12), span[0].start)
        ):
            mention.doubts.append("model name")  # "ZR-7 Tyler", "KX-90 Falcon"
        elif not wide and _WEAPON_NAMED_AFTER.match(text, span[-1].end):
            mention.doubts.append("model name")  # "Falcon and Hornet launchers"
        if first > 0 and fold_token(tokens[first - 1].text) in LOCATIVES:
            mention.evidence.append("locative")
        elif (
            first > 1
            and tokens[first - 1].text == "of"
            and (
                tokens[first - 2].text[:1].isupper()
                or text[tokens[first - 2].end : tokens[first - 1].start].startswith(",")
            )
        ):
            mention.evidence.append("residence")  # "Ann Keller of Newton", "34, of Ames"
        if wide or any(c.kind != "admin1" and c.population >= 100_000 for c in candidates):
            mention.evidence.append("major place")
        if stop < len(tokens):
            after = tokens[stop]
            gap = text[span[-1].end : after.start]
            after_key = fold_token(after.text)
            if (
                after.capitalized
                and gap == " "
                and not after.text.isdigit()
                and after_key not in _PLACE_NOUNS
                and not _TYPED_KEY.search(key)
            ):
                mention.doubts.append("before a capitalised word")
                if "residence" in mention.evidence:
                    # "the Union of Xyz Coal Miners": "of" names a body whose
                    # name the word only starts, not where someone lives.
                    mention.evidence.remove("residence")
            if gap == " " and after_key in _INSTITUTION_NOUNS and after.capitalized:
                mention.evidence.append("institution")
            if (
                "before a capitalised word" in mention.doubts
                and not self._gazetteer.starts_a_key(after_key)
                and after_key not in self._stopwords
            ):
                # A word no place name starts with: likely the rest of an unknown name.
                mention.doubts.append("before an unknown name")
        tail = _tail(text, span[0].start)
        if (
            tail.endswith(("of ", "of the ", "rural ", "-"))
            and _REGION_BEFORE.search(text, max(0, span[0].start - 30), span[0].start)
        ) or _REGION_AFTER.match(text, span[-1].end):
            mention.evidence.append("region words")  # "the countryside of X"
        if "sentence start" in mention.doubts and _DATELINE_AFTER.match(text, span[-1].end):
            mention.evidence.append("dateline")
        if settlement_before(text, span[0].start):
            mention.evidence.append("settlement of")  # "the town of X"
        elif tail.endswith("-") and _TOWN_OF_ARTICLE.search(
            text, max(0, span[0].start - 30), span[0].start
        ):
            mention.evidence.append(TOWN_WORD)  # "the village of Al-X" for "X": a town
        elif settlement_after(text, span[-1].end) and (
            "after a capitalised word" not in mention.doubts  # "Lon Xyz village" is not Xyz
        ):
            mention.evidence.extend(("settlement of", TOWN_WORD))  # "X village": a town
        elif _QUARTER_AFTER.match(text, span[-1].end):
            mention.evidence.append(QUARTER_WORD)  # "the X neighborhood"
        single = stop - first == 1
        if single and not wide and (key in self._surnames or key in self._first_names):
            mention.personal_name = True
        if "settlement of" not in mention.evidence and (
            self._person_cue(text, tokens, first, stop, candidates, mention)
            or (
                # "Karen Ostrowski": a given name before a capitalised word.
                single
                and not wide
                and key in self._first_names
                and "before a capitalised word" in mention.doubts
            )
        ):
            mention.doubts.append("person name")
        if _STREET_AFTER.match(text, span[-1].end) and not _TYPED_KEY.search(key):
            # ("Polk County Road 12", "Polk County Court" still name the county.)
            mention.doubts.append("street name")
        if not wide and (
            _FIRM_AFTER.match(text, span[-1].end)
            or _FIRM_BEFORE.search(text, max(0, span[0].start - 30), span[0].start)
        ):
            mention.doubts.append("firm name")  # "Lawrence & Hart"
        return mention

    def _person_cue(
        self,
        text: str,
        tokens: list[Token],
        first: int,
        stop: int,
        candidates: list[Place],
        mention: Mention,
    ) -> bool:
        """Words around the span that make it a person's name: "Warren said", "Mr. Warren",
        "coach Warren", "Karen Warren". A small town's name yields to any of them; a big
        city only when it is neither a capital nor a metropolis ("Warren said"), and a
        country or state never ("Washington said" is the government)."""
        end = tokens[stop - 1].end
        before = tokens[first - 1] if first > 0 else None
        before_key = fold_token(before.text) if before is not None else ""
        titled = before is not None and before_key in TITLES
        # "of 4 Mill Lane, Newton, who was charged": the town closing an address.
        spoken = PERSON_AFTER.match(text, end) is not None and not _UNKNOWN_CHILD.search(
            text, max(0, tokens[first].start - 40), tokens[first].start
        )
        # "nine-year-old Xyz Lisna": a person named after an age
        lo, hi = max(0, tokens[first].start - 50), tokens[first].start
        aged = text.find(_AGED_WORD, lo, hi) >= 0 and _AGED_NAME.search(text, lo, hi) is not None
        if "major place" not in mention.evidence:
            if spoken or titled or aged:
                return True
        elif (
            stop - first == 1
            and not mention.textual_evidence
            and all(
                c.kind in ("city", "admin2")
                and not (c.feature_code == "PPLC" and c.population >= 100_000)
                and c.population < 1_000_000
                for c in candidates
            )
            and (titled or spoken or aged)
        ):
            return True
        # "Karen Warren", "Karen L. Warren": a given name right before a lone word.
        if stop - first != 1:
            return False
        given = _skip_initial(text, tokens, first)
        return (
            given >= 0
            and tokens[given].text[:1].isupper()
            and fold_token(tokens[given].text) in self._first_names
            and not self._major_key(fold_token(tokens[given].text))
            and not (given > 0 and fold_token(tokens[given - 1].text) in LOCATIVES)
        )

    def _major_key(self, key: str) -> bool:
        """A word that is itself a big place or a country ("Georgia", "Phoenix")."""
        return any(
            _is_wide(c) or (c.kind != "admin1" and c.population >= 100_000)
            for c in self._gazetteer.lookup(key)
        )

    def from_entity(self, entity: Entity) -> Mention | None:
        """A place spaCy found that the gazetteer matcher missed, if the gazetteer knows it."""
        text = entity.text
        offset = 0
        for article in ("the ", "The "):
            if text.startswith(article):
                text, offset = text[len(article) :], len(article)
        key = fold(text)
        # NER says "the North", "the Act", "the Gulf": words, not the odd region so named.
        if key in self._stopwords or not text[:1].isupper() or len(key) < 3:
            return None
        candidates = self._gazetteer.lookup(key)
        if not candidates:
            return None
        if " " not in key and all(
            c.kind in ("admin1", "admin2") and c.main_key != key for c in candidates
        ):
            return None
        return Mention(
            start=entity.start + offset,
            end=entity.end,
            text=text,
            key=key,
            candidates=candidates,
            first_token=-1,
            last_token=-1,
            ner_label=entity.label,
        )


#: A province smaller than this ("Flores" in Uruguay, a parish of the Isle of Man named
#: "Patrick") is no reason to read a surname or a common word as a place; a US state or
#: a Ukrainian oblast is.
MAJOR_ADMIN1_POPULATION = 200_000


def _is_wide(place: Place) -> bool:
    """A country, continent, region or sizeable province: a name few people share."""
    if place.kind == "admin1":
        return place.population >= MAJOR_ADMIN1_POPULATION
    return place.kind in ("country", "region", "continent")


_POSSESSIVE = ("'s", "’s")


def _without_possessives(tokens: list[Token], gazetteer: Gazetteer) -> list[Token]:
    """ "Ukraine's" -> "Ukraine" (offsets shrunk), unless the whole word is part of a
    longer name with its neighbour ("St. John's"); a lone "Turner's" is Turner's,
    whatever place "Turners" names."""
    out: list[Token] | None = None
    for k in [k for k, t in enumerate(tokens) if t.text.endswith(_POSSESSIVE)]:
        token = tokens[k]
        word = token.text
        if (
            len(word) > 3
            and word[:1].isupper()
            and not _in_a_name(tokens, k, gazetteer)
            and gazetteer.starts_a_key(fold_token(word[:-2]))
        ):
            if out is None:
                out = list(tokens)
            out[k] = Token(token.start, token.end - 2, word[:-2])
    return tokens if out is None else out


def _in_a_name(tokens: list[Token], k: int, gazetteer: Gazetteer) -> bool:
    """Whether the possessive tokens[k] is inside a longer name with a neighbour: the word
    before ("St. John's") or after ("Land's End")."""
    word = fold_token(tokens[k].text)
    pairs = []
    if k > 0:
        pairs.append(f"{fold_token(tokens[k - 1].text)} {word}")
    if k + 1 < len(tokens) and word in gazetteer.prefixes:
        pairs.append(f"{word} {fold_token(tokens[k + 1].text)}")
    return any(pair in gazetteer.keys or pair in gazetteer.prefixes for pair in pairs)


def _plural_streets(text: str, mentions: list[Mention]) -> None:
    """'Elm and Main streets', 'the corner of Elm and Main' name two streets, whatever
    towns share the names (see `_CORNER_OF`)."""
    streets = [bool(_PLURAL_STREETS.match(text, m.end)) for m in mentions]
    for k in range(len(mentions) - 1):
        first, second = mentions[k], mentions[k + 1]
        if not _PAIR_GAP.fullmatch(text, first.end, second.start):
            continue
        before = text[max(0, first.start - 30) : first.start]
        if (_CORNER_OF.search(before) and not _REGIONS_AFTER.match(text, second.end)) or (
            _STREETS_OF.search(before) and _IN_TOWN_AFTER.match(text, second.end)
        ):
            streets[k] = streets[k + 1] = True
    for mention, street in zip(mentions, streets, strict=True):
        if street and "street name" not in mention.doubts:
            mention.doubts.append("street name")


def _skip_initial(text: str, tokens: list[Token], first: int) -> int:
    """Index of the word before token `first`, looking past a middle initial ("L." in
    "Karen L. Warren"); -1 when that word is not right before (a comma, a line between)."""
    k = first - 1
    if (
        k > 0
        and len(tokens[k].text) == 1
        and tokens[k].text.isupper()
        and text[tokens[k].end : tokens[first].start] == ". "
    ):
        first, k = k, k - 1
    if k < 0 or text[tokens[k].end : tokens[first].start] != " ":
        return -1
    return k


def _after_capitalised(text: str, tokens: list[Token], first: int) -> bool:
    if first == 0:
        return False
    before = tokens[first - 1]
    return (
        before.text[:1].isupper()
        and text[before.end : tokens[first].start] == " "
        and fold_token(before.text) not in _PLACE_PREFIXES
        and not _sentence_start(text, before.start)
    )


def _joined_to_a_name(text: str, tokens: list[Token], index: int) -> bool:
    """Whether tokens[index] is joined to a capitalised word by a name joiner on either
    side ("Agua de Vid": both "Agua" and "Vid")."""
    for joiner, other in ((index - 1, index - 2), (index + 1, index + 2)):
        if not (0 <= other < len(tokens) and 0 <= joiner < len(tokens)):
            continue
        word, neighbour = tokens[joiner], tokens[other]
        if word.text not in _NAME_JOINERS or not neighbour.text[:1].isupper():
            continue
        left, right = sorted((tokens[index], neighbour), key=lambda t: t.start)
        if text[left.end : word.start] == " " and text[word.end : right.start] == " ":
            return True
    # "Marj Al-Sultan": the joiner opens the next word, or ends the one before ("Sultan").
    if (
        index + 1 < len(tokens)
        and text[tokens[index].end : tokens[index + 1].start] == " "
        and article_hyphen(text, tokens, index + 1)
    ):
        return True
    return (
        index >= 2
        and article_hyphen(text, tokens, index - 1)
        and tokens[index - 2].text[:1].isupper()
        and text[tokens[index - 2].end : tokens[index - 1].start] == " "
    )


#: Arabic articles that open a name with a hyphen ("Al-Ghab", "el-Sheikh", "Ash-Shaddadi").
_ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az"})


def article_hyphen(text: str, tokens: list[Token], index: int) -> bool:
    """Whether tokens[index] is an article hyphened to the next word ("Al" of "Al-Ghab")."""
    token = tokens[index]
    return token.text.lower() in _ARTICLES and text[token.end : token.end + 1] == "-"


def _lower_article(text: str, tokens: list[Token], index: int) -> bool:
    """A lower-case article hyphened to a capitalised word ("al" of "al-Xyz")."""
    return (
        index + 1 < len(tokens)
        and article_hyphen(text, tokens, index)
        and tokens[index].text.islower()
        and tokens[index + 1].capitalized
    )


def _before_capitalised(text: str, tokens: list[Token], stop: int) -> bool:
    if stop >= len(tokens):
        return False
    after = tokens[stop]
    return (
        after.text[:1].isupper()
        and text[tokens[stop - 1].end : after.start] == " "
        and fold_token(after.text) not in _PLACE_NOUNS
    )


def _sentence_start(text: str, offset: int) -> bool:
    # The last non-space character before `offset` (without copying the text before it:
    # that made matching quadratic in the article length).
    k = offset - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k < 0 or text[k] in '.!?\n"“”:'
