"""Ashby posting API: ``/posting-api/job-board/{name}?includeCompensation=true`` (one page).

Drops ``isListed: false`` jobs, and publishes no pay when
``shouldDisplayCompensationOnJobPostings`` is false. ``workplaceType`` is trusted over
``isRemote`` (true on hybrid jobs, sometimes null). Stipends come with intervals such as
``1 MONTH`` or ``1 TIME``; the mapping turns them into the schema's periods.
"""

from __future__ import annotations

from typing import Any

from boardgen.errors import ParseError
from boardgen.normalize.dates import parse_datetime
from scrapers._base import Adapter, Page, Pay, Payload, Place, Record
from scrapers._util import text

#: Component types that are the pay itself (not equity, bonus or commission).
_PAY_TYPES = ("salary", "hourly", "stipend", "wage", "fee")


def _address_place(address: Any) -> Place | None:
    postal = address.get("postalAddress") if isinstance(address, dict) else None
    if not isinstance(postal, dict):
        return None
    place = Place(
        city=text(postal.get("addressLocality")) or None,
        region=text(postal.get("addressRegion")) or None,
        country=text(postal.get("addressCountry")) or None,
    )
    return place if (place.city or place.region or place.country) else None


def _pay(job: dict[str, Any]) -> tuple[Pay | None, str | None]:
    comp = job.get("compensation")
    if job.get("shouldDisplayCompensationOnJobPostings") is False or not isinstance(comp, dict):
        return None, None
    summary = text(comp.get("compensationTierSummary")) or text(
        comp.get("scrapeableCompensationSalarySummary")
    )
    components = list(comp.get("summaryComponents") or [])
    for tier in comp.get("compensationTiers") or []:
        if isinstance(tier, dict):
            components.extend(tier.get("components") or [])
    for part in components:
        if not isinstance(part, dict):
            continue
        kind = text(part.get("compensationType"))
        if any(word in kind.lower() for word in _PAY_TYPES):
            pay = Pay(
                min=part.get("minValue"),
                max=part.get("maxValue"),
                currency=text(part.get("currencyCode")) or None,
                interval=text(part.get("interval")) or None,
                kind=kind,
            )
            return pay, summary or None
    return None, summary or None


def _record(job: dict[str, Any]) -> Record:
    remote_words = ("remote", "anywhere")
    texts = [text(job.get("location"))]
    places = [_address_place(job.get("address"))]
    remote_countries: list[str] = []
    for extra in job.get("secondaryLocations") or []:
        if not isinstance(extra, dict):
            continue
        label = text(extra.get("location"))
        place = _address_place(extra.get("address"))
        if any(word in label.lower() for word in remote_words):
            # "Remote (Canada)": where remote applicants may live, not an office.
            if place and place.country:
                remote_countries.append(place.country)
            continue
        texts.append(label)
        places.append(place)
    if text(job.get("workplaceType")).lower() == "remote":
        places = []  # a fully remote job's address is the company's, not the work's
    pay, pay_text = _pay(job)
    job_url = text(job.get("jobUrl")) or None
    return Record(
        native_id=str(job["id"]),
        title=text(job.get("title")),
        url=text(job.get("applyUrl")) or job_url,
        description_html=text(job.get("descriptionHtml")),
        posted_at=parse_datetime(job.get("publishedAt")),
        locations=tuple(t for t in texts if t),
        places=tuple(p for p in places if p is not None),
        work_mode=text(job.get("workplaceType")) or None,
        remote=job.get("isRemote") if isinstance(job.get("isRemote"), bool) else None,
        remote_countries=tuple(remote_countries),
        employment_type=text(job.get("employmentType")) or None,
        departments=tuple(d for d in (text(job.get("department")), text(job.get("team"))) if d),
        pay=pay,
        pay_text=pay_text,
        source_url=job_url,
    )


def parse(payload: Payload) -> Page:
    data = payload.json()
    if not isinstance(data, dict) or not isinstance(data.get("jobs"), list):
        raise ParseError("not an Ashby job board: the answer has no 'jobs' list")
    jobs = [job for job in data["jobs"] if isinstance(job, dict) and job.get("id")]
    return Page([_record(job) for job in jobs if job.get("isListed") is not False])


ADAPTER = Adapter(kind="ashby", parse=parse)
