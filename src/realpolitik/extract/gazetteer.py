"""The actor gazetteer: countries, organisations, armed groups, regions, regimes, leaders and named events.

Everything here is read from data files under ``realpolitik/data/gazetteer/`` (see ``docs/extraction.md``);
this module only loads them into lookup tables. Country ids are slugs of the English short name
(``"United States"`` -> ``united_states``), the same ids the bundled models use.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from realpolitik.errors import Errors, InputFileError

__all__ = ["ActorEntry", "Gazetteer", "KnownEvent", "Regime", "fold_ascii", "load_data_file", "load_gazetteer",
           "slugify"]

_GAZETTEER = "gazetteer"


def slugify(name: str) -> str:
    """Return the id form of a name: ASCII, lower case, words joined by underscores.

    Examples
    --------
    >>> slugify("United States")
    'united_states'
    >>> slugify("Côte d'Ivoire")
    'cote_divoire'
    >>> slugify("Al-Qaeda")
    'al_qaeda'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"['’.]", "", ascii_name.lower())
    return re.sub(r"[^a-z0-9]+", "_", ascii_name).strip("_")


def load_data_file(folder: str, name: str) -> Any:
    """Read one YAML data file shipped with realpolitik: ``folder`` is ``gazetteer`` (under ``data/``) or ``lang/en``.

    Raises
    ------
    InputFileError
        If the file is missing or is not valid YAML (E161).
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        root = resources.files("realpolitik")
        base = root.joinpath(folder) if folder.startswith("lang") else root.joinpath("data", folder)
        text = base.joinpath(name).read_text(encoding="utf-8")
        return YAML(typ="safe", pure=True).load(text)
    except (OSError, YAMLError) as exc:
        raise InputFileError(Errors.E161.format(path=f"{folder}/{name}", reason=exc)) from exc


@dataclass(frozen=True)
class ActorEntry:
    """One actor the gazetteer knows: its id, name, kind and the ways texts refer to it."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    iso3: str | None = None
    code: str | None = None
    capital: str | None = None
    demonyms: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None


@dataclass(frozen=True)
class Regime:
    """The government of a state over a period (EDTF bounds; ``end`` None = still in power)."""

    actor: str
    start: str
    end: str | None = None


@dataclass(frozen=True)
class KnownEvent:
    """A named event of general knowledge with its date, so that relative phrases can be anchored."""

    id: str
    date: str
    type: str
    names: tuple[str, ...]
    participants: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    """Lookup tables built from the data files.

    ``surface`` maps each written form to ``(actor id, how)`` where *how* says what the form is:
    ``name``, ``alias``, ``demonym``, ``capital`` or ``leader``.
    """

    entries: dict[str, ActorEntry] = field(default_factory=dict)
    surface: dict[str, tuple[str, str]] = field(default_factory=dict)
    regimes: dict[str, list[Regime]] = field(default_factory=dict)
    events: list[KnownEvent] = field(default_factory=list)
    generic: dict[str, dict] = field(default_factory=dict)
    by_iso3: dict[str, str] = field(default_factory=dict)
    #: names of the provinces, states and regions within countries (ISO 3166-2, from pycountry), folded to ASCII
    #: ("Nangarhār" is "Nangarhar"): a place by one of these names is a region, not a state
    subdivisions: frozenset[str] = frozenset()

    def add_surface(self, text: str, actor: str, how: str) -> None:
        """Register a written form, keeping the first claim (names beat aliases beat capitals)."""
        text = text.strip()
        if text and text not in self.surface:
            self.surface[text] = (actor, how)

    def regime_at(self, iso3: str, date: str | None) -> str | None:
        """Return the actor governing ``iso3`` at ``date`` (EDTF, compared as text), or None.

        Examples
        --------
        >>> gaz = load_gazetteer()
        >>> gaz.regime_at("AFG", "2021-09")
        'taliban'
        >>> gaz.regime_at("AFG", "2010")
        'afghan_republic'
        >>> gaz.regime_at("FRA", "2010") is None
        True
        """
        if date is None or iso3 not in self.regimes:
            return None
        chosen = None
        for regime in self.regimes[iso3]:  # periods in order: the last one begun by ``date`` governs
            if regime.start[: len(date)] <= date and (regime.end is None or date <= regime.end):
                chosen = regime.actor
        return chosen


