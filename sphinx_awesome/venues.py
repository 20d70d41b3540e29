"""Venue names: the built-in list of systems, ML, HPC, architecture, networking, database,
programming-language, security and software-engineering venues, with the spellings real lists
use.

Lookups ignore case, spaces, punctuation and a trailing year, so ``Eurosys``, ``EUROSYS``,
``EuroSys '24`` and ``eurosys2024`` all map to ``EuroSys``. :meth:`VenueList.suggest` gives a
"did you mean" only for a close misspelling of a known name (``Eurosyss``, ``OSID``), never
for another acronym (``ICDCS`` is not ``ICS``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

#: Canonical name -> aliases (as real lists spell them; the canonical name is implied).
BUILTIN_VENUES: dict[str, list[str]] = {
    # Operating systems, distributed and cloud systems
    "OSDI": ["USENIX OSDI", "Operating Systems Design and Implementation"],
    "SOSP": ["ACM SOSP", "Symposium on Operating Systems Principles"],
    "EuroSys": [
        "Eurosys",
        "EUROSYS",
        "Euro Sys",
        "ACM EuroSys",
        "European Conference on Computer Systems",
    ],
    "ATC": [
        "USENIX ATC",
        "USENIX-ATC",
        "ATC USENIX",
        "USENIXATC",
        "USENIX Annual Technical Conference",
    ],
    "NSDI": ["USENIX NSDI", "Networked Systems Design and Implementation"],
    "FAST": ["USENIX FAST", "File and Storage Technologies"],
    "SoCC": ["SOCC", "ACM SoCC", "Symposium on Cloud Computing"],
    "MLSys": ["MLSYS", "SysML", "Conference on Machine Learning and Systems"],
    "EuroMLSys": ["Euro-MLSys", "EUROMLSYS", "Workshop on Machine Learning and Systems"],
    "Middleware": ["ACM Middleware", "International Middleware Conference"],
    "VEE": ["Virtual Execution Environments"],
    "HotOS": ["Workshop on Hot Topics in Operating Systems"],
    "HotCloud": ["USENIX HotCloud", "Workshop on Hot Topics in Cloud Computing"],
    "HotStorage": ["USENIX HotStorage", "Workshop on Hot Topics in Storage and File Systems"],
    "HotInfra": ["Workshop on Hot Topics in System Infrastructure"],
    "APSys": ["APSYS", "Asia-Pacific Workshop on Systems"],
    "SYSTOR": ["ACM SYSTOR", "International Systems and Storage Conference"],
    "DSN": ["Dependable Systems and Networks"],
    "ICDCS": ["IEEE ICDCS", "International Conference on Distributed Computing Systems"],
    "SRDS": ["Symposium on Reliable Distributed Systems"],
    "PODC": ["Principles of Distributed Computing"],
    "DISC": ["International Symposium on Distributed Computing"],
    "OPODIS": ["Principles of Distributed Systems"],
    "CLOUD": ["IEEE CLOUD", "IEEE Cloud", "International Conference on Cloud Computing"],
    "IC2E": ["IEEE IC2E", "International Conference on Cloud Engineering"],
    "UCC": ["IEEE/ACM UCC", "Utility and Cloud Computing"],
    "ICAC": ["USENIX ICAC", "International Conference on Autonomic Computing"],
    "ACSOS": ["Autonomic Computing and Self-Organizing Systems"],
    "ICWS": ["IEEE ICWS", "International Conference on Web Services"],
    "SIGMETRICS": [
        "Sigmetrics",
        "ACM SIGMETRICS",
        "POMACS",
        "Measurement and Modeling of Computer Systems",
    ],
    "MASCOTS": ["IEEE MASCOTS"],
    "ICPE": ["ACM/SPEC ICPE", "International Conference on Performance Engineering"],
    "IWQoS": ["IWQOS", "IEEE/ACM IWQoS", "International Symposium on Quality of Service"],
    "LISA": ["USENIX LISA"],
    "SEC": ["ACM/IEEE SEC", "Symposium on Edge Computing"],
    "IoTDI": ["IEEE/ACM IoTDI"],
    "OSR": ["SIGOPS OSR", "ACM SIGOPS Operating Systems Review", "Operating Systems Review"],
    "TOCS": ["ACM TOCS", "Transactions on Computer Systems"],
    "TOS": ["ACM TOS", "Transactions on Storage"],
    "TCC": ["IEEE TCC", "Transactions on Cloud Computing"],
    "TSC": ["IEEE TSC", "Transactions on Services Computing"],
    "CSUR": [
        "ACM CSUR",
        "ACM Computing Surveys",
        "Computing Surveys",
        "ACM Comput. Surv.",
        "Comput. Surv.",
    ],
    "CACM": ["Communications of the ACM", "Commun. ACM"],
    # Networking and mobile
    "SIGCOMM": ["ACM SIGCOMM"],
    "CoNEXT": ["CONEXT", "ACM CoNEXT"],
    "IMC": ["ACM IMC", "Internet Measurement Conference"],
    "SOSR": ["ACM SOSR", "Symposium on SDN Research"],
    "HotNets": ["HOTNETS", "ACM HotNets", "Workshop on Hot Topics in Networks"],
    "APNet": ["APNET", "Asia-Pacific Workshop on Networking"],
    "INFOCOM": ["IEEE INFOCOM", "Infocom"],
    "ICNP": ["IEEE ICNP", "International Conference on Network Protocols"],
    "MobiCom": ["MOBICOM", "ACM MobiCom", "Mobicom"],
    "MobiSys": ["MOBISYS", "ACM MobiSys", "Mobisys"],
    "SenSys": ["SENSYS", "ACM SenSys", "Sensys"],
    "IPSN": ["ACM/IEEE IPSN", "Information Processing in Sensor Networks"],
    "HotMobile": ["HOTMOBILE", "ACM HotMobile"],
    "UbiComp": ["UBICOMP", "IMWUT", "Proc. ACM Interact. Mob. Wearable Ubiquitous Technol."],
    "ICC": ["IEEE ICC"],
    "GLOBECOM": ["IEEE GLOBECOM", "Globecom"],
    "ToN": [
        "TON",
        "IEEE/ACM ToN",
        "IEEE/ACM Transactions on Networking",
        "Transactions on Networking",
    ],
    "JSAC": ["IEEE JSAC", "Journal on Selected Areas in Communications"],
    "TMC": ["IEEE TMC", "Transactions on Mobile Computing"],
    "TNSM": ["IEEE TNSM", "Transactions on Network and Service Management"],
    # Computer architecture, hardware and EDA
    "ASPLOS": [
        "ACM ASPLOS",
        "Architectural Support for Programming Languages and Operating Systems",
    ],
    "ISCA": ["ACM/IEEE ISCA", "International Symposium on Computer Architecture"],
    "MICRO": ["IEEE/ACM MICRO", "International Symposium on Microarchitecture"],
    "HPCA": ["IEEE HPCA", "High-Performance Computer Architecture"],
    "IEEE Micro": ["IEEE MICRO Magazine", "IEEE Micro Magazine"],
    "CAL": ["IEEE CAL", "Computer Architecture Letters"],
    "ISPASS": ["IEEE ISPASS", "Performance Analysis of Systems and Software"],
    "IISWC": ["IEEE IISWC", "International Symposium on Workload Characterization"],
    "HotChips": ["Hot Chips", "HOTCHIPS", "HC"],
    "ICCD": ["IEEE ICCD", "International Conference on Computer Design"],
    "DAC": ["ACM/IEEE DAC", "Design Automation Conference"],
    "ICCAD": ["IEEE/ACM ICCAD", "International Conference on Computer-Aided Design"],
    "DATE": ["Design, Automation and Test in Europe", "Design, Automation & Test in Europe"],
    "ASP-DAC": ["ASPDAC", "Asia and South Pacific Design Automation Conference"],
    "GLSVLSI": ["ACM GLSVLSI", "Great Lakes Symposium on VLSI"],
    "ISLPED": ["International Symposium on Low Power Electronics and Design"],
    "FPGA": ["ACM/SIGDA FPGA", "International Symposium on Field-Programmable Gate Arrays"],
    "FCCM": ["IEEE FCCM", "Field-Programmable Custom Computing Machines"],
    "FPL": ["Field-Programmable Logic and Applications"],
    "ISSCC": ["IEEE ISSCC", "International Solid-State Circuits Conference"],
    "VLSI": ["VLSI Symposium", "Symposium on VLSI Technology and Circuits", "VLSI Circuits"],
    "JSSC": ["IEEE JSSC", "Journal of Solid-State Circuits"],
    "TCAD": [
        "IEEE TCAD",
        "Transactions on Computer-Aided Design of Integrated Circuits and Systems",
    ],
    "TVLSI": ["IEEE TVLSI", "Transactions on Very Large Scale Integration Systems"],
    "TACO": ["ACM TACO", "Transactions on Architecture and Code Optimization"],
    "TC": ["IEEE TC", "IEEE Transactions on Computers", "Transactions on Computers"],
    "TCAS": ["IEEE TCAS", "TCAS-I", "TCAS-II", "Transactions on Circuits and Systems"],
    "ESWEEK": ["Embedded Systems Week", "ESWeek"],
    "CASES": ["Compilers, Architecture, and Synthesis for Embedded Systems"],
    "CODES+ISSS": ["CODES", "CODES-ISSS"],
    "EMSOFT": ["ACM EMSOFT", "International Conference on Embedded Software"],
    "ICESS": ["IEEE ICESS", "International Conference on Embedded Software and Systems"],
    "RTSS": ["IEEE RTSS", "Real-Time Systems Symposium"],
    "RTAS": ["IEEE RTAS", "Real-Time and Embedded Technology and Applications Symposium"],
    "LCTES": ["ACM LCTES", "Languages, Compilers, and Tools for Embedded Systems"],
    "TECS": ["ACM TECS", "Transactions on Embedded Computing Systems"],
    # HPC and parallel computing
    "SC": ["Supercomputing", "SC Conference", "Super Computing", "IEEE/ACM SC", "ACM/IEEE SC"],
    "PPoPP": ["PPOPP", "ACM PPoPP", "Principles and Practice of Parallel Programming"],
    "HPDC": ["ACM HPDC", "High-Performance Parallel and Distributed Computing"],
    "ICS": ["ACM ICS", "International Conference on Supercomputing"],
    "IPDPS": ["IEEE IPDPS", "International Parallel and Distributed Processing Symposium"],
    "ICPP": ["International Conference on Parallel Processing"],
    "Euro-Par": ["EuroPar", "Euro Par", "EURO-PAR", "European Conference on Parallel Processing"],
    "CLUSTER": ["IEEE CLUSTER", "IEEE Cluster", "International Conference on Cluster Computing"],
    "CCGrid": ["CCGRID", "IEEE/ACM CCGrid", "Cluster, Cloud and Internet Computing"],
    "HiPC": ["HIPC", "IEEE HiPC", "High Performance Computing, Data, and Analytics"],
    "SPAA": ["ACM SPAA", "Symposium on Parallelism in Algorithms and Architectures"],
    "PACT": ["Parallel Architectures and Compilation Techniques"],
    "CGO": ["IEEE/ACM CGO", "Code Generation and Optimization"],
    "CC": ["Compiler Construction"],
    "ISC": ["ISC High Performance", "ISC HPC"],
    "HPC": ["High Performance Computing"],
    "HPEC": ["IEEE HPEC", "High Performance Extreme Computing"],
    "TPDS": ["IEEE TPDS", "Transactions on Parallel and Distributed Systems"],
    "JPDC": ["Journal of Parallel and Distributed Computing"],
    "TOPC": ["ACM TOPC", "Transactions on Parallel Computing"],
    "IJHPCA": ["International Journal of High Performance Computing Applications"],
    "FGCS": ["Future Generation Computer Systems"],
    "CCPE": ["Concurrency and Computation: Practice and Experience"],
    # Programming languages and software engineering
    "PLDI": ["ACM PLDI", "Programming Language Design and Implementation"],
    "POPL": ["ACM POPL", "Principles of Programming Languages"],
    "OOPSLA": ["SPLASH OOPSLA", "OOPSLA/SPLASH"],
    "ECOOP": ["European Conference on Object-Oriented Programming"],
    "ICFP": ["ACM ICFP", "International Conference on Functional Programming"],
    "ESOP": ["European Symposium on Programming"],
    "CAV": ["Computer Aided Verification"],
    "TOPLAS": ["ACM TOPLAS", "Transactions on Programming Languages and Systems"],
    "ICSE": ["IEEE/ACM ICSE", "International Conference on Software Engineering"],
    "FSE": ["ESEC/FSE", "ESEC-FSE", "ESEC FSE"],
    "ASE": ["IEEE/ACM ASE", "Automated Software Engineering"],
    "ISSTA": ["ACM ISSTA", "International Symposium on Software Testing and Analysis"],
    "ICST": ["IEEE ICST"],
    "ISSRE": ["IEEE ISSRE"],
    "MSR": ["Mining Software Repositories"],
    "ICSME": ["IEEE ICSME"],
    "SANER": ["IEEE SANER"],
    "TSE": ["IEEE TSE", "Transactions on Software Engineering"],
    "TOSEM": ["ACM TOSEM", "Transactions on Software Engineering and Methodology"],
    # Security
    "CCS": ["ACM CCS", "Computer and Communications Security"],
    "USENIX Security": ["USENIX Sec", "USENIX Security Symposium", "Security Symposium"],
    "S&P": [
        "IEEE S&P",
        "IEEE S & P",
        "Oakland",
        "IEEE Symposium on Security and Privacy",
        "IEEE SP",
    ],
    "NDSS": ["Network and Distributed System Security"],
    "EuroS&P": ["IEEE EuroS&P", "Euro S&P"],
    "AsiaCCS": ["ASIACCS", "ASIA CCS", "AsiaCCS"],
    "RAID": ["Research in Attacks, Intrusions and Defenses"],
    "ACSAC": ["Annual Computer Security Applications Conference"],
    "TDSC": ["IEEE TDSC", "Transactions on Dependable and Secure Computing"],
    "TIFS": ["IEEE TIFS", "Transactions on Information Forensics and Security"],
    # Machine learning, vision, language, speech and robotics
    "NeurIPS": ["NIPS", "NeruIPS", "Neural Information Processing Systems"],
    "NeurIPS Datasets and Benchmarks": [
        "NeurIPS D&B",
        "NeurIPS Datasets & Benchmarks",
        "NeurIPS Datasets and Benchmarks Track",
        "NeurIPS Datasets Track",
    ],
    "ICML": ["International Conference on Machine Learning"],
    "ICLR": ["International Conference on Learning Representations"],
    "AAAI": ["AAAI Conference on Artificial Intelligence"],
    "IJCAI": ["International Joint Conference on Artificial Intelligence"],
    "AISTATS": ["Artificial Intelligence and Statistics"],
    "UAI": ["Uncertainty in Artificial Intelligence"],
    "COLT": ["Conference on Learning Theory"],
    "CVPR": ["IEEE/CVF CVPR", "Computer Vision and Pattern Recognition"],
    "ICCV": ["IEEE/CVF ICCV", "International Conference on Computer Vision"],
    "ECCV": ["European Conference on Computer Vision"],
    "WACV": ["IEEE/CVF WACV"],
    "BMVC": ["British Machine Vision Conference"],
    "ACL": ["Association for Computational Linguistics"],
    "ACL Findings": ["Findings of ACL", "ACL (Findings)", "ACL-Findings"],
    "EMNLP": ["Empirical Methods in Natural Language Processing"],
    "EMNLP Findings": ["Findings of EMNLP", "EMNLP (Findings)", "EMNLP-Findings"],
    "NAACL": ["NAACL-HLT", "NAACL HLT"],
    "NAACL Findings": ["Findings of NAACL", "NAACL (Findings)"],
    "EACL": [],
    "COLING": ["International Conference on Computational Linguistics"],
    "COLM": ["Conference on Language Modeling"],
    "TACL": ["Transactions of the Association for Computational Linguistics"],
    "ICASSP": ["IEEE ICASSP"],
    "Interspeech": ["INTERSPEECH"],
    "ACM MM": ["ACMMM", "ACM Multimedia", "MM"],
    "ICME": ["IEEE ICME"],
    "CoRL": ["CORL", "Conference on Robot Learning"],
    "ICRA": ["IEEE ICRA", "International Conference on Robotics and Automation"],
    "IROS": ["IEEE/RSJ IROS"],
    "RSS": ["Robotics: Science and Systems"],
    "TMLR": ["Transactions on Machine Learning Research"],
    "JMLR": ["Journal of Machine Learning Research"],
    "TPAMI": ["IEEE TPAMI", "PAMI", "Transactions on Pattern Analysis and Machine Intelligence"],
    "IJCV": ["International Journal of Computer Vision"],
    "TNNLS": ["IEEE TNNLS", "Transactions on Neural Networks and Learning Systems"],
    "SIGGRAPH": ["ACM SIGGRAPH", "SIGGRAPH Asia"],
    "TOG": ["ACM TOG", "ACM Transactions on Graphics", "Transactions on Graphics"],
    "AutoML": ["AutoML Conf", "AutoML-Conf"],
    # Data management, mining, web and information retrieval
    "SIGMOD": ["ACM SIGMOD", "PACMMOD", "Management of Data"],
    "VLDB": ["PVLDB", "Proc. VLDB Endow.", "Proceedings of the VLDB Endowment"],
    "VLDBJ": ["VLDB Journal", "The VLDB Journal"],
    "ICDE": ["IEEE ICDE", "International Conference on Data Engineering"],
    "CIDR": ["Conference on Innovative Data Systems Research"],
    "PODS": ["ACM PODS", "Principles of Database Systems"],
    "EDBT": ["Extending Database Technology"],
    "DASFAA": ["Database Systems for Advanced Applications"],
    "TODS": ["ACM TODS", "Transactions on Database Systems"],
    "TKDE": ["IEEE TKDE", "Transactions on Knowledge and Data Engineering"],
    "aiDM": ["AIDM", "Exploiting Artificial Intelligence Techniques for Data Management"],
    "DEEM": ["Data Management for End-to-End Machine Learning"],
    "KDD": ["SIGKDD", "ACM SIGKDD", "Knowledge Discovery and Data Mining"],
    "ICDM": ["IEEE ICDM", "International Conference on Data Mining"],
    "SDM": ["SIAM SDM", "SIAM International Conference on Data Mining"],
    "PAKDD": [],
    "ECML-PKDD": ["ECML PKDD", "ECMLPKDD"],
    "CIKM": ["ACM CIKM", "Information and Knowledge Management"],
    "WSDM": ["ACM WSDM", "Web Search and Data Mining"],
    "WWW": ["TheWebConf", "The Web Conference", "WebConf", "Web Conference"],
    "SIGIR": ["ACM SIGIR"],
    "RecSys": ["RECSYS", "ACM RecSys", "Recsys"],
    "TOIS": ["ACM TOIS", "Transactions on Information Systems"],
    "TKDD": ["ACM TKDD", "Transactions on Knowledge Discovery from Data"],
    "BigData": ["IEEE BigData", "IEEE Big Data"],
    # Theory
    "STOC": ["ACM STOC", "Symposium on Theory of Computing"],
    "FOCS": ["IEEE FOCS", "Foundations of Computer Science"],
    "SODA": ["ACM-SIAM SODA", "Symposium on Discrete Algorithms"],
    # Preprints
    "arXiv": ["ARXIV", "arxiv preprint", "arXiv preprint", "CoRR", "Arxiv"],
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


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count one), capped at limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _acronym(text: str) -> bool:
    """``ICDCS``, ``OSID``: one word without lower-case letters."""
    word = text.strip()
    return bool(word) and " " not in word and not any(ch.islower() for ch in word)


def _swapped(a: str, b: str) -> bool:
    """Whether *a* is *b* with two adjacent characters swapped or one character doubled."""
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if len(a) == len(b) + 1:
        return any(a[i] == a[i - 1] and a[:i] + a[i + 1 :] == b for i in range(1, len(a)))
    return False


class VenueList:
    """Normalises venue spellings through a canonical-name -> aliases mapping."""

    def __init__(self, venues: Mapping[str, Iterable[str]] | Iterable[str]) -> None:
        if not isinstance(venues, Mapping):
            venues = {name: () for name in venues}
        self.canonical: list[str] = list(venues)
        self._lookup: dict[str, str] = {}
        self._spellings: dict[str, str] = {}  # each spelling as written -> canonical name
        for name, aliases in venues.items():
            for spelling in (name, *aliases):
                key = venue_key(spelling)
                if key:
                    self._lookup.setdefault(key, name)
                    self._spellings.setdefault(" ".join(spelling.split()), name)

    def keys_of(self, names: Iterable[str]) -> dict[str, str]:
        """Lookup key -> canonical name, for the spellings of the venues *names* (what a
        table's script needs to normalise a ``venue:`` filter as :meth:`normalise` does)."""
        wanted = set(names)
        return {key: name for key, name in self._lookup.items() if name in wanted}

    def normalise(self, text: str) -> str | None:
        """The canonical name for *text*, or ``None`` when the venue is unknown."""
        return self._lookup.get(venue_key(text))

    def spelled(self, text: str) -> str | None:
        """The canonical name when *text* is a known spelling written exactly (case too)."""
        return self._spellings.get(" ".join(text.split()))

    def suggest(self, text: str) -> str | None:
        """The known venue *text* most likely misspells, for "did you mean" messages.

        One edit (two for names longer than eight letters); for an acronym such as ``OSID``
        only two swapped or one doubled letter, since an acronym one letter away from a
        known one is usually another venue. ``None`` when no name is that close, or when
        two different venues are.
        """
        key = venue_key(text)
        if not key:
            return None
        if key in self._lookup:
            return self._lookup[key]
        if _acronym(text):
            found = {self._lookup[k] for k in self._lookup if _swapped(key, k) or _swapped(k, key)}
            return found.pop() if len(found) == 1 else None
        if len(key) < 4:
            return None
        limit = 1 if len(key) <= 8 else 2
        best: dict[int, set[str]] = {}
        for known, name in self._lookup.items():
            if abs(len(known) - len(key)) > 1:
                continue
            distance = _edit_distance(key, known, limit)
            if distance <= limit:
                best.setdefault(distance, set()).add(name)
        if not best:
            return None
        names = best[min(best)]
        return next(iter(names)) if len(names) == 1 else None
