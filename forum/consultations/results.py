"""A round's results as plain data: the one source of the results page, the API and exports.

:func:`round_results` returns dicts, lists, strings, numbers, dates and aware UTC datetimes,
texts in both languages as ``{"th": …, "en": …}``. It holds what the public may read once the
responses are published, and nothing else: submitters' names only when they agreed to be named
(otherwise ``None``: anonymous), never contact details, e-mail addresses or accounts; withdrawn
and hidden inputs are listed, marked as such, without their text. Whether the reader may see a
round's results is the caller's question (``can(user, 'view_results', round)``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..commitments.models import Commitment
from ..core.offload import cooperate
from ..extensions import db
from ..sectors.services import list_sectors
from .access import commitment_codes, covered_commitments
from .models import Channel, ConsultationRound, ConsultationTheme, Disposition, InputStatus
from .provinces import PROVINCES
from .services.responses import round_inputs

#: ``counted_as`` of inputs from staff acting as the secretariat (apart from the sectors).
SECRETARIAT = 'secretariat'
#: Inputs turned into data between two pauses for the gevent hub (``core.offload.cooperate``).
_SLICE = 200


def _both(obj, name: str) -> dict:
    return {'th': getattr(obj, f'{name}_th'), 'en': getattr(obj, f'{name}_en') or ''}


def _labels(enum_member) -> dict:
    return dict(_enum_labels(type(enum_member), enum_member.value))


@lru_cache(maxsize=256)
def _enum_labels(kind, value: str) -> tuple:
    """An enum member's labels in both languages, once per process.

    10,000 inputs asked some 40,000 times, a forced locale each: a third of building a large
    round's results.
    """
    member = kind(value)
    return (('th', member.label_in('th')), ('en', member.label_in('en')))


def _commitment(commitment: Commitment | None) -> dict | None:
    if commitment is None:
        return None
    return {'id': commitment.id, 'code': commitment.code, 'title': _both(commitment, 'title')}


def round_summary(round_: ConsultationRound) -> dict:
    """What a round is: plan, texts, schedule, channels, commitments, state and its dates."""
    return {
        'id': round_.id,
        'number': round_.number,
        'code': round_.code,
        'nap': {
            'id': round_.nap.id,
            'number': round_.nap.number,
            'title': _both(round_.nap, 'title'),
        },
        'title': _both(round_, 'title'),
        'description': _both(round_, 'description'),
        'state': round_.state,
        'announce_on': round_.announce_on,
        'opens_at': round_.opens_at,
        'closes_at': round_.closes_at,
        'opened_at': round_.opened_dt,
        'closed_at': round_.closed_dt,
        'published_at': round_.published_dt,
        'short_reason': round_.short_reason,
        'channels': [c.value for c in Channel if c in round_.channels],
        'covers_all': round_.covers_all,
        'commitments': [_commitment(c) for c in covered_commitments(round_)],
    }


def _part(item) -> dict | None:
    if item.commitment is None or not item.anchor:
        return None
    return {
        'code': item.anchor_key,
        'label': {lang: item.part_label_in(lang) for lang in ('th', 'en')},
    }


def _response(response, via: str, codes: dict[int, str]) -> dict | None:
    if response is None:
        return None
    return {
        'disposition': response.disposition,
        'disposition_label': _labels(Disposition(response.disposition)),
        'reason': response.reason,
        'revisions': [
            {
                'id': r.id,
                'commitment': codes.get(r.commitment_id),
                'commitment_id': r.commitment_id,
                'number': r.number,
                'created_at': r.created_dt,
            }
            for r in response.revisions
        ],  # fmt: skip
        'decided_by': response.decided_by.display_name if response.decided_by else None,
        'decided_at': response.decided_dt,
        'via': via,
    }


def _input(item, codes: dict[int, str]) -> dict:
    standing = item.status == InputStatus.active
    response, via = item.effective_response() if standing else (None, '')
    province = PROVINCES.get(item.province or '')
    # A withdrawn or hidden input is listed without its text, and without its submitter.
    named = standing and item.publish_name and bool(item.submitter_name)
    return {
        'id': item.id,
        'tracking_number': item.tracking_number,
        'status': item.status,
        'hidden_reason': item.hidden_reason if item.status == InputStatus.hidden else None,
        'received_on': item.received_on,
        'channel': item.channel,
        'channel_label': _labels(Channel(item.channel)),
        'commitment': _commitment(item.commitment),
        'part': _part(item),
        'theme': {'id': item.theme.id, 'title': _both(item.theme, 'title')} if item.theme else None,
        'sector': {'code': item.sector.code, 'name': _both(item.sector, 'name')},
        'counted_as': SECRETARIAT if item.is_secretariat else item.sector.code,
        'province': {'code': province.code, 'name': _both(province, 'name')} if province else None,
        'submitter': item.submitter_name if named else None,
        'organisation': (item.organisation or None) if named else None,
        'text': item.body if standing else None,
        'duplicate_of': item.duplicate_of.tracking_number if item.duplicate_of else None,
        'response': _response(response, via, codes),
    }


def _respondent(item) -> tuple:
    """Who an input is from, for counting respondents: the account, the name, or the input."""
    if item.submitter_id is not None:
        return ('user', item.submitter_id)
    if item.submitter_name:
        return ('name', item.submitter_name.casefold(), item.organisation.casefold())
    return ('input', item.id)


def _rows(order: list[tuple], counted: list[tuple[str, tuple]]) -> list[dict]:
    """``order``: (key, extra fields); ``counted``: (key, respondent) per input."""
    inputs = Counter(key for key, _who in counted)
    people = defaultdict(set)
    for key, who in counted:
        people[key].add(who)
    return [
        {'code': key, **extra, 'respondents': len(people[key]), 'inputs': inputs[key]}
        for key, extra in order
        if inputs[key] or key is not None
    ]


def _participation(round_, items: list, inputs: list[dict]) -> dict:
    counted = [(item, data) for item, data in zip(items, inputs, strict=True)
               if item.status != InputStatus.withdrawn]  # fmt: skip
    who = {item.id: _respondent(item) for item, _d in counted}
    sectors = [(s.code, {'name': _both(s, 'name')}) for s in list_sectors()]
    with force_locale('th'):
        sec_th = _('Secretariat')
    with force_locale('en'):
        sec_en = _('Secretariat')
    sectors.append((SECRETARIAT, {'name': {'th': sec_th, 'en': sec_en}}))
    provinces = sorted({d['province']['code'] for _i, d in counted if d['province']})
    commitments = [(None, {'title': None})] + [
        (c['code'], {'title': c['title']}) for c in round_summary(round_)['commitments']
    ]
    return {
        'respondents': len(set(who.values())),
        'inputs': len(counted),
        'withdrawn': sum(1 for item in items if item.status == InputStatus.withdrawn),
        'hidden': sum(1 for item, _d in counted if item.status == InputStatus.hidden),
        'by_sector': _rows(sectors, [(d['counted_as'], who[i.id]) for i, d in counted]),
        'by_channel': _rows(
            [(c.value, {'label': _labels(c)}) for c in Channel],
            [(d['channel'], who[i.id]) for i, d in counted],
        ),
        'by_province': _rows(
            [(code, {'name': _both(PROVINCES[code], 'name')}) for code in provinces]
            + [(None, {'name': None})],
            [(d['province']['code'] if d['province'] else None, who[i.id]) for i, d in counted],
        ),
        'by_commitment': _rows(
            commitments,
            [(d['commitment']['code'] if d['commitment'] else None, who[i.id]) for i, d in counted],
        ),
        'by_disposition': _rows(
            [(d.value, {'label': _labels(d)}) for d in Disposition],
            [(d['response']['disposition'], who[i.id]) for i, d in counted if d['response']],
        ),
    }


def round_results(round_: ConsultationRound) -> dict:
    """The round, participation counts, themes, and every input with its response."""
    codes = commitment_codes(round_.nap_id)
    items = round_inputs(round_)
    inputs = []
    for number, item in enumerate(items, start=1):
        inputs.append(_input(item, codes))
        if number % _SLICE == 0:
            cooperate()  # 10,000 inputs are seconds of work: let the hub serve others meanwhile
    themes = db.session.scalars(
        select(ConsultationTheme).filter_by(round_id=round_.id).order_by(ConsultationTheme.id)
    ).unique()
    per_theme = Counter(d['theme']['id'] for d in inputs if d['theme'] and d['text'] is not None)
    return {
        'round': round_summary(round_),
        'participation': _participation(round_, items, inputs),
        'themes': [
            {
                'id': theme.id,
                'title': _both(theme, 'title'),
                'inputs': per_theme[theme.id],
                'merged_into': theme.merged_into_id,
                'response': _response(theme.response, 'theme', codes),
            }
            for theme in themes
        ],
        'inputs': inputs,
    }


def filter_inputs(inputs: list[dict], *, commitment=None, theme=None, sector=None,
                  disposition=None) -> list[dict]:  # fmt: skip
    """The inputs matching every filter given.

    ``commitment``: a code (``plan`` for the plan as a whole); ``theme``: an id; ``sector``: a
    code or ``secretariat``; ``disposition``: a code.
    """

    def keep(item: dict) -> bool:
        if commitment is not None:
            code = item['commitment']['code'] if item['commitment'] else 'plan'
            if code != commitment:
                return False
        if theme is not None and (item['theme'] or {}).get('id') != theme:
            return False
        if sector is not None and item['counted_as'] != sector:
            return False
        if disposition is not None and (item['response'] or {}).get('disposition') != disposition:
            return False
        return True

    return [item for item in inputs if keep(item)]
