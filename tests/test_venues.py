"""Venue names: the built-in list, alias normalisation and suggestions."""

from __future__ import annotations

import pytest

from sphinx_awesome.venues import BUILTIN_VENUES, VenueList, venue_key

VENUES = VenueList(BUILTIN_VENUES)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Eurosys", "EuroSys"),
        ("EUROSYS", "EuroSys"),
        ("EuroSys '24", "EuroSys"),
        ("eurosys2024", "EuroSys"),
        ("Euro Sys", "EuroSys"),
        ("European Conference on Computer Systems", "EuroSys"),
        ("NIPS", "NeurIPS"),
        ("NIPS'21", "NeurIPS"),
        ("NIPS ’21", "NeurIPS"),
        ("nips 2021", "NeurIPS"),
        ("NeurIPS-2023", "NeurIPS"),
        ("Neural Information Processing Systems", "NeurIPS"),
        ("USENIX ATC '22", "ATC"),
        ("usenix-atc", "ATC"),
        ("ATC USENIX", "ATC"),
        ("ACM SOSP", "SOSP"),
        ("OSDI'22", "OSDI"),
        ("osdi 22", "OSDI"),
        ("SC'21", "SC"),
        ("Supercomputing", "SC"),
        ("PPOPP", "PPoPP"),
        ("SysML", "MLSys"),
        ("MLSys 2024", "MLSys"),
        ("PVLDB", "VLDB"),
        ("Proc. VLDB Endow.", "VLDB"),
        ("SIGKDD", "KDD"),
        ("TheWebConf", "WWW"),
        ("CoRR", "arXiv"),
        ("arxiv preprint", "arXiv"),
        ("ESEC/FSE", "FSE"),
    ],
)
def test_aliases_normalise(written: str, canonical: str) -> None:
    assert VENUES.normalise(written) == canonical


@pytest.mark.parametrize("unknown", ["My Workshop", "2021", "", "   ", "'21", "OSDIX"])
def test_unknown_venues_do_not_normalise(unknown: str) -> None:
    assert VENUES.normalise(unknown) is None


def test_every_canonical_name_normalises_to_itself() -> None:
    for name, aliases in BUILTIN_VENUES.items():
        assert VENUES.normalise(name) == name
        for alias in aliases:
            assert VENUES.normalise(alias) == name, alias


def test_no_alias_is_shared_by_two_venues() -> None:
    owner: dict[str, str] = {}
    for name, aliases in BUILTIN_VENUES.items():
        for spelling in (name, *aliases):
            key = venue_key(spelling)
            assert owner.setdefault(key, name) == name, (spelling, owner[key], name)


def test_contract_examples_are_built_in() -> None:
    assert {"OSDI", "SOSP", "EuroSys", "NeurIPS", "ATC", "MLSys", "arXiv"} <= set(BUILTIN_VENUES)
    assert VENUES.canonical == list(BUILTIN_VENUES)


def test_venue_key() -> None:
    assert venue_key("EuroSys '24") == "eurosys"
    assert venue_key("  USENIX-ATC 2022 ") == "usenixatc"
    assert venue_key("2021") == "2021"  # a bare year is kept rather than emptied
    assert venue_key("") == ""


def test_suggest() -> None:
    assert VENUES.suggest("Eurosyss") == "EuroSys"
    assert VENUES.suggest("NeurlPS") == "NeurIPS"
    assert VENUES.suggest("Completely Different") is None
    assert VENUES.suggest("") is None


def test_a_list_of_names_without_aliases() -> None:
    venues = VenueList(["HotChips", "OSDI"])
    assert venues.normalise("hotchips '23") == "HotChips"
    assert venues.normalise("NIPS") is None


def test_first_venue_wins_a_clash() -> None:
    venues = VenueList({"First": ["shared"], "Second": ["Shared"]})
    assert venues.normalise("SHARED") == "First"
