"""The opportunity type (internship, micro-internship, fellowship...) of a posting (pure).

Evidence in order of trust: a specific word in the title ("Micro-Internship", "Fellow",
"Co-op"), the source's own type field (Lever's commitment, Ashby's employmentType,
SmartRecruiters' typeOfEmployment), a generic title word ("Intern"), then a few strong
phrases in the description. Descriptions mention internships for other reasons ("our
interns become engineers"), so only phrases about *this* opportunity count there.
"""

from __future__ import annotations

import re

from boardgen.model import OpportunityType as T

#: Title patterns, most specific first; the leftmost match in a title wins, ties by order.
_TITLE_PATTERNS: list[tuple[T, str]] = [
    (T.MICRO_INTERNSHIP, r"micro[- ]?intern(?:ship)?s?|short[- ]term (?:paid )?project"),
    (
        T.JOB_SIMULATION,
        r"job simulation|virtual (?:work )?experience(?: program(?:me)?)?|work simulation",
    ),
    (T.EXTERNSHIP, r"extern(?:ship)?s?"),
    (T.FELLOWSHIP, r"fellow(?:ship)?s?"),
    (T.APPRENTICESHIP, r"apprentice(?:ship)?s?|ausbildung|azubi"),
    (T.CO_OP, r"co[- ]?op(?:erative education)?s?\b(?! ?(?:bank|grocery|market|store))"),
    (
        T.INTERNSHIP,
        r"intern(?:ship)?s?|praktik(?:um|ant(?:in)?)|stagiaire|stage|werkstudent(?:in)?|"
        r"working student|summer (?:analyst|associate|student|scholar)|pathways student|"
        r"industrial placement|placement year|trainee(?:ship)?",
    ),
    (
        T.RESEARCH,
        r"research (?:assistant|assistantship|associate|experience|program|scholar|trainee)|"
        r"undergraduate research|\bREU\b|summer research",
    ),
    (T.VOLUNTEER, r"volunteer(?:ing)?"),
    (T.PART_TIME, r"part[- ]time"),
]
_TITLE = [
    (kind, re.compile(rf"(?<![a-z]){pattern}(?![a-z])", re.I)) for kind, pattern in _TITLE_PATTERNS
]
#: Internal/international are words, not "intern"; these guard the lookarounds above.
_NOT_INTERN = re.compile(r"intern(?:al|ational|et|ally)", re.I)

#: Type fields of the sources, by their letters only.
_FIELD: dict[str, T] = {
    "intern": T.INTERNSHIP, "internship": T.INTERNSHIP, "interns": T.INTERNSHIP,
    "trainee": T.INTERNSHIP, "student": T.INTERNSHIP, "praktikum": T.INTERNSHIP,
    "werkstudent": T.INTERNSHIP, "workingstudent": T.INTERNSHIP,
    "microinternship": T.MICRO_INTERNSHIP, "fellowship": T.FELLOWSHIP,
    "externship": T.EXTERNSHIP, "coop": T.CO_OP, "apprenticeship": T.APPRENTICESHIP,
    "apprentice": T.APPRENTICESHIP, "volunteer": T.VOLUNTEER, "parttime": T.PART_TIME,
    "research": T.RESEARCH, "jobsimulation": T.JOB_SIMULATION,
}  # fmt: skip
#: Field values that say "a job", so a title without an internship word is OTHER.
_JOB_FIELDS = frozenset(
    {
        "fulltime", "fulltimepermanent", "permanent", "contract", "contractor", "temporary",
        "freelance", "freelancer", "fulltimefixedterm", "fixedterm", "experienced",
        "executive", "regular",
    }
)  # fmt: skip
#: Phrases that say what *this* posting is ("this micro-internship", "is a paid internship"),
#: not that the organization has interns somewhere.
_TEXT = re.compile(
    r"\b(?:this|the following)\s+(?:\w+[- ]?\w*\s+){0,2}?"
    r"(?P<word>micro[- ]?internship|internship|fellowship|externship|job simulation|co[- ]?op|"
    r"apprenticeship|research assistantship)\b|"
    r"\b(?:is|as) an? (?:(?:paid|unpaid|remote|virtual|short|\d+[- ]week|summer)[- ]?\w*\s+){0,2}"
    r"(?P<word2>micro[- ]?internship|internship|fellowship|externship|job simulation|co[- ]?op|"
    r"apprenticeship)\b",
    re.I,
)


def type_from_field(value: object) -> T | None:
    """Map a source's type field (``Intern``, ``internship``, ``Co-op``) or ``None``."""
    if not isinstance(value, str):
        return None
    return _FIELD.get(re.sub(r"[^a-z]", "", value.lower()))


def type_from_title(title: str) -> T | None:
    """The type a title names, or ``None``; the leftmost named type wins."""
    title = _NOT_INTERN.sub(" ", title[:300])
    best: tuple[int, int, T] | None = None
    for rank, (kind, pattern) in enumerate(_TITLE):
        match = pattern.search(title)
        if match and (best is None or (match.start(), rank) < best[:2]):
            best = (match.start(), rank, kind)
    return best[2] if best else None


def classify_type(*, type_field: object = None, title: str = "", text: str = "") -> T:
    """The opportunity type from every clue, ``OTHER`` when none names one; never raises."""
    from_title = type_from_title(title or "")
    fields = type_field if isinstance(type_field, list | tuple) else [type_field]
    from_field = next((k for k in map(type_from_field, fields) if k is not None), None)
    generic = (T.INTERNSHIP, T.PART_TIME, T.VOLUNTEER, None)
    if from_title not in generic:
        assert from_title is not None
        return from_title
    if from_field is not None and not (from_field is T.PART_TIME and from_title):
        return from_field
    if from_title is not None:
        return from_title
    if any(_is_job_field(f) for f in fields):
        return T.OTHER
    match = _TEXT.search((text or "")[:3000])
    if match:
        word = re.sub(r"[^a-z]", "", (match.group("word") or match.group("word2")).lower())
        return _FIELD.get(word, T.INTERNSHIP if word == "internship" else T.OTHER)
    return T.OTHER


def _is_job_field(value: object) -> bool:
    return isinstance(value, str) and re.sub(r"[^a-z]", "", value.lower()) in _JOB_FIELDS
