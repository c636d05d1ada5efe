"""Scam red flags (GUIDE §5) as a data table of rules, and a scorer with reasons (pure).

Each rule names what it looks at, a pattern, a weight and the reason shown to curators.
A listing whose weighted flags reach :data:`HOLD_AT` is held for review: flagged listings
are never silently deleted. Postings fetched from a configured ATS board (the employer's
own hiring system) get a lower prior than contributed and aggregator listings, where
anyone can post.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from boardgen.model import Flag, Listing
from boardgen.normalize.sanitize import html_to_text

Target = Literal["text", "apply_host", "emails", "domain_mismatch"]


@dataclass(frozen=True)
class ScamRule:
    id: str
    target: Target
    pattern: str
    weight: float
    why: str
    #: A match is ignored when this is found in the same sentence ("after you accept").
    unless: str = ""


#: Sum of weights at which a listing is held for review.
HOLD_AT = 1.0
#: Prior by source kind: employers' own ATS boards are rarely used for scams.
ATS_KINDS = frozenset(
    {"greenhouse", "lever", "ashby", "smartrecruiters", "workable", "recruitee", "personio",
     "usajobs", "workday", "teamtailor"}
)  # fmt: skip
ATS_PRIOR = 0.5
OPEN_PRIOR = 1.0

#: Hosts of hiring systems: an apply link there is normal whatever the company's domain.
ATS_HOSTS = (
    "greenhouse.io", "lever.co", "ashbyhq.com", "smartrecruiters.com", "workable.com",
    "recruitee.com", "personio.de", "personio.com", "myworkdayjobs.com", "workday.com",
    "icims.com", "jobvite.com", "taleo.net", "successfactors.com", "bamboohr.com",
    "teamtailor.com", "breezy.hr", "jazzhr.com", "applytojob.com", "usajobs.gov",
    "governmentjobs.com", "handshake.com", "joinhandshake.com", "parkerdewey.com",
    "theforage.com", "linkedin.com", "indeed.com", "wellfound.com", "simplify.jobs",
    "remotive.com", "remoteok.com", "weworkremotely.com", "himalayas.app", "arbeitnow.com",
    "jobicy.com", "ycombinator.com", "rippling.com", "paylocity.com", "adp.com",
    "oraclecloud.com", "dayforcehcm.com", "pinpointhq.com", "homerun.co",
)  # fmt: skip

_WEBMAIL = (
    r"gmail\.com|googlemail\.com|yahoo\.[a-z.]+|ymail\.com|outlook\.com|hotmail\.[a-z.]+|"
    r"live\.com|aol\.com|icloud\.com|me\.com|proton(?:mail)?\.(?:me|com)|gmx\.[a-z.]+|"
    r"mail\.ru|yandex\.[a-z]+|zoho\.com|qq\.com|163\.com"
)

RULES: tuple[ScamRule, ...] = (
    ScamRule(
        "fee-required", "text",
        r"\b(?:registration|application|training|processing|onboarding|starter|enrol?lment|"
        r"certification|placement|activation|kit|background[- ]check|equipment) (?:fee|deposit)s?"
        r"\b(?! (?:is|are|will be) (?:waived|covered|reimbursed|paid by))|"
        r"\b(?:must|need to|required to|have to|asked to) (?:first )?(?:pay|purchase|buy)\b|"
        r"\bpay (?:a|the|an) (?:small |one[- ]time |refundable |nominal )?(?:fee|deposit)\b|"
        r"\brefundable (?:deposit|fee)\b",
        1.0, "asks applicants to pay a fee or buy something to start",
    ),
    ScamRule(
        "check-deposit", "text",
        r"\bdeposit (?:a|the|this) (?:check|cheque)\b|\bmobile deposit\b|"
        r"\b(?:cashier'?s|certified) (?:check|cheque)\b|\bsend (?:back )?the (?:remaining|"
        r"balance|difference|excess)\b|\bremaining (?:balance|funds) (?:to|via)\b|"
        r"\bwe will (?:send|mail) you a (?:check|cheque)\b",
        1.0, "asks applicants to deposit a check and send money on (a fake-check scam)",
    ),
    ScamRule(
        "gift-card-payment", "text",
        r"\b(?:buy(?:ing)?|purchas(?:e|ing)|send(?:ing)?|load(?:ing)?|pick(?:ing)? up|"
        r"scratch(?:ing)?)\b[^.]{0,40}\b(?:gift ?cards?|itunes "
        r"cards?|google play cards?|steam (?:wallet )?cards?|prepaid (?:debit )?cards?)\b|"
        r"\bgift ?card (?:codes?|numbers?|pins?)\b",
        1.0, "asks for payment in gift or prepaid cards: only scammers demand that",
    ),
    ScamRule(
        "wire-or-crypto", "text",
        r"\b(?:wire transfer|western union|moneygram|bitcoin atm|crypto(?:currency)? wallet|"
        r"(?:in|via|through) (?:bitcoin|btc|usdt|crypto)|zelle|cash ?app|venmo)\b",
        0.7, "moves money by wire, crypto or payment apps",
    ),
    ScamRule(
        "reshipping", "text",
        r"\bre-?ship(?:ping|per)?\b|\bpackage (?:forwarding|inspector|handler|processor)\b|"
        r"\b(?:receive|inspect)(?:,| and| &) (?:re-?)?(?:ship|forward|repackage)\b|"
        r"\bforward(?:ing)? (?:the )?(?:packages|parcels)\b|"
        r"\bparcels? (?:from|at) (?:your )?home\b",
        1.0, "asks applicants to receive and forward packages (reshipping)",
    ),
    ScamRule(
        "payment-processing", "text",
        r"\bpayment (?:processing|processor|transfer) (?:agent|assistant|clerk|representative|"
        r"specialist)\b|\bthrough your (?:own |personal )?(?:bank )?account\b|"
        r"\b(?:use|using|open) your (?:own |personal )?bank account\b|\bmoney (?:transfer|"
        r"mule) agent\b|\b(?:receive|process) (?:client |customer )?(?:payments|funds|"
        r"transfers) (?:on behalf|for us|into your)\b",
        1.0, "asks applicants to move money through their own accounts (payment processing)",
    ),
    ScamRule(
        "personal-info-upfront", "text",
        r"\bsocial security (?:number|no\.?|card)\b|\bssn\b|\bbank (?:account|routing) "
        r"(?:number|details|info(?:rmation)?)\b|\brouting number\b|\bcredit card "
        r"(?:number|details)\b|\b(?:copy|photo|scan|picture) of (?:your )?(?:driver'?s "
        r"licen[cs]e|passport|(?:state |national )?id(?: card)?)\b",
        1.0, "asks for an SSN, ID documents or bank details up front",
        r"\bafter (?:you (?:accept|are hired|start)|(?:an|the|your) (?:offer|hire)|hiring|"
        r"onboarding)|\bonce (?:you are )?hired\b",
    ),
    ScamRule(
        "chat-only-interview", "text",
        r"\b(?:interview|interviews|screening|onboarding|training)\b[^.]{0,40}\b(?:via|on|over|"
        r"through|using) (?:telegram|whatsapp|signal|wickr|google hangouts|hangouts|"
        r"text(?:ing| messages?)?|instant messag\w*|chat)\b|\b(?:add|contact|message|text) "
        r"(?:me|us|the hiring manager|our (?:hr|recruiter)) (?:on|via|at) (?:telegram|whatsapp|"
        r"signal|wickr)\b|\b(?:telegram|whatsapp|signal|wickr)(?: id| handle| number)?\s*:"
        r"\s*[@+]?\w",
        1.0, "interviews or contact only through chat apps",
    ),
    ScamRule(
        "pay-emphasis", "text",
        r"\bearn (?:up to |over |at least )?[$€£]\s?\d[\d,.]*\+?k? (?:per|a|/|every) ?"
        r"(?:day|week)\b|\b(?:easy|quick|fast|extra) (?:money|cash)\b|\bunlimited "
        r"(?:earning|income)s?\b|\bguaranteed (?:income|pay|earnings)\b|\bbe your own boss\b|"
        r"\bonly \d+ (?:hours?|minutes?|mins?) (?:a|per) day\b|\bno experience (?:needed|"
        r"necessary|required)[^.]{0,60}[$€£]\s?\d|\bwork from home and (?:earn|make)\b|"
        r"\bweekly pay(?:out)? of [$€£]",
        0.6, "emphasises easy pay over what the work is",
    ),
    ScamRule(
        "no-interview", "text",
        r"\bno (?:interview|interviews)(?: is| are)? (?:required|needed|necessary)\b|"
        r"\bhired (?:immediately )?without (?:an )?interview\b|\bhired on the spot\b",
        0.7, "offers the job without an interview",
    ),
    ScamRule(
        "urgency", "text",
        r"\b(?:limited (?:spots|slots|positions) (?:left|available)|act (?:now|fast)|respond "
        r"within \d+ (?:hours?|minutes?)|start (?:today|immediately)[^.]{0,40}no experience|"
        r"urgent(?:ly)? (?:hiring|needed))\b",
        0.3, "pressures applicants to act immediately",
    ),
    ScamRule(
        "mystery-shopper", "text",
        r"\b(?:mystery|secret) shopp(?:er|ing)\b|\bpersonal (?:assistant|shopper) "
        r"(?:needed|wanted)\b",
        0.7, "a role type often used for check and transfer scams",
    ),
    ScamRule(
        "shortener-in-text", "text",
        r"\b(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly|is\.gd|buff\.ly|rebrand\.ly|cutt\.ly|"
        r"shorturl\.at|rb\.gy|t\.ly|tiny\.cc|t\.me|wa\.me)/",
        0.6, "links through a URL shortener or a chat-app link",
    ),
    ScamRule(
        "url-shortener", "apply_host",
        r"^(?:bit\.ly|tinyurl\.com|t\.co|goo\.gl|ow\.ly|is\.gd|buff\.ly|rebrand\.ly|cutt\.ly|"
        r"shorturl\.at|rb\.gy|t\.ly|tiny\.cc|lnkd\.in|t\.me|wa\.me)$",
        0.8, "the apply link hides its destination behind a URL shortener",
    ),
    ScamRule(
        "punycode-host", "apply_host", r"(?:^|\.)xn--",
        0.8, "the apply link's host is punycode, which can imitate a known domain",
    ),
    ScamRule(
        "form-apply", "apply_host", r"^(?:forms\.gle|docs\.google\.com|forms\.office\.com|"
        r"jotform\.com|form\.jotform\.com|typeform\.com|\w+\.typeform\.com)$",
        0.3, "applications go to a generic form instead of a hiring system",
    ),
    ScamRule(
        "webmail-contact", "emails", rf"@(?:{_WEBMAIL})$",
        0.6, "a company posting whose contact is a free webmail address",
    ),
    ScamRule(
        "apply-domain-mismatch", "domain_mismatch", "",
        0.5, "the apply link's domain is unlike the organization's",
    ),
)  # fmt: skip

_COMPILED = {rule.id: re.compile(rule.pattern, re.I) for rule in RULES if rule.pattern}
_UNLESS = {rule.id: re.compile(rule.unless, re.I) for rule in RULES if rule.unless}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_ORG_NOISE = re.compile(
    r"\b(inc|llc|ltd|corp|co|company|gmbh|group|the|and|of|for|labs?|technologies|solutions|"
    r"services|global|international)\b",
    re.I,
)


@dataclass(frozen=True)
class Posting:
    """The parts of a posting the rules read."""

    title: str
    organization: str
    text: str
    apply_url: str | None = None
    organization_url: str | None = None
    source_kind: str = "contributed"

    @classmethod
    def from_listing(cls, listing: Listing) -> Posting:
        kind = listing.sources[0].kind if listing.sources else "contributed"
        text = listing.summary or ""
        if listing.description:
            text = html_to_text(listing.description)
        return cls(
            title=listing.title,
            organization=listing.organization.name,
            text=text,
            apply_url=listing.apply_url,
            organization_url=listing.organization.url,
            source_kind=kind,
        )


def prior(source_kind: str) -> float:
    """How much weight flags carry for postings from this kind of source."""
    return ATS_PRIOR if source_kind in ATS_KINDS else OPEN_PRIOR


def scam_flags(posting: Posting, rules: Sequence[ScamRule] = RULES) -> list[Flag]:
    """Every rule the posting trips, weighted by the source's prior, with the reason."""
    if rules is RULES:
        # validate and the board both check a contributed file: remember the answer.
        return [flag.model_copy() for flag in _default_flags(posting)]
    return _flags(posting, rules)


