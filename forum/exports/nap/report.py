"""The plan as a report (PDF and DOCX): the OGP commitment template, one commitment after another.

:func:`build` reads the plan and returns every text the report shows, already translated into
the export's language, dates in the Buddhist Era for Thai, numerals as the reader chose. The
renderers (``report_pdf``, ``report_docx``) only lay it out.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby

from flask_babel import gettext as _

from ...commitments.fields import COMMITMENT_TEXTS, OGP_VALUES, field_label
from ...commitments.models import Commitment, CommitmentState, MilestoneStatus
from ...core.i18n import format_date, local_today
from ...core.offload import cooperate
from ...naps.models import Nap, NapState
from ..registry import Options
from ..text import clean, numerals
from .load import readable_commitments

#: The template's prose, under the commitment's summary table (title and short title are above).
_PROSE = [
    name for name, _label, _needed in COMMITMENT_TEXTS if name not in ('title', 'short_title')
]


def labels() -> dict[str, str]:
    """Every fixed text of the report, in the current language."""
    return {
        'ogp': _('Open Government Partnership (OGP)'),
        'contents': _('Contents'),
        'page': _('Page'),
        'prepared_by': _('Prepared by the Multistakeholder Forum'),
        'about': _('About this plan'),
        'document_state': _('State of the plan'),
        'period': _('Period'),
        'commitment': _('Commitment'),
        'identifier': _('Commitment identifier'),
        'short_title': str(field_label('short_title')),
        'policy_area': str(field_label('policy_area')),
        'lead_agency': str(field_label('lead_agency')),
        'supporters': str(field_label('supporters')),
        'contact': str(field_label('contact_name')),
        'dates': _('Start and end dates'),
        'budget': str(field_label('budget')),
        'sdg': str(field_label('sdg_targets')),
        'state': _('State'),
        'ogp_values': _('Relevance to OGP values'),
        'relevant': _('Relevant'),
        'not_relevant': _('Not relevant'),
        'milestones': str(field_label('milestones')),
        'number': _('No.'),
        'output': _('Expected output'),
        'indicator': _('Indicator'),
        'baseline_target': _('Baseline → target'),
        'owner': _('Responsible organisation'),
        'start': _('Start date'),
        'end': _('End date'),
        'status': _('Status'),
        'no_milestones': _('No milestones yet.'),
        'not_given': _('Not given'),
        'withdrawn': _('Withdrawn commitments'),
        'reason': _('Reason'),
        'no_commitments': _('No commitments yet.'),
    }


def build(nap: Nap, options: Options, viewer) -> dict:
    """Every text of the plan's report, in ``options.lang`` with ``options.digits``."""
    lang, digits = options.lang, options.digits

    def num(text) -> str:
        return numerals(str(text), digits)

    @lru_cache(maxsize=4096)  # a plan's milestones share few dates; Babel takes ~0.1 ms each
    def day(value) -> str:
        return format_date(value, 'long', locale=lang, thai_digits=digits == 'thai')

    commitments = readable_commitments(nap, viewer)
    active = [c for c in commitments if c.state != CommitmentState.withdrawn]
    withdrawn = [c for c in commitments if c.state == CommitmentState.withdrawn]
    areas = []
    for area, items in groupby(active, key=lambda c: c.policy_area):
        shown = []
        for c in items:
            shown.append(_commitment(c, lang, num, day))
            cooperate()  # a commitment at a time: a long plan does not hold the gevent hub
        areas.append(
            {
                'anchor': f'area-{area.code}',
                'name': clean(area.text('name', lang)),
                'commitments': shown,
            }
        )
    title = clean(nap.text('title', lang))
    return {
        'lang': lang,
        'digits': digits,
        'labels': labels(),
        'title': num(title),
        'kicker': num(_('National Action Plan No. %(number)s', number=nap.number)),
        'period': f'{day(nap.start_date)} – {day(nap.end_date)}',
        'date': format_date(local_today(), 'MMMM y', locale=lang, thai_digits=digits == 'thai'),
        'state': NapState.label_of(nap.state),
        'about': num(
            _(
                'This plan runs from %(start)s to %(end)s. It holds %(commitments)s commitments '
                'in %(areas)s policy areas, with %(milestones)s milestones.',
                start=day(nap.start_date),
                end=day(nap.end_date),
                commitments=len(active),
                areas=len(areas),
                milestones=sum(len(c.milestones) for c in active),
            )
        ),
        'areas': areas,
        'withdrawn': [
            {
                'code': c.code,
                'title': num(clean(c.text('title', lang))),
                'reason': num(clean(c.withdrawn_reason)),
            }
            for c in withdrawn
        ],
    }


def _commitment(c: Commitment, lang: str, num, day) -> dict:
    def text(obj, name: str) -> str:
        return num(clean(obj.text(name, lang)))

    def name(org) -> str:
        return num(clean(org.text('name', lang))) if org is not None else ''

    supporters = [f'{name(o)} ({clean(o.sector.text("name", lang))})' for o in c.supporters]
    contact = ', '.join(part for part in (num(clean(c.contact_name)), c.contact_email) if part)
    dates = ' – '.join(day(d) for d in (c.start_date, c.end_date) if d is not None)
    fields = [
        ('identifier', c.code),
        ('short_title', text(c, 'short_title')),
        ('policy_area', text(c.policy_area, 'name')),
        ('lead_agency', name(c.lead_agency)),
        ('supporters', '; '.join(supporters)),
        ('contact', contact),
        ('dates', dates),
        ('budget', num(clean(c.budget))),
        ('sdg', num(clean(c.sdg_targets))),
        ('state', CommitmentState.label_of(c.state)),
    ]
    return {
        'anchor': c.code,
        'code': c.code,
        'title': text(c, 'title'),
        'fields': [{'key': key, 'text': value} for key, value in fields],
        'sections': [
            {'label': str(field_label(prose)), 'text': text(c, prose)} for prose in _PROSE
        ],
        'values': [
            {
                'label': str(label),
                'relevant': bool(getattr(c, flag)),
                'why': text(c, why),
            }
            for flag, why, label in OGP_VALUES
        ],
        'milestones': [
            {
                'number': num(m.position),
                'output': text(m, 'output'),
                'indicator': text(m, 'indicator'),
                'baseline': text(m, 'baseline'),
                'target': text(m, 'target'),
                'owner': name(m.responsible_organisation),
                'start': day(m.start_date),
                'end': day(m.end_date),
                'status': MilestoneStatus.label_of(m.status),
            }
            for m in c.milestones
        ],
    }


def rows(document: dict) -> int:
    """How many rows the report has: a commitment and each of its milestones count one."""
    return sum(1 + len(c['milestones']) for area in document['areas'] for c in area['commitments'])
