"""Pay from structured fields and from free text, as :class:`Compensation` (pure).

Free text covers what boards and contributors write: ``$20/hr``, ``€500 stipend``,
``$11.7K per month``, ``$18 - $22/hr``, ``$40k-$75k base``, ``unpaid``, ``academic credit``.
Anything we cannot read is ``None`` (unknown), never a guess presented as fact: the one
guess we make is the period of a bare amount, from its size (see :func:`_guess_kind`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from boardgen.model import Compensation, PayKind, PayPeriod

_SYMBOLS: dict[str, str] = {
    "us$": "USD", "ca$": "CAD", "c$": "CAD", "a$": "AUD", "au$": "AUD", "nz$": "NZD",
    "s$": "SGD", "hk$": "HKD", "mx$": "MXN", "r$": "BRL", "$": "USD", "€": "EUR", "£": "GBP",
    "₹": "INR", "rs": "INR", "rs.": "INR", "¥": "JPY", "₩": "KRW", "₦": "NGN", "zł": "PLN",
    "chf": "CHF", "fr.": "CHF",
}  # fmt: skip
_CODES = [
    "USD", "EUR", "GBP", "INR", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN",
    "JPY", "SGD", "HKD", "BRL", "MXN", "ZAR", "CNY", "KRW", "NGN", "KES", "PHP",
]  # fmt: skip
#: Rough units per US dollar, used only to judge whether a bare amount is hourly or yearly.
_SCALE = {"INR": 80.0, "JPY": 150.0, "KRW": 1300.0, "NGN": 1500.0, "KES": 130.0, "PHP": 55.0}
_SCALE |= {"SEK": 10.0, "NOK": 10.0, "DKK": 7.0, "ZAR": 18.0, "MXN": 17.0, "BRL": 5.0}
_SCALE |= {"CNY": 7.0, "PLN": 4.0, "HKD": 8.0}

_SYM = r"(?:US\$|CA\$|C\$|AU?\$|NZ\$|S\$|HK\$|MX\$|R\$|\$|€|£|₹|¥|₩|₦|Rs\.?(?=\s?\d)|CHF|Fr\.)"
_CODE = r"(?:" + "|".join(_CODES) + r")"
_NUM = r"\d{1,3}(?:[,.\u00a0 ]\d{3})+(?:\.\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?"
_AMOUNT = (
    rf"(?P<cur@>{_SYM}|{_CODE}\s?)?\s?(?P<num@>{_NUM})\s?(?P<mul@>[kK]|[mM](?!o|on))?"
    rf"(?!\w)\s?(?P<post@>{_CODE}(?![a-z])|€|zł|£)?"
)
_RANGE_SEP = r"\s*(?:-|–|—|to|and|bis)\s*"
_PAY = re.compile(
    _AMOUNT.replace("@", "1") + rf"(?:{_RANGE_SEP}" + _AMOUNT.replace("@", "2") + r")?",
    re.IGNORECASE,
)

_PER = r"(?:/\s*|\b(?:per|an?|each|every|pro|im|je)\s+(?:\w+\s+)?)"
_PERIOD_AFTER = [
    (PayPeriod.HOUR, rf"{_PER}(?:hr|hour|h|stunde)\b|\bhourly|\bp/?h\b|\bstündlich"),
    (PayPeriod.DAY, rf"{_PER}(?:day|d|tag)\b|\bdaily\b|\bper diem\b"),
    (PayPeriod.WEEK, rf"{_PER}(?:wk|week|woche)\b|\bweekly\b"),
    (PayPeriod.MONTH, rf"{_PER}(?:mo|mth|month|monat)\b|\bmonthly\b|\bp\.?m\.?(?!\w)|\bmonatlich"),
    (
        PayPeriod.YEAR,
        rf"{_PER}(?:yr|year|annum|jahr)\b|\bannual(?:ly)?\b|\byearly\b|\bp\.?a\.?(?!\w)|"
        r"\bbase\b|\bsalary|\bote\b|\btotal comp",
    ),
    (
        PayPeriod.ONE_TIME,
        r"\bone[- ]?time|\bone[- ]off|\bin total|\btotal\b|\bflat\b|\bfixed\b|\blump[- ]sum|"
        r"\bfor the (?:whole |entire )?"
        r"(?:project|program|programme|summer|internship|engagement|term)|\bper project|"
        r"\bupon completion|\bon completion",
    ),
]
_PERIOD_BEFORE = [
    (PayPeriod.HOUR, r"hourly|per hour|hour rate"),
    (PayPeriod.DAY, r"daily|day rate"),
    (PayPeriod.WEEK, r"weekly"),
    (PayPeriod.MONTH, r"monthly|monatlich"),
    (PayPeriod.YEAR, r"annual|yearly|salary|base pay"),
    (PayPeriod.ONE_TIME, r"one[- ]time|flat|fixed|project fee|total"),
]
_STIPEND = re.compile(r"\bstipend|\bhonorari(?:um|a)\b|\ballowance\b", re.I)
_FIXED = re.compile(
    r"\b(?:fixed|flat|project)[- ]fee\b|\bone[- ]time payment\b|\bper project\b|\bfixed[- ]price\b",
    re.I,
)
_CREDIT = re.compile(
    r"\b(?:academic|course|college|university|school|class)[- ]credits?\b|\bfor (?:academic )?"
    r"credit\b|\bcredit[- ]bearing\b|\b(?:receive|earn|eligible for) (?:\w+ )?credits?\b",
    re.I,
)
_UNPAID = re.compile(
    r"\bunpaid\b|\bnot paid\b|\bno pay\b|\bwithout pay\b|\bno (?:monetary )?compensation\b|"
    r"\bvolunteer(?:ing)? (?:role|position|opportunity|basis)\b|\bpro bono\b|\bunbezahlt\b",
    re.I,
)
_UP_TO = re.compile(r"\b(?:up to|max(?:imum)?|at most|not (?:to )?exceed)\s*$", re.I)
_FROM = re.compile(r"\b(?:from|starting at|at least|min(?:imum)?|\d+\s*\+?)\s*$", re.I)
_MAX_INPUT = 2000


@dataclass(frozen=True)
class _Amount:
    low: float
    high: float | None
    currency: str
    start: int
    end: int


def parse_pay(text: str | None) -> Compensation | None:
    """Compensation described by ``text``, or ``None`` when it does not say."""
    if not text or not isinstance(text, str):
        return None
    text = " ".join(text[:_MAX_INPUT].split())
    amount = _first_amount(text)
    if amount is None:
        if _CREDIT.search(text):
            return Compensation(kind=PayKind.ACADEMIC_CREDIT)
        if _UNPAID.search(text):
            return Compensation(kind=PayKind.UNPAID)
        return None
    after = text[amount.end : amount.end + 40]
    before = text[max(0, amount.start - 30) : amount.start]
    period = _period(after, _PERIOD_AFTER, anchored=True) or _period(before, _PERIOD_BEFORE)
    if period is None:
        period = _period(text, _PERIOD_AFTER, anchored=False)
    kind, period = _kind(text, period, amount)
    low, high = amount.low, amount.high
    if high is None and _UP_TO.search(before):
        low, high = -1.0, low
    try:
        return Compensation(
            kind=kind,
            min=low if low >= 0 else None,
            max=high,
            currency=amount.currency,
            period=period,
        )
    except ValueError:
        return None


def _first_amount(text: str) -> _Amount | None:
    for match in _PAY.finditer(text):
        cur = match.group("cur1") or match.group("post1") or match.group("post2")
        cur = cur or match.group("cur2")
        post = match.group("post2") or match.group("post1")
        if cur and cur.strip() == "$" and post and post.strip().isalpha():
            # "$120k CAD": the code after the amount says which dollar.
            cur = post
        if not cur:
            continue  # a bare number ("10 hours", "2026") is not pay
        currency = _currency(cur)
        low = _number(match.group("num1"), match.group("mul1") or match.group("mul2"))
        high = None
        if match.group("num2"):
            high = _number(match.group("num2"), match.group("mul2") or match.group("mul1"))
        if low is None or low <= 0:
            continue
        if high is not None and (high < low or high <= 0):
            # "$20 - 5 hours" is not a range; keep the first amount only.
            high = None
        if high == low:
            high = None
        return _Amount(low, high, currency, match.start(), match.end())
    return None


def _currency(token: str) -> str:
    key = token.strip().lower()
    if key in _SYMBOLS:
        return _SYMBOLS[key]
    return key.upper()


def _number(digits: str, multiplier: str | None) -> float | None:
    raw = digits.replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[,. ]\d{3})+(?:\.\d{1,2})?", raw) and not multiplier:
        # "1,000", "1.500" (German) and "10 000" group thousands.
        head, _, cents = raw.rpartition(".") if re.search(r"\.\d{1,2}$", raw) else (raw, "", "")
        value = float(re.sub(r"[,. ]", "", head) + ("." + cents if cents else ""))
    else:
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            return None
    if multiplier:
        value *= 1000 if multiplier.lower() == "k" else 1_000_000
    return round(value, 2) if value < 1e9 else None


def _period(
    text: str, table: list[tuple[PayPeriod, str]], *, anchored: bool = False
) -> PayPeriod | None:
    best: tuple[int, PayPeriod] | None = None
    for period, pattern in table:
        match = re.search(pattern, text, re.I)
        if match is None:
            continue
        if anchored and match.start() > 25:
            continue
        if best is None or match.start() < best[0]:
            best = (match.start(), period)
    return best[1] if best else None


def _kind(text: str, period: PayPeriod | None, amount: _Amount) -> tuple[PayKind, PayPeriod | None]:
    if _STIPEND.search(text):
        return PayKind.STIPEND, period or PayPeriod.ONE_TIME
    if _FIXED.search(text) or period is PayPeriod.ONE_TIME:
        return PayKind.FIXED_FEE, None
    if period is PayPeriod.HOUR:
        return PayKind.HOURLY, None
    if period is not None:
        return PayKind.SALARY, period
    return _guess_kind(amount)


def _guess_kind(amount: _Amount) -> tuple[PayKind, PayPeriod | None]:
    """A bare amount: small is hourly, mid-sized a project fee, large a yearly salary."""
    usd = (amount.high or amount.low) / _SCALE.get(amount.currency, 1.0)
    if usd <= 150:
        return PayKind.HOURLY, None
    if usd < 15_000:
        return PayKind.FIXED_FEE, None
    return PayKind.SALARY, PayPeriod.YEAR


#: Interval spellings of the structured sources (Lever, Ashby, SmartRecruiters, Recruitee,
#: Himalayas, Jobicy, NEOGOV, USAJOBS old and new), keyed by their letters only.
_INTERVALS: dict[str, PayPeriod] = {
    "hour": PayPeriod.HOUR, "hourly": PayPeriod.HOUR, "1hour": PayPeriod.HOUR,
    "perhour": PayPeriod.HOUR, "perhourwage": PayPeriod.HOUR, "ph": PayPeriod.HOUR,
    "day": PayPeriod.DAY, "daily": PayPeriod.DAY, "1day": PayPeriod.DAY, "perday": PayPeriod.DAY,
    "pd": PayPeriod.DAY, "perdaywage": PayPeriod.DAY,
    "week": PayPeriod.WEEK, "weekly": PayPeriod.WEEK, "1week": PayPeriod.WEEK,
    "perweek": PayPeriod.WEEK, "pw": PayPeriod.WEEK, "perweeksalary": PayPeriod.WEEK,
    "month": PayPeriod.MONTH, "monthly": PayPeriod.MONTH, "1month": PayPeriod.MONTH,
    "permonth": PayPeriod.MONTH, "pm": PayPeriod.MONTH, "permonthsalary": PayPeriod.MONTH,
    "year": PayPeriod.YEAR, "yearly": PayPeriod.YEAR, "annual": PayPeriod.YEAR,
    "annually": PayPeriod.YEAR, "1year": PayPeriod.YEAR, "peryear": PayPeriod.YEAR,
    "pa": PayPeriod.YEAR, "peryearsalary": PayPeriod.YEAR, "salary": PayPeriod.YEAR,
    "1time": PayPeriod.ONE_TIME, "onetime": PayPeriod.ONE_TIME, "once": PayPeriod.ONE_TIME,
    "fixed": PayPeriod.ONE_TIME, "project": PayPeriod.ONE_TIME, "total": PayPeriod.ONE_TIME,
}  # fmt: skip


def pay_period(interval: object) -> PayPeriod | None:
    """Map a source's interval field (``per-hour-wage``, ``1 MONTH``, ``PA``, ``Year``)."""
    if not isinstance(interval, str):
        return None
    return _INTERVALS.get(re.sub(r"[^a-z0-9]", "", interval.lower()))