#: The default rules' flags per posting, as computed (or handed over) in this process.
_KNOWN: dict[Posting, tuple[Flag, ...]] = {}
_KNOWN_MAX = 65_536


def _default_flags(posting: Posting) -> tuple[Flag, ...]:
    found = _KNOWN.get(posting)
    if found is None:
        if len(_KNOWN) >= _KNOWN_MAX:  # a long `boardgen serve` session: start afresh
            _KNOWN.clear()
        found = _KNOWN[posting] = tuple(_flags(posting, RULES))
    return found


def known_flags(since: int = 0) -> list[tuple[Posting, tuple[Flag, ...]]]:
    """The flags this process has computed, from the ``since``-th on (insertion order).

    Validation checks contributed files in worker processes; handing their answers to
    the main process (:func:`remember_flags`) spares the board a second scan of the same
    postings (about 3 s at 10,000 listings).
    """
    items = list(_KNOWN.items())
    return items[since:] if since <= len(items) else items


def known_count() -> int:
    return len(_KNOWN)


def remember_flags(known: Sequence[tuple[Posting, tuple[Flag, ...]]]) -> None:
    for posting, flags in known:
        if len(_KNOWN) >= _KNOWN_MAX:
            return
        _KNOWN.setdefault(posting, flags)


def _flags(posting: Posting, rules: Sequence[ScamRule]) -> list[Flag]:
    factor = prior(posting.source_kind)
    text = f"{posting.title}\n{posting.text}"[:50_000]
    host = _host(posting.apply_url)
    emails = [e.lower() for e in _EMAIL.findall(text)]
    # One pass of all text patterns together finds nothing in most postings; only then
    # are the rules run one by one (for their evidence and negation checks).
    any_text = _text_prefilter(tuple(rules)).search(text.lower()) is not None
    flags: list[Flag] = []
    for rule in rules:
        if rule.target == "text" and not any_text:
            continue
        evidence = _evidence(rule, text, host, emails, posting)
        if evidence is not None:
            flags.append(
                Flag(rule=rule.id, reason=f"{rule.why} ({evidence})", weight=rule.weight * factor)
            )
    return flags


