"""A round's summary (สรุปผลการรับฟังความคิดเห็น) as one plain document, for every format.

Two steps. :func:`collect` runs in the request (or the CLI): it reads the published results
(``consultations.results.round_results``, the same data as the results page and the API) and
the fixed texts in the export's language. :func:`shape` turns that into the document: texts
chosen in the export's language and cleaned of characters no file can carry, dates formatted
(Buddhist Era in Thai), inputs grouped by commitment, counts and chart scales. It is plain
Python, needs neither Flask nor the database, and is the CPU-heavy part: the registry runs it
off the gevent hub (``core.offload.off_hub``).

The document holds what the public may read once the responses are published, never more:
a submitter's name only when they agreed (otherwise "anonymous"), no contact details, and
withdrawn or hidden inputs listed with their status only (hidden ones with the secretariat's
reason), never their text.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from flask_babel import get_timezone
from flask_babel import gettext as _

from ...consultations.models import Channel, InputStatus, RoundState
from ...consultations.results import SECRETARIAT, round_results
from ...core.i18n import format_date, local_today
from ..registry import Options
from ..text import clean, page_url

FORMAT = 'forum-consultation-summary'
VERSION = 1


def labels() -> dict[str, str]:
    """Every fixed text of the summary, in the current language."""
    return {
        'kicker': _('Summary of the public consultation'),
        'ogp': _('Open Government Partnership (OGP)'),
        'prepared_by': _('Prepared by the Multistakeholder Forum'),
        'contents': _('Contents'),
        'about': _('About this consultation'),
        'round': _('Consultation round'),
        'plan': _('Plan'),
        'description': _('Description'),
        'announced': _('Announced on'),
        'period': _('Period'),
        'channels': _('Channels'),
        'covers': _('Commitments covered'),
        'state': _('State'),
        'published': _('Published on'),
        'participation': _('Participation'),
        'respondents': _('Respondents'),
        'inputs': _('Inputs'),
        'withdrawn_count': _('Withdrawn'),
        'hidden_count': _('Hidden'),
        'sector': _('Sector'),
        'channel': _('Channel'),
        'province': _('Province'),
        'commitment': _('Commitment'),
        'response': _('Response'),
        'not_given': _('Not given'),
        'whole_plan': _('The whole plan'),
        'themes': _('Issues raised'),
        'theme': _('Theme'),
        'no_themes': _('No issues were grouped into themes.'),
        'inputs_title': _('Inputs and responses'),
        'no_inputs': _('No inputs were received in this round.'),
        'tracking': _('Tracking number'),
        'status': _('Status'),
        'received': _('Received on'),
        'submitter': _('Submitter'),
        'organisation': _('Organisation'),
        'part': _('Part'),
        'text': _('Input'),
        'disposition': _('Response'),
        'reason': _('Reason'),
        'change': _('Resulting change'),
        'decided': _('Decided on'),
        'duplicate_of': _('Repeats'),
        'hidden_reason': _('Reason for hiding'),
        'no_response': _('No response yet.'),
        'anonymous': _('Anonymous'),
        'withdrawn_text': _('Withdrawn by its submitter.'),
        'hidden_text': _('Hidden by the secretariat.'),
        'secretariat': _('Secretariat'),
        'summary_sheet': _('Summary'),
        'field': _('Field'),
        'value': _('Value'),
    }


def _status_labels() -> dict[str, str]:
    return {s.value: str(s.label) for s in InputStatus}


def _revision_label(number: int, code: str | None) -> str:
    return _('revision %(n)d of %(code)s', n=number, code=code or '')


def collect(round_, options: Options, viewer) -> dict:
    """What the summary is made of: the published results and the fixed texts (needs the app)."""
    results = round_results(round_)
    revision_labels = {}
    for item in results['inputs']:
        for r in (item['response'] or {}).get('revisions', []):
            key = (r['number'], r['commitment'])
            if key not in revision_labels:
                revision_labels[key] = _revision_label(*key)
    for theme in results['themes']:
        for r in (theme['response'] or {}).get('revisions', []):
            key = (r['number'], r['commitment'])
            revision_labels.setdefault(key, _revision_label(*key))
    return {
        'lang': options.lang,
        'digits': options.digits,
        'labels': labels(),
        'status_labels': _status_labels(),
        'state_label': RoundState.label_of(round_.state),
        'revision_labels': revision_labels,
        'zone': get_timezone(),
        'generated_on': local_today(),
        'url': page_url('consultations.results', round_id=round_.id),
        'results': results,
    }


def build(round_, options: Options, viewer) -> dict:
    """The summary document in one step (tests; the registry runs the two steps apart)."""
    return shape(collect(round_, options, viewer))


def shape(raw: dict) -> dict:
    """The summary document from what :func:`collect` read: plain Python, no app, no database."""
    lang = raw['lang']
    L = raw['labels']  # noqa: N806 - as in the templates
    zone = raw['zone']
    results = raw['results']
    rnd = results['round']

    def t(texts) -> str:
        if not texts:
            return ''
        return clean(texts.get(lang) or texts.get('th') or '')

    @lru_cache(maxsize=4096)
    def day(value) -> str:
        return format_date(value, 'long', locale=lang) if value is not None else ''

    def local(value: datetime | None) -> datetime | None:
        return value.astimezone(zone) if value is not None and value.tzinfo else value

    def moment(value: datetime | None) -> str:
        value = local(value)
        if value is None:
            return ''
        suffix = ' น.' if lang == 'th' else ''
        return f'{day(value.date())} {value:%H:%M}{suffix}'

    def iso(value) -> str | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.isoformat()
        return value.isoformat() if isinstance(value, date) else str(value)

    channel_labels = {c['code']: t(c['label']) for c in results['participation']['by_channel']}
    participation = results['participation']

    def rows(table: str, name_key: str, other: str) -> list[dict]:
        found = []
        for row in participation[table]:
            if row['code'] is None:
                label = other
            elif table == 'by_commitment':
                label = f'{row["code"]} {t(row["title"])}'
            elif row['code'] == SECRETARIAT:
                label = L['secretariat']
            else:
                label = t(row[name_key])
            found.append({'code': row['code'], 'label': label,
                          'respondents': row['respondents'], 'inputs': row['inputs']})  # fmt: skip
        top = max((row['inputs'] for row in found), default=0)
        for row in found:
            row['share'] = round(100 * row['inputs'] / top, 1) if top else 0.0
        return found

    themes = []
    for theme in results['themes']:
        response = theme['response']
        themes.append(
            {
                'id': theme['id'],
                'title': t(theme['title']),
                'inputs': theme['inputs'],
                'merged_into': theme['merged_into'],
                'disposition': response['disposition'] if response else None,
                'disposition_label': t(response['disposition_label']) if response else '',
                'reason': clean(response['reason']) if response else '',
            }
        )

    commitments = [{'code': c['code'], 'title': t(c['title'])} for c in rnd['commitments']]
    groups = {None: {'code': None, 'title': L['whole_plan'], 'inputs': []}}
    for c in commitments:
        groups[c['code']] = {'code': c['code'], 'title': f'{c["code"]} {c["title"]}', 'inputs': []}
    statuses = raw['status_labels']
    for item in results['inputs']:
        record = _input(item, t, day, local, iso, statuses, raw['revision_labels'], L)
        code = record['commitment']
        if code not in groups:
            title = f'{code} {t(item["commitment"]["title"])}'
            groups[code] = {'code': code, 'title': title, 'inputs': []}
        groups[code]['inputs'].append(record)

    return {
        'format': FORMAT,
        'version': VERSION,
        'language': lang,
        'digits': raw['digits'],
        'generated_on': raw['generated_on'].isoformat(),
        'generated_text': day(raw['generated_on']),
        'labels': L,
        'round': {
            'id': rnd['id'],
            'code': rnd['code'],
            'number': rnd['number'],
            'title': t(rnd['title']),
            'description': t(rnd['description']),
            'plan': {
                'id': rnd['nap']['id'],
                'number': rnd['nap']['number'],
                'title': t(rnd['nap']['title']),
            },  # fmt: skip
            'state': rnd['state'],
            'state_label': raw['state_label'],
            'announce_on': iso(rnd['announce_on']),
            'opens_at': iso(rnd['opens_at']),
            'closes_at': iso(rnd['closes_at']),
            'opened_at': iso(rnd['opened_at']),
            'closed_at': iso(rnd['closed_at']),
            'published_at': iso(rnd['published_at']),
            'channels': [
                {'code': c, 'label': channel_labels.get(c) or Channel(c).value}
                for c in rnd['channels']
            ],  # fmt: skip
            'commitments': commitments,
            'url': raw['url'],
            'announced_text': day(rnd['announce_on']),
            'period_text': ' – '.join(
                moment(v)
                for v in (rnd['opened_at'] or rnd['opens_at'], rnd['closed_at'] or rnd['closes_at'])
                if v
            ),  # fmt: skip
            'published_text': moment(rnd['published_at']),
        },
        'participation': {
            'respondents': participation['respondents'],
            'inputs': participation['inputs'],
            'withdrawn': participation['withdrawn'],
            'hidden': participation['hidden'],
            'by_sector': rows('by_sector', 'name', L['not_given']),
            'by_channel': rows('by_channel', 'label', L['not_given']),
            'by_province': rows('by_province', 'name', L['not_given']),
            'by_commitment': rows('by_commitment', 'title', L['whole_plan']),
            'by_disposition': rows('by_disposition', 'label', L['not_given']),
        },
        'themes': themes,
        'groups': [g for g in groups.values() if g['inputs']],
        'input_count': len(results['inputs']),
    }


def _input(item: dict, t, day, local, iso, statuses: dict, revision_labels: dict, L) -> dict:  # noqa: N803
    standing = item['status'] == InputStatus.active.value
    response = item['response']
    revisions = []
    if response:
        for r in response['revisions']:
            revisions.append(
                {
                    'commitment': r['commitment'],
                    'number': r['number'],
                    'label': revision_labels.get((r['number'], r['commitment']), ''),
                }
            )
    decided = local(response['decided_at']) if response and response['decided_at'] else None
    submitter = clean(item['submitter']) if standing and item['submitter'] else None
    organisation = clean(item['organisation']) if submitter and item['organisation'] else None
    sector = L['secretariat'] if item['counted_as'] == SECRETARIAT else t(item['sector']['name'])
    return {
        'tracking_number': item['tracking_number'],
        'status': item['status'],
        'status_label': statuses.get(item['status'], item['status']),
        'received_on': iso(item['received_on']),
        'received_text': day(item['received_on']),
        'channel': item['channel'],
        'channel_label': t(item['channel_label']),
        'sector': item['counted_as'],
        'sector_label': sector,
        'province': item['province']['code'] if item['province'] else None,
        'province_label': t(item['province']['name']) if item['province'] else '',
        'commitment': item['commitment']['code'] if item['commitment'] else None,
        'part': item['part']['code'] if item['part'] else None,
        'part_label': t(item['part']['label']) if item['part'] else '',
        'theme': item['theme']['id'] if item['theme'] else None,
        'theme_title': t(item['theme']['title']) if item['theme'] else '',
        'submitter': submitter,
        'submitter_label': submitter or L['anonymous'],
        'organisation': organisation,
        # Withdrawn and hidden inputs: their status only, never their text.
        'text': clean(item['text']) if standing and item['text'] is not None else None,
        'hidden_reason': clean(item['hidden_reason']) if item['hidden_reason'] else None,
        'duplicate_of': item['duplicate_of'] if standing else None,
        'disposition': response['disposition'] if response else None,
        'disposition_label': t(response['disposition_label']) if response else '',
        'reason': clean(response['reason']) if response else '',
        'revisions': revisions,
        'change': ', '.join(r['label'] for r in revisions),
        'response_via': response['via'] if response else None,
        'decided_on': decided.date().isoformat() if decided else None,
        'decided_text': day(decided.date()) if decided else '',
    }


def input_rows(document: dict):
    """Every input of the document, commitment by commitment (the CSV's and XLSX's rows)."""
    for group in document['groups']:
        yield from group['inputs']