def pay_from_fields(
    minimum: object,
    maximum: object = None,
    currency: object = None,
    interval: object = None,
    *,
    kind_hint: str | None = None,
) -> Compensation | None:
    """Compensation from a source's structured pay fields; ``None`` when they say nothing.

    Amounts may be numbers or strings (Recruitee sends ``"3750"``); 0 means unknown (Remote
    OK). ``kind_hint`` is a source's own word for it, e.g. Ashby's ``compensationType``.
    """
    low, high = _field_number(minimum), _field_number(maximum)
    if low is None and high is None:
        return None
    if low is not None and high is not None and high < low:
        low, high = high, low
    code = currency.strip().upper() if isinstance(currency, str) else ""
    if not re.fullmatch(r"[A-Z]{3}", code):
        code = _SYMBOLS.get(code.lower(), "")
    if not code:
        return None
    period = pay_period(interval)
    hint = (kind_hint or "").lower()
    amount = _Amount(low or high or 0.0, high if low else None, code, 0, 0)
    if "stipend" in hint or (period is PayPeriod.ONE_TIME and "fee" not in hint):
        kind, period = PayKind.STIPEND, period or PayPeriod.ONE_TIME
    elif "fee" in hint:
        kind, period = PayKind.FIXED_FEE, None
    elif period is PayPeriod.HOUR:
        kind, period = PayKind.HOURLY, None
    elif period is not None:
        kind = PayKind.SALARY
    else:
        kind, period = _guess_kind(amount)
    try:
        return Compensation(
            kind=kind,
            min=low,
            max=high if high != low else None,
            currency=code,
            period=period,
        )
    except ValueError:
        return None


def _field_number(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        cleaned = value.strip().replace(",", "")
        try:
            number = float(cleaned)
        except ValueError:
            return None
    else:
        return None
    if not 0 < number < 1e9 or number != number:
        return None
    return round(number, 2)