@functools.lru_cache(maxsize=8)
def _text_prefilter(rules: tuple[ScamRule, ...]) -> re.Pattern[str]:
    """All text rules as one alternation, for lower-cased text (faster than re.I)."""
    patterns = [f"(?:{rule.pattern})" for rule in rules if rule.target == "text" and rule.pattern]
    return re.compile("|".join(patterns) or r"(?!)")


def listing_flags(listing: Listing) -> list[Flag]:
    """:func:`scam_flags` for a stored listing (its first source decides the prior)."""
    return scam_flags(Posting.from_listing(listing))


def score(flags: Sequence[Flag]) -> float:
    return round(sum(flag.weight for flag in flags), 3)


def held_for_review(flags: Sequence[Flag], threshold: float = HOLD_AT) -> bool:
    """True when the flags together are strong enough to keep a listing off the site."""
    return score(flags) >= threshold


def _evidence(
    rule: ScamRule, text: str, host: str | None, emails: list[str], posting: Posting
) -> str | None:
    pattern = _COMPILED.get(rule.id)
    if rule.target == "text" and pattern:
        unless = _UNLESS.get(rule.id)
        for match in pattern.finditer(text):
            if _negated(text, match.start()):
                continue
            if unless and unless.search(_sentence(text, match.start(), match.end())):
                continue
            return f"“{' '.join(match.group().split())[:60]}”"
        return None
    if rule.target == "apply_host" and pattern and host:
        return f"host {host}" if pattern.search(host) else None
    if rule.target == "emails" and pattern:
        if posting.source_kind in ATS_KINDS and not emails:
            return None
        hit = next((e for e in emails if pattern.search(e)), None)
        return f"contact {hit}" if hit else None
    if rule.target == "domain_mismatch":
        return _domain_mismatch(posting, host)
    return None