def _country_name(country: Any, override: str | None) -> str:
    return override or getattr(country, "common_name", None) or country.name


def fold_ascii(text: str) -> str:
    """``text`` without its diacritics ("Nangarhār" -> "Nangarhar", "Kunaṟ" -> "Kunar").

    Examples
    --------
    >>> fold_ascii("Bādghīs"), fold_ascii("Île-de-France")
    ('Badghis', 'Ile-de-France')
    """
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Load every gazetteer file once per process and return the lookup tables.

    Raises
    ------
    InputFileError
        If a data file is missing or malformed.
    """
    import pycountry

    gaz = Gazetteer()
    leaders = load_data_file(_GAZETTEER, "leaders.yaml") or []
    actors = [*(load_data_file(_GAZETTEER, "actors.yaml") or []),
              *(load_data_file(_GAZETTEER, "organisations.yaml") or [])]
    countries = load_data_file(_GAZETTEER, "countries.yaml") or {}
    regimes = load_data_file(_GAZETTEER, "regimes.yaml") or {}
    # Regime actors first: their full names ("Islamic Republic of Afghanistan") outrank the country's official name.
    for iso3, periods in regimes.items():
        gaz.regimes[iso3] = []
        for period in periods:
            actor = period["actor"]
            if "name" in period and actor not in gaz.entries:
                gaz.entries[actor] = ActorEntry(actor, period["name"], period.get("kind", "state"),
                                                tuple(period.get("aliases", ())), iso3=iso3)
                for alias in (period["name"], *period.get("aliases", ())):
                    gaz.add_surface(alias, actor, "alias")
            gaz.regimes[iso3].append(Regime(actor, str(period["from"]), period.get("to") and str(period["to"])))
    for item in actors:
        entry = ActorEntry(item["id"], item["name"], item["kind"], tuple(item.get("aliases") or ()),
                           code=item.get("code"), demonyms=(item["adjective"],) if "adjective" in item else ())
        gaz.entries[entry.id] = entry
        for alias in (entry.name, *entry.aliases):
            gaz.add_surface(alias, entry.id, "name" if alias == entry.name else "alias")
        if item.get("seat"):
            gaz.add_surface(item["seat"], entry.id, "capital")
    for iso3, info in countries.items():
        info = info or {}
        country = pycountry.countries.get(alpha_3=iso3)
        name = _country_name(country, info.get("name")) if country else info["name"]
        actor = slugify(name)
        official = getattr(country, "official_name", None) if country else None
        aliases = [a for a in (country.name if country else None, official, *info.get("aliases", ())) if a
                   and "," not in a and a != name]
        entry = ActorEntry(actor, name, "state", tuple(aliases), iso3=iso3, code=iso3, capital=info.get("capital"),
                           demonyms=tuple(info.get("demonyms", ())))
        gaz.entries[actor] = entry
        gaz.by_iso3[iso3] = actor
        gaz.add_surface(name, actor, "name")
        for alias in aliases:
            gaz.add_surface(alias, actor, "alias")
        for demonym in entry.demonyms:
            gaz.add_surface(demonym, actor, "demonym")
    for entry in list(gaz.entries.values()):
        if entry.capital:
            gaz.add_surface(entry.capital, entry.id, "capital")
    gaz.subdivisions = frozenset(fold_ascii(sub.name) for sub in pycountry.subdivisions)
    for item in leaders:
        affiliation = gaz.by_iso3.get(item["affiliation"], item["affiliation"])
        person = ActorEntry(slugify(item["name"]), item["name"], "person", tuple(item.get("aliases") or ()),
                            role=item.get("role"), affiliation=affiliation)
        gaz.entries[person.id] = person
        for alias in (person.name, *person.aliases):
            gaz.add_surface(alias, person.id, "leader")
    for item in load_data_file(_GAZETTEER, "events.yaml") or []:
        gaz.events.append(KnownEvent(item["id"], str(item["date"]), item["type"], tuple(item["names"]),
                                     tuple(item.get("participants", ())), tuple(item.get("requires", ()))))
    gaz.generic = load_data_file(_GAZETTEER, "generic_actors.yaml") or {}
    return gaz
