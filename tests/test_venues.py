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


def test_the_built_in_list_covers_the_venues_real_lists_use() -> None:
    assert len(BUILTIN_VENUES) >= 150
    for written, canonical in [
        ("ICDCS", "ICDCS"),
        ("IEEE ICDCS", "ICDCS"),
        ("EuroMLSys", "EuroMLSys"),
        ("ICESS", "ICESS"),
        ("SIGMETRICS", "SIGMETRICS"),
        ("IISWC", "IISWC"),
        ("HotChips", "HotChips"),
        ("Hot Chips", "HotChips"),
        ("ISPASS", "ISPASS"),
        ("IEEE CLUSTER", "CLUSTER"),
        ("ICPP", "ICPP"),
        ("Euro-Par", "Euro-Par"),
        ("EuroPar", "Euro-Par"),
        ("SoCC", "SoCC"),
        ("MobiSys", "MobiSys"),
        ("MobiCom", "MobiCom"),
        ("SenSys", "SenSys"),
        ("INFOCOM", "INFOCOM"),
        ("TOCS", "TOCS"),
        ("ACM TACO", "TACO"),
        ("IEEE Transactions on Computers", "TC"),
        ("IEEE JSAC", "JSAC"),
        ("IEEE Micro", "IEEE Micro"),
        ("CCGRID", "CCGrid"),
        ("HiPC", "HiPC"),
        ("NeurIPS Datasets and Benchmarks", "NeurIPS Datasets and Benchmarks"),
        ("NeurIPS D&B", "NeurIPS Datasets and Benchmarks"),
        ("Findings of ACL", "ACL Findings"),
        ("HotStorage", "HotStorage"),
        ("USENIX Security", "USENIX Security"),
        ("IEEE S&P", "S&P"),
        ("PACMMOD", "SIGMOD"),
        ("ACM Comput. Surv.", "CSUR"),
    ]:
        assert VENUES.normalise(written) == canonical, written


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("Eurosyss", "EuroSys"),
        ("OSID", "OSDI"),  # two letters swapped
        ("SOPS", "SOSP"),
        ("OSDDI", "OSDI"),  # a letter doubled
        ("Middlewre", "Middleware"),
        ("Interspech", "Interspeech"),
        # a known venue suggests itself, never a neighbour
        ("EuroMLSys", "EuroMLSys"),
        ("ICDCS", "ICDCS"),
        # an unknown acronym one letter away from a known one is usually another venue
        ("ICXS", None),
        ("NSDE", None),
        ("Workshop on Nothing", None),
    ],
)
def test_did_you_mean_only_for_close_misspellings(written: str, hint: str | None) -> None:
    assert VENUES.suggest(written) == hint


def test_unknown_venues_get_no_wrong_hint_once_the_real_one_is_missing() -> None:
    without = VenueList(
        {k: v for k, v in BUILTIN_VENUES.items() if k not in ("EuroMLSys", "ICDCS")}
    )
    assert without.suggest("EuroMLSys") is None  # not EuroSys
    assert without.suggest("ICDCS") is None  # not ICS
