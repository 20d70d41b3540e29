"""Venue names: the built-in list of systems and ML venues and their aliases.

Lookups ignore case, spaces, punctuation and a trailing year, so ``Eurosys``, ``EUROSYS``,
``EuroSys '24`` and ``eurosys2024`` all map to ``EuroSys``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

#: Canonical name -> aliases (as real lists spell them; the canonical name is implied).
BUILTIN_VENUES: dict[str, list[str]] = {
    # Operating systems and systems
    "OSDI": ["USENIX OSDI", "Operating Systems Design and Implementation"],
    "SOSP": ["ACM SOSP", "Symposium on Operating Systems Principles"],
    "EuroSys": ["Eurosys", "EUROSYS", "Euro Sys", "European Conference on Computer Systems"],
    "ATC": ["USENIX ATC", "USENIX-ATC", "ATC USENIX", "USENIX Annual Technical Conference"],
    "NSDI": ["USENIX NSDI", "Networked Systems Design and Implementation"],
    "FAST": ["USENIX FAST", "File and Storage Technologies"],
    "SoCC": ["SOCC", "ACM SoCC", "Symposium on Cloud Computing"],
    "SIGCOMM": ["ACM SIGCOMM"],
    "MLSys": ["MLSYS", "SysML", "Conference on Machine Learning and Systems"],
    "Middleware": ["ACM Middleware"],
    "VEE": [],
    "HotOS": [],
    "HotCloud": [],
    # Architecture
    "ASPLOS": ["Architectural Support for Programming Languages and Operating Systems"],
    "ISCA": ["International Symposium on Computer Architecture"],
    "MICRO": ["IEEE/ACM MICRO", "International Symposium on Microarchitecture"],
    "HPCA": ["High-Performance Computer Architecture"],
    "DAC": ["Design Automation Conference"],
    # HPC and parallel computing
    "SC": ["Supercomputing", "SC Conference", "Super Computing"],
    "PPoPP": ["PPOPP", "Principles and Practice of Parallel Programming"],
    "HPDC": [],
    "ICS": ["International Conference on Supercomputing"],
    "IPDPS": ["International Parallel and Distributed Processing Symposium"],
    "PACT": ["Parallel Architectures and Compilation Techniques"],
    "CGO": ["Code Generation and Optimization"],
    "CC": ["Compiler Construction"],
    "ISC": ["ISC High Performance", "ISC HPC"],
    "HPC": ["High Performance Computing"],
    "TPDS": ["IEEE TPDS", "Transactions on Parallel and Distributed Systems"],
    # Programming languages and software engineering
    "PLDI": ["Programming Language Design and Implementation"],
    "POPL": [],
    "OOPSLA": ["SPLASH OOPSLA"],
    "ICSE": [],
    "FSE": ["ESEC/FSE", "ESEC-FSE"],
    "ISSTA": [],
    # Machine learning
    "NeurIPS": ["NIPS", "Neural Information Processing Systems"],
    "ICML": ["International Conference on Machine Learning"],
    "ICLR": ["International Conference on Learning Representations"],
    "AAAI": [],
    "IJCAI": [],
    "CVPR": [],
    "ICCV": [],
    "ECCV": [],
    "ACL": [],
    "EMNLP": [],
    "NAACL": [],
    "COLM": [],
    "TMLR": [],
    "JMLR": [],
    # Data
    "KDD": ["SIGKDD", "ACM SIGKDD", "Knowledge Discovery and Data Mining"],
    "VLDB": ["PVLDB", "Proc. VLDB Endow.", "Proceedings of the VLDB Endowment"],
    "SIGMOD": ["ACM SIGMOD", "Management of Data"],
    "ICDE": [],
    "WWW": ["TheWebConf", "The Web Conference"],
    "RecSys": ["RECSYS", "ACM RecSys"],
    "WSDM": [],
    "CIKM": [],
    # Preprints
    "arXiv": ["ARXIV", "arxiv preprint", "CoRR"],
}

_YEAR_SUFFIX = re.compile(r"[\s'’`-]*((19|20)\d\d|'?\d\d)$")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def venue_key(text: str) -> str:
    """The lookup key of a venue spelling: lower case, letters and digits only, no year."""
    text = text.strip()
    stripped = _YEAR_SUFFIX.sub("", text)
    if stripped.strip():
        text = stripped
    return _NOT_ALNUM.sub("", text.lower())


class VenueList:
    """Normalises venue spellings through a canonical-name -> aliases mapping."""

    def __init__(self, venues: Mapping[str, Iterable[str]] | Iterable[str]) -> None:
        if not isinstance(venues, Mapping):
            venues = {name: () for name in venues}
        self.canonical: list[str] = list(venues)
        self._lookup: dict[str, str] = {}
        for name, aliases in venues.items():
            for spelling in (name, *aliases):
                key = venue_key(spelling)
                if key:
                    self._lookup.setdefault(key, name)

    def normalise(self, text: str) -> str | None:
        """The canonical name for *text*, or ``None`` when the venue is unknown."""
        return self._lookup.get(venue_key(text))

    def suggest(self, text: str) -> str | None:
        """The closest known venue, for "did you mean" messages."""
        key = venue_key(text)
        if not key:
            return None
        match = difflib.get_close_matches(key, list(self._lookup), n=1, cutoff=0.75)
        return self._lookup[match[0]] if match else None