_NEGATION = re.compile(
    r"\b(?:never|not|no|don'?t|doesn'?t|won'?t|will not|do not|does not|nor|without|"
    r"no legitimate|beware|scam|fraud\w*)\b",
    re.I,
)


def _negated(text: str, start: int) -> bool:
    """True for a warning, not a demand: "we will never ask you to pay a fee"."""
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), start - 80)
    return bool(_NEGATION.search(text[sentence_start + 1 : start]))


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(".", end), text.find("\n", end)) if i != -1]
    return text[left : min(stops) if stops else len(text)]


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _registrable(host: str) -> str:
    labels = host.split(".")
    # "example.co.uk" keeps three labels; good enough without a public-suffix list.
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in ("co", "com", "ac", "org"):
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _domain_mismatch(posting: Posting, host: str | None) -> str | None:
    form_rule = _COMPILED["form-apply"]
    if host is None or _is_ats(host) or form_rule.search(host):
        # A generic form host is judged by the form-apply rule; counting it twice would
        # hold every small organization that takes applications by Google Form.
        return None
    org_host = _host(posting.organization_url)
    if org_host is not None:
        if _registrable(org_host) == _registrable(host):
            return None
        return f"applies on {host}, organization is {org_host}"
    words = [
        w for w in re.findall(r"[a-z0-9]{4,}", _ORG_NOISE.sub(" ", posting.organization.lower()))
    ]
    squashed = re.sub(r"[^a-z0-9]", "", posting.organization.lower())
    compact_host = host.replace("-", "").replace(".", "")
    if not words or any(w in compact_host for w in words) or squashed[:6] in compact_host:
        return None
    return f"applies on {host}, which does not mention {posting.organization}"


def _is_ats(host: str) -> bool:
    return any(host == ats or host.endswith("." + ats) for ats in ATS_HOSTS)
