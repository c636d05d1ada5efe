"""The interface strings of generated pages and feeds, per language, and local formats.

One catalog per language, keyed by a dotted name (``facts.pay``). English is complete and
is the fallback for a key another catalog lacks, so adding a string means adding an
English entry first. Keys ending in ``.one``/``.other`` are plural forms chosen by
:meth:`Translator.plural`. Values are ``str.format`` templates; ``{up}`` in a value is
left for the page renderer to replace.

Dates and amounts of money: English keeps boardgen's own forms ("22 November 2026",
"$20"); other languages are formatted by Babel from the Unicode CLDR data
("22. November 2026", "15 €"). JSON-LD and machine-readable fields are never translated.

To add a language: add its catalog here and its code to ``LANGUAGES`` in
``boardgen.model`` (Material for MkDocs translates its own labels by ``theme.language``).
Other parts of the board (e.g. its JavaScript) may add keys with their own prefix.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass

EN: dict[str, str] = {
    # badges
    "badge.example": "Example",
    "badge.closing_soon": "Closing soon",
    "badge.closed": "Closed",
    "badge.featured": "Featured",
    "badge.campus": "Campus only",
    # a listing's facts
    "facts.type": "Type",
    "facts.pay": "Pay",
    "facts.effort": "Effort",
    "facts.where": "Where",
    "facts.deadline": "Deadline",
    "facts.starts": "Starts",
    "facts.eligibility": "Who can apply",
    "facts.skills": "Skills",
    "facts.fields": "Fields",
    "facts.programs": "Campus programs",
    "listing.title": "{title} at {org}",
    "listing.website": "website",
    "listing.closed_title": "This opportunity closed",
    "listing.closed_title_on": "This opportunity closed on {date}",
    "listing.closed_text": "It no longer takes applications. This page stays up for a while so "
    "that links to it keep working.",
    "listing.see_open": "See open opportunities",
    "listing.apply": "Apply at {org}",
    "listing.add_to_calendar": "Add the deadline to my calendar",
    "listing.posted": "Posted {date}",
    "listing.source": "Source: {sources}",
    "listing.checked": "Last checked {date}",
    "listing.report": "Report a problem",
    "listing.related": "Related opportunities",
    "listing.about": "About the work",
    "listing.contributed": "contributed to this board",
    "listing.source_unknown": "unknown",
    "listing.sponsorship_yes": "visa sponsorship offered",
    "listing.sponsorship_no": "no visa sponsorship",
    # lists and pages of cards
    "card.deadline": "Deadline: {deadline}",
    "list.page_of": "{title} (page {number} of {total})",
    "list.none": "None open right now.",
    "list.newer": "← Newer",
    "list.older": "Older →",
    "list.pages": "Pages",
    "count.open.one": "{n} open opportunity",
    "count.open.other": "{n} open opportunities",
    "board.title": "Open opportunities",
    "board.intro": '{count}, newest first. Browse by <a href="{up}fields/">field</a>, '
    '<a href="{up}types/">type</a> or <a href="{up}organizations/">organization</a>; follow '
    'new ones by <a href="{up}feeds/rss.xml">RSS</a>, <a href="{up}feeds/atom.xml">Atom</a> '
    'or <a href="{up}feeds/feed.json">JSON Feed</a>, or add every deadline to your calendar '
    'with <a href="{up}feeds/deadlines.ics">deadlines.ics</a>.',
    "board.description": "{count} on {board}.",
    "field.intro": "{count} in {field}. Follow them by",
    "field.title": "{label} opportunities",
    "field.description": "Open {label} opportunities on {board}.",
    "field.index": "Opportunities by field",
    "type.index": "Opportunities by type",
    "org.intro": "{count} at {org}.",
    "org.website": "Website:",
    "org.description": "Open opportunities at {org} on {board}.",
    "org.index": "Organizations",
    "index.all": "All open opportunities",
    "index.description": "{title} on {board}.",
    "or": "or",
    # the home page
    "home.count.one": "<strong>{count}</strong> from {n} organization, checked {date}.",
    "home.count.other": "<strong>{count}</strong> from {n} organizations, checked {date}.",
    "home.browse_all": "Browse them all",
    "home.featured": "Featured",
    "home.closing_soon": "Closing soon",
    "home.deadlines_within": "Deadlines in the next {n} days.",
    "home.see_all": "See all",
    "home.no_deadlines": "No deadlines in the next {n} days.",
    "home.new": "New this week",
    "home.nothing_new": "Nothing new in the last 7 days.",
    "home.by_field": "Browse by field",
    "home.by_type": "Browse by type",
    # the sources page
    "sources.title": "Where listings come from",
    "sources.description": "The sources of {board} and how each is doing.",
    "sources.contributed.one": "{n} open listing contributed to this board by pull request",
    "sources.contributed.other": "{n} open listings contributed to this board by pull request",
    "sources.intro": "{contributed}, and these sources, fetched on a schedule (checked {date}). "
    "A source that fails keeps its last good listings until it recovers.",
    "sources.none": "This board fetches from no feeds or hiring systems yet.",
    "sources.never": "never",
    "sources.col.source": "Source",
    "sources.col.kind": "Kind",
    "sources.col.health": "Health",
    "sources.col.listings": "Listings",
    "sources.col.last_success": "Last success",
    "sources.col.failures": "Failures in a row",
    "sources.col.problem": "Last problem",
    # feeds and calendars
    "feed.deadlines": "{board}: deadlines",
    "feed.field": "{board}: {label}",
    "feed.field_description": "New {label} opportunities on {board}.",
    "calendar.deadline": "Deadline: {title}",
    "calendar.event": "Deadline: {title} ({org})",
    "calendar.details": "Apply: {apply}\nDetails: {page}",
    # facts in words (boardgen.render.present)
    "type.micro-internship": "Micro-internship",
    "type.internship": "Internship",
    "type.fellowship": "Fellowship",
    "type.externship": "Externship",
    "type.research": "Research",
    "type.job-simulation": "Job simulation",
    "type.apprenticeship": "Apprenticeship",
    "type.co-op": "Co-op",
    "type.part-time": "Part-time",
    "type.volunteer": "Volunteer",
    "type.other": "Other",
    "mode.remote": "Remote",
    "mode.hybrid": "Hybrid",
    "mode.onsite": "On-site",
    "mode.unknown": "Work mode not stated",
    "where.remote_in": "{mode} ({countries})",
    "where.remote_anywhere": "{mode}, anywhere",
    "period.hour": "per hour",
    "period.day": "per day",
    "period.week": "per week",
    "period.month": "per month",
    "period.year": "per year",
    "period.one-time": "in total",
    "pay.not_stated": "Pay not stated",
    "pay.unpaid": "Unpaid",
    "pay.academic_credit": "Academic credit",
    "pay.stipend": "stipend",
    "pay.fixed_fee": "fixed fee",
    "pay.stipend_only": "Stipend",
    "pay.fixed_fee_only": "Fixed fee",
    "pay.hourly_only": "Paid hourly",
    "pay.salary_only": "Salaried",
    "effort.hours_over": "{hours} hours over {weeks}",
    "effort.hours_total": "{hours} hours in total",
    "effort.per_week": "{span} hours a week",
    "effort.not_stated": "Not stated",
    "weeks.one": "{n} week",
    "weeks.other": "{n} weeks",
    "deadline.not_stated": "Not stated",
    "deadline.rolling": "Rolling: apply any time",
    "deadline.passed": "{date} (passed)",
    "deadline.today": "{date} (today)",
    "deadline.left.one": "{date} ({n} day left)",
    "deadline.left.other": "{date} ({n} days left)",
    "year.first-year": "first year",
    "year.second-year": "second year",
    "year.third-year": "third year",
    "year.fourth-year": "fourth year",
    "year.graduate": "graduate",
    "year.recent-graduate": "recent graduate",
    "degree.high-school": "high school",
    "degree.associate": "associate",
    "degree.bachelor": "bachelor",
    "degree.master": "master",
    "degree.doctorate": "doctorate",
    # the board's filters (boardgen.render.facets); type, mode, year and degree values reuse the
    # words above
    "facet.type": "Type",
    "facet.field": "Field",
    "facet.mode": "Work mode",
    "facet.country": "Country or region",
    "facet.pay": "Pay",
    "facet.currency": "Currency",
    "facet.currency.none": "No amount stated",
    "facet.effort": "Total effort",
    "facet.weekly": "Hours per week",
    "facet.deadline": "Deadline",
    "facet.year": "Class year",
    "facet.degree": "Degree level",
    "facet.posted": "Posted",
    "facet.pay.paid": "Paid",
    "facet.pay.stipend": "Stipend",
    "facet.pay.unpaid": "Unpaid",
    "facet.pay.credit": "Academic credit",
    "facet.pay.unknown": "Pay not stated",
    "facet.effort.up-to-10h": "Up to 10 hours",
    "facet.effort.10-40h": "10–40 hours",
    "facet.effort.1-4w": "1–4 weeks",
    "facet.effort.longer": "Longer",
    "facet.effort.unknown": "Not stated",
    "facet.weekly.up-to-10": "Up to 10 hours a week",
    "facet.weekly.10-20": "10–20 hours a week",
    "facet.weekly.over-20": "Over 20 hours a week",
    "facet.weekly.unknown": "Not stated",
    "facet.deadline.week": "This week",
    "facet.deadline.month": "This month",
    "facet.deadline.later": "Later",
    "facet.deadline.rolling": "Rolling",
    "facet.deadline.unknown": "Not stated",
    "facet.posted.new": "In the last 7 days",
    "facet.posted.older": "Earlier",
    "facet.country.anywhere": "Anywhere (remote)",
    "facet.country.none": "Not stated",
    # the board's JavaScript (theme/assets/board.js reads them without the "js." prefix)
    "js.filters": "Filters",
    "js.show_filters": "Show filters",
    "js.close_filters": "Close filters",
    "js.clear": "Clear all filters",
    "js.search": "Search opportunities",
    "js.search_placeholder": "Title, organization, skill or any word",
    "js.sort": "Sort by",
    "js.sort_newest": "Newest",
    "js.sort_deadline": "Deadline",
    "js.sort_pay": "Pay (hourly)",
    "js.min_rate": "Minimum hourly pay",
    "js.min_rate_hint": (
        "Hourly-paid listings only, in their own currency: tick one currency to compare"
        " like with like"
    ),
    "js.results_one": "1 opportunity",
    "js.results_many": "{n} opportunities",
    "js.results_none": "No opportunity matches. Remove a filter or change the search.",
    "js.show_more": "Show more",
    "js.loading": "Loading…",
    "js.search_failed": "Search is not available right now.",
    "js.save": "Save",
    "js.saved": "Saved",
    "js.save_label": "Save {title}",
    "js.mark_applied": "Mark applied",
    "js.applied_on": "Applied on {date}",
    "js.applied_label": "Mark {title} as applied",
    "js.all": "All opportunities",
    "js.my_list": "My list",
    "js.my_list_empty": "Nothing saved yet. Use Save on an opportunity to keep it here.",
    "js.export_csv": "Export CSV",
    "js.export_ics": "Export deadlines (.ics)",
    "js.example": "Example",
    "js.closing_soon": "Closing soon",
    "js.card_deadline": "Deadline: {date}",
    "js.ics_summary": "Deadline: {title} ({org})",
}

DE: dict[str, str] = {
    "badge.example": "Beispiel",
    "badge.closing_soon": "Endet bald",
    "badge.closed": "Beendet",
    "badge.featured": "Empfohlen",
    "badge.campus": "Nur für unseren Campus",
    "facts.type": "Art",
    "facts.pay": "Bezahlung",
    "facts.effort": "Aufwand",
    "facts.where": "Ort",
    "facts.deadline": "Bewerbungsschluss",
    "facts.starts": "Beginn",
    "facts.eligibility": "Wer sich bewerben kann",
    "facts.skills": "Fähigkeiten",
    "facts.fields": "Bereiche",
    "facts.programs": "Campus-Programme",
    "listing.title": "{title} bei {org}",
    "listing.website": "Website",
    "listing.closed_title": "Dieses Angebot ist beendet",
    "listing.closed_title_on": "Dieses Angebot endete am {date}",
    "listing.closed_text": "Es nimmt keine Bewerbungen mehr an. Die Seite bleibt eine Weile "
    "bestehen, damit Links darauf weiter funktionieren.",
    "listing.see_open": "Offene Angebote ansehen",
    "listing.apply": "Bei {org} bewerben",
    "listing.add_to_calendar": "Bewerbungsschluss in meinen Kalender",
    "listing.posted": "Veröffentlicht am {date}",
    "listing.source": "Quelle: {sources}",
    "listing.checked": "Zuletzt geprüft am {date}",
    "listing.report": "Problem melden",
    "listing.related": "Ähnliche Angebote",
    "listing.about": "Über die Aufgabe",
    "listing.contributed": "direkt bei diesem Board eingereicht",
    "listing.source_unknown": "unbekannt",
    "listing.sponsorship_yes": "Visa-Sponsoring möglich",
    "listing.sponsorship_no": "kein Visa-Sponsoring",
    "card.deadline": "Bewerbungsschluss: {deadline}",
    "list.page_of": "{title} (Seite {number} von {total})",
    "list.none": "Derzeit ist nichts offen.",
    "list.newer": "← Neuere",
    "list.older": "Ältere →",
    "list.pages": "Seiten",
    "count.open.one": "{n} offenes Angebot",
    "count.open.other": "{n} offene Angebote",
    "board.title": "Offene Angebote",
    "board.intro": '{count}, die neuesten zuerst. Nach <a href="{up}fields/">Bereich</a>, '
    '<a href="{up}types/">Art</a> oder <a href="{up}organizations/">Organisation</a> '
    'stöbern; neue per <a href="{up}feeds/rss.xml">RSS</a>, '
    '<a href="{up}feeds/atom.xml">Atom</a> oder <a href="{up}feeds/feed.json">JSON Feed</a> '
    "verfolgen, oder alle Fristen mit "
    '<a href="{up}feeds/deadlines.ics">deadlines.ics</a> in den Kalender übernehmen.',
    "board.description": "{count} auf {board}.",
    "field.intro": "{count} im Bereich {field}. Verfolgen per",
    "field.title": "Angebote: {label}",
    "field.description": "Offene Angebote im Bereich {label} auf {board}.",
    "field.index": "Angebote nach Bereich",
    "type.index": "Angebote nach Art",
    "org.intro": "{count} bei {org}.",
    "org.website": "Website:",
    "org.description": "Offene Angebote bei {org} auf {board}.",
    "org.index": "Organisationen",
    "index.all": "Alle offenen Angebote",
    "index.description": "{title} auf {board}.",
    "or": "oder",
    "home.count.one": "<strong>{count}</strong> von {n} Organisation, geprüft am {date}.",
    "home.count.other": "<strong>{count}</strong> von {n} Organisationen, geprüft am {date}.",
    "home.browse_all": "Alle ansehen",
    "home.featured": "Empfohlen",
    "home.closing_soon": "Endet bald",
    "home.deadlines_within": "Bewerbungsschluss in den nächsten {n} Tagen.",
    "home.see_all": "Alle ansehen",
    "home.no_deadlines": "Kein Bewerbungsschluss in den nächsten {n} Tagen.",
    "home.new": "Neu diese Woche",
    "home.nothing_new": "Nichts Neues in den letzten 7 Tagen.",
    "home.by_field": "Nach Bereich",
    "home.by_type": "Nach Art",
    "sources.title": "Woher die Angebote kommen",
    "sources.description": "Die Quellen von {board} und wie es um sie steht.",
    "sources.contributed.one": "{n} offenes Angebot wurde per Pull Request eingereicht",
    "sources.contributed.other": "{n} offene Angebote wurden per Pull Request eingereicht",
    "sources.intro": "{contributed}, dazu kommen diese Quellen, regelmäßig abgerufen (geprüft "
    "am {date}). Eine Quelle mit Fehlern behält ihre letzten guten Angebote, bis sie wieder "
    "funktioniert.",
    "sources.none": "Dieses Board ruft noch keine Feeds oder Bewerbungssysteme ab.",
    "sources.never": "nie",
    "sources.col.source": "Quelle",
    "sources.col.kind": "Art",
    "sources.col.health": "Zustand",
    "sources.col.listings": "Angebote",
    "sources.col.last_success": "Zuletzt erfolgreich",
    "sources.col.failures": "Fehler in Folge",
    "sources.col.problem": "Letztes Problem",
    "feed.deadlines": "{board}: Fristen",
    "feed.field": "{board}: {label}",
    "feed.field_description": "Neue Angebote im Bereich {label} auf {board}.",
    "calendar.deadline": "Bewerbungsschluss: {title}",
    "calendar.event": "Bewerbungsschluss: {title} ({org})",
    "calendar.details": "Bewerben: {apply}\nDetails: {page}",
    "type.micro-internship": "Mikro-Praktikum",
    "type.internship": "Praktikum",
    "type.fellowship": "Stipendienprogramm",
    "type.externship": "Externship",
    "type.research": "Forschung",
    "type.job-simulation": "Job-Simulation",
    "type.apprenticeship": "Ausbildung",
    "type.co-op": "Duales Praktikum",
    "type.part-time": "Teilzeit",
    "type.volunteer": "Ehrenamt",
    "type.other": "Sonstiges",
    "mode.remote": "Remote",
    "mode.hybrid": "Hybrid",
    "mode.onsite": "Vor Ort",
    "mode.unknown": "Arbeitsort nicht angegeben",
    "where.remote_in": "{mode} ({countries})",
    "where.remote_anywhere": "{mode}, überall",
    "period.hour": "pro Stunde",
    "period.day": "pro Tag",
    "period.week": "pro Woche",
    "period.month": "pro Monat",
    "period.year": "pro Jahr",
    "period.one-time": "insgesamt",
    "pay.not_stated": "Bezahlung nicht angegeben",
    "pay.unpaid": "Unbezahlt",
    "pay.academic_credit": "Anrechnung als Studienleistung",
    "pay.stipend": "Stipendium",
    "pay.fixed_fee": "Pauschale",
    "pay.stipend_only": "Stipendium",
    "pay.fixed_fee_only": "Pauschale",
    "pay.hourly_only": "Stundenlohn",
    "pay.salary_only": "Gehalt",
    "effort.hours_over": "{hours} Stunden über {weeks}",
    "effort.hours_total": "{hours} Stunden insgesamt",
    "effort.per_week": "{span} Stunden pro Woche",
    "effort.not_stated": "Nicht angegeben",
    "weeks.one": "{n} Woche",
    "weeks.other": "{n} Wochen",
    "deadline.not_stated": "Nicht angegeben",
    "deadline.rolling": "Laufend: jederzeit bewerben",
    "deadline.passed": "{date} (vorbei)",
    "deadline.today": "{date} (heute)",
    "deadline.left.one": "{date} (noch {n} Tag)",
    "deadline.left.other": "{date} (noch {n} Tage)",
    "year.first-year": "erstes Studienjahr",
    "year.second-year": "zweites Studienjahr",
    "year.third-year": "drittes Studienjahr",
    "year.fourth-year": "viertes Studienjahr",
    "year.graduate": "Masterstudium",
    "year.recent-graduate": "Absolvent:innen",
    "degree.high-school": "Schule",
    "degree.associate": "Associate",
    "degree.bachelor": "Bachelor",
    "degree.master": "Master",
    "degree.doctorate": "Promotion",
    "facet.type": "Art",
    "facet.field": "Bereich",
    "facet.mode": "Arbeitsort",
    "facet.country": "Land oder Region",
    "facet.pay": "Bezahlung",
    "facet.currency": "Währung",
    "facet.currency.none": "Kein Betrag angegeben",
    "facet.effort": "Gesamtaufwand",
    "facet.weekly": "Stunden pro Woche",
    "facet.deadline": "Bewerbungsschluss",
    "facet.year": "Studienjahr",
    "facet.degree": "Abschluss",
    "facet.posted": "Veröffentlicht",
    "facet.pay.paid": "Bezahlt",
    "facet.pay.stipend": "Stipendium",
    "facet.pay.unpaid": "Unbezahlt",
    "facet.pay.credit": "Anrechnung als Studienleistung",
    "facet.pay.unknown": "Bezahlung nicht angegeben",
    "facet.effort.up-to-10h": "Bis 10 Stunden",
    "facet.effort.10-40h": "10–40 Stunden",
    "facet.effort.1-4w": "1–4 Wochen",
    "facet.effort.longer": "Länger",
    "facet.effort.unknown": "Nicht angegeben",
    "facet.weekly.up-to-10": "Bis 10 Stunden pro Woche",
    "facet.weekly.10-20": "10–20 Stunden pro Woche",
    "facet.weekly.over-20": "Über 20 Stunden pro Woche",
    "facet.weekly.unknown": "Nicht angegeben",
    "facet.deadline.week": "Diese Woche",
    "facet.deadline.month": "Diesen Monat",
    "facet.deadline.later": "Später",
    "facet.deadline.rolling": "Laufend",
    "facet.deadline.unknown": "Nicht angegeben",
    "facet.posted.new": "In den letzten 7 Tagen",
    "facet.posted.older": "Früher",
    "facet.country.anywhere": "Überall (remote)",
    "facet.country.none": "Nicht angegeben",
    "js.filters": "Filter",
    "js.show_filters": "Filter anzeigen",
    "js.close_filters": "Filter schließen",
    "js.clear": "Alle Filter zurücksetzen",
    "js.search": "Angebote durchsuchen",
    "js.search_placeholder": "Titel, Organisation, Fähigkeit oder ein beliebiges Wort",
    "js.sort": "Sortieren nach",
    "js.sort_newest": "Neueste",
    "js.sort_deadline": "Bewerbungsschluss",
    "js.sort_pay": "Bezahlung (pro Stunde)",
    "js.min_rate": "Mindeststundenlohn",
    "js.min_rate_hint": (
        "Nur Angebote mit Stundenlohn, in ihrer eigenen Währung: eine Währung wählen,"
        " um Gleiches zu vergleichen"
    ),
    "js.results_one": "1 Angebot",
    "js.results_many": "{n} Angebote",
    "js.results_none": "Kein Angebot passt. Einen Filter entfernen oder die Suche ändern.",
    "js.show_more": "Mehr anzeigen",
    "js.loading": "Wird geladen…",
    "js.search_failed": "Die Suche ist gerade nicht verfügbar.",
    "js.save": "Merken",
    "js.saved": "Gemerkt",
    "js.save_label": "{title} merken",
    "js.mark_applied": "Als beworben markieren",
    "js.applied_on": "Beworben am {date}",
    "js.applied_label": "{title} als beworben markieren",
    "js.all": "Alle Angebote",
    "js.my_list": "Meine Liste",
    "js.my_list_empty": "Noch nichts gemerkt. Mit „Merken“ landet ein Angebot hier.",
    "js.export_csv": "Als CSV exportieren",
    "js.export_ics": "Fristen exportieren (.ics)",
    "js.example": "Beispiel",
    "js.closing_soon": "Endet bald",
    "js.card_deadline": "Bewerbungsschluss: {date}",
    "js.ics_summary": "Bewerbungsschluss: {title} ({org})",
}

#: Every catalog by language code (the codes board.yml's ``language`` accepts).
CATALOGS: dict[str, dict[str, str]] = {"en": EN, "de": DE}
#: CLDR date patterns per language (English keeps boardgen's day-month-year form).
DATE_PATTERNS = {"de": "d. MMMM y"}


@dataclass(frozen=True)
class Translator:
    """Strings and formats of one language; English fills any key a catalog lacks."""

    language: str
    strings: Mapping[str, str]

    def __call__(self, key: str, **values: object) -> str:
        template = self.strings.get(key)
        if template is None:
            template = EN[key]  # a KeyError here is a bug: every key has an English entry
        return template.format(**values) if values else template

    def plural(self, key: str, n: float, **values: object) -> str:
        """``key.one`` for exactly 1, else ``key.other``; ``{n}`` is the number, formatted."""
        form = "one" if n == 1 else "other"
        return self(f"{key}.{form}", n=self.number(n), **values)

    def date(self, day: dt.date) -> str:
        """E.g. '22 November 2026' (en), '22. November 2026' (de)."""
        if self.language == "en":
            return f"{day.day} {day:%B %Y}"
        from babel.dates import format_date

        return str(format_date(day, DATE_PATTERNS.get(self.language, "long"), self.language))

    def number(self, value: float) -> str:
        """Whole numbers without decimals, others with two: '1,500', '12.50' / '1.500'."""
        whole = value == int(value)
        if self.language == "en":
            return f"{value:,.0f}" if whole else f"{value:,.2f}"
        from babel.numbers import format_decimal

        return str(format_decimal(value, "#,##0" if whole else "#,##0.00", locale=self.language))

    def money(self, value: float, currency: str | None) -> str:
        """E.g. '$20', '1,500 CHF' (en), '15 €', '20 $' (de)."""
        if currency is None:
            return self.number(value)
        if self.language == "en":
            symbol = _EN_SYMBOLS.get(currency)
            number = self.number(value)
            return f"{symbol}{number}" if symbol else f"{number} {currency}"
        from babel.numbers import format_currency

        pattern = "#,##0 ¤" if value == int(value) else "#,##0.00 ¤"
        return str(
            format_currency(value, currency, pattern, locale=self.language, currency_digits=False)
        )

    def currency_name(self, code: str) -> str:
        """E.g. 'US Dollar (USD)' (en), 'Euro (EUR)' (de); the code alone if unknown."""
        from babel.numbers import get_currency_name

        name = str(get_currency_name(code, locale=self.language))
        return f"{name} ({code})" if name != code else code

    def money_range(self, low: float, high: float, currency: str | None) -> str:
        """One symbol for a range: '$20–25' (en), '20–25 €' (de)."""
        one = self.money(high, currency)
        if (
            self.language != "en" and one[:1].isdigit()
        ):  # the symbol comes after the amount in this language
            return f"{self.number(low)}–{one}"
        return f"{self.money(low, currency)}–{self.number(high)}"

    def strings_with_prefix(self, prefix: str) -> dict[str, str]:
        """Every string whose key starts with ``prefix``, English where this language has none.

        For parts of the board that carry their own strings (e.g. its JavaScript, written
        into a page as JSON): add ``prefix``-named keys to the catalogs and pass this on.
        """
        keys = [key for key in EN if key.startswith(prefix)]
        return {key: self(key) for key in keys}


_EN_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "INR": "₹", "CAD": "CA$", "AUD": "A$"}


@functools.cache
def translator(language: str = "en") -> Translator:
    """The translator for a language code (English for one without a catalog)."""
    return Translator(language if language in CATALOGS else "en", CATALOGS.get(language, EN))


ENGLISH = translator("en")
