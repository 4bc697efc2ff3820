"""The plan as data (CSV and JSON) under the column names of OGP's public commitment dataset.

One record per commitment with OGP's columns, so that the file joins with OGP's data on
``Commitment Unique Identifier`` (``TH0001``), then our own columns. In CSV each milestone is a
row of its own (the commitment's columns repeated; a commitment without milestones has one row
with the milestone columns empty); in JSON the milestones are a list in the commitment.
Texts are in the export's language; dates are ISO 8601, whatever the language.
"""

from __future__ import annotations

import csv
import io
import json
from typing import BinaryIO

from babel import Locale
from flask import current_app

from ...commitments.fields import COMMITMENT_TEXTS, OGP_VALUES
from ...commitments.models import Commitment, CommitmentState, Milestone, MilestoneStatus
from ...core.i18n import local_today
from ...core.offload import cooperate
from ...naps.models import Nap, NapState
from ..registry import Options
from ..text import clean, page_url
from .load import readable_commitments

#: OGP's columns, in OGP's order (DOMAIN.md).
OGP_COLUMNS = (
    'Commitment Unique Identifier',
    'Country/Locality',
    'Action Plan Number',
    'Commitment Number',
    'Commitment Title',
    'Short Title',
    'Full Text',
    'Lead Institution',
    'Supporting Institution(s)',
    'OGP Value Access To Information',
    'OGP Value Civic Participation',
    'OGP Value Public Accountability',
    'OGP Value Technology',
    'Theme',
    'Year Of Submission',
    'URL',
)
#: Our columns about the commitment, after OGP's.
COMMITMENT_COLUMNS = (
    'Commitment State',
    'Start Date',
    'End Date',
    'Contact Person',
    'Contact Email',
    'Budget',
    'SDG Targets',
)
#: Our columns about one milestone (one CSV row per milestone; a list in JSON).
MILESTONE_COLUMNS = (
    'Milestone Number',
    'Milestone Output',
    'Milestone Indicator',
    'Milestone Baseline',
    'Milestone Target',
    'Milestone Responsible Organisation',
    'Milestone Start Date',
    'Milestone End Date',
    'Milestone Status',
)
CSV_COLUMNS = OGP_COLUMNS + COMMITMENT_COLUMNS + MILESTONE_COLUMNS

#: The model's flag for each OGP value column.
_VALUE_COLUMNS = dict(
    zip(
        ('OGP Value Access To Information', 'OGP Value Civic Participation',
         'OGP Value Public Accountability', 'OGP Value Technology'),
        (flag for flag, _why, _label in OGP_VALUES),
        strict=True,
    )
)  # fmt: skip
#: Cells a spreadsheet would run as a formula (OWASP "CSV injection") get a leading apostrophe.
_FORMULA_START = ('=', '+', '-', '@', '\t')


def _iso(day) -> str | None:
    return day.isoformat() if day is not None else None


def _full_text(commitment: Commitment, lang: str) -> str:
    """The template's texts after the title, each under its label."""
    parts = []
    for name, label, _needed in COMMITMENT_TEXTS[2:]:
        text = clean(commitment.text(name, lang))
        if text:
            parts.append(f'{label}:\n{text}')
    return '\n\n'.join(parts)


def _name(org, lang: str) -> str:
    return clean(org.text('name', lang)) if org is not None else ''


def commitment_record(commitment: Commitment, nap: Nap, lang: str, country: str) -> dict:
    """One commitment under OGP's column names, then ours; milestones under ``Milestones``."""
    record = {
        'Commitment Unique Identifier': commitment.code,
        'Country/Locality': country,
        'Action Plan Number': nap.number,
        'Commitment Number': commitment.number,
        'Commitment Title': clean(commitment.text('title', lang)),
        'Short Title': clean(commitment.text('short_title', lang)),
        'Full Text': _full_text(commitment, lang),
        'Lead Institution': _name(commitment.lead_agency, lang),
        'Supporting Institution(s)': '; '.join(_name(o, lang) for o in commitment.supporters),
    }
    for column, flag in _VALUE_COLUMNS.items():
        record[column] = int(bool(getattr(commitment, flag)))
    record.update(
        {
            'Theme': clean(commitment.policy_area.text('name', lang)),
            'Year Of Submission': nap.start_date.year,
            'URL': page_url('pages.commitment', commitment_id=commitment.id),
            'Commitment State': CommitmentState.label_of(commitment.state),
            'Start Date': _iso(commitment.start_date),
            'End Date': _iso(commitment.end_date),
            'Contact Person': clean(commitment.contact_name),
            'Contact Email': clean(commitment.contact_email),
            'Budget': clean(commitment.budget),
            'SDG Targets': clean(commitment.sdg_targets),
            'Milestones': [milestone_record(m, lang) for m in commitment.milestones],
        }
    )
    return record


def milestone_record(milestone: Milestone, lang: str) -> dict:
    """One milestone under our column names."""
    return {
        'Milestone Number': milestone.position,
        'Milestone Output': clean(milestone.text('output', lang)),
        'Milestone Indicator': clean(milestone.text('indicator', lang)),
        'Milestone Baseline': clean(milestone.text('baseline', lang)),
        'Milestone Target': clean(milestone.text('target', lang)),
        'Milestone Responsible Organisation': _name(milestone.responsible_organisation, lang),
        'Milestone Start Date': _iso(milestone.start_date),
        'Milestone End Date': _iso(milestone.end_date),
        'Milestone Status': MilestoneStatus.label_of(milestone.status),
    }


def build(nap: Nap, options: Options, viewer) -> dict:
    """The plan as data: its identity and one record per commitment the viewer may read."""
    code = current_app.config['COUNTRY_CODE']
    # OGP's dataset names countries in English: the join key stays the same in either language.
    country = Locale('en').territories.get(code, code)
    lang = options.lang
    return {
        'format': 'forum-nap',
        'version': 1,
        'language': lang,
        'generated_on': local_today().isoformat(),
        'plan': {
            'id': nap.id,
            'number': nap.number,
            'title': clean(nap.text('title', lang)),
            'start_date': nap.start_date.isoformat(),
            'end_date': nap.end_date.isoformat(),
            'state': nap.state,
            'state_label': NapState.label_of(nap.state),
            'country': country,
            'url': page_url('pages.plan', nap_id=nap.id),
        },
        'columns': {
            'ogp': list(OGP_COLUMNS),
            'commitment': list(COMMITMENT_COLUMNS),
            'milestone': list(MILESTONE_COLUMNS),
        },
        'commitments': _records(nap, lang, country, viewer),
    }


def _records(nap: Nap, lang: str, country: str, viewer) -> list[dict]:
    """Each readable commitment's record, a pause for the gevent hub after each."""
    records = []
    for commitment in readable_commitments(nap, viewer):
        records.append(commitment_record(commitment, nap, lang, country))
        cooperate()
    return records


def _cell(value) -> str:
    if value is None:
        return ''
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_rows(document: dict):
    """The CSV's rows after the header: one per milestone, one per commitment without any."""
    for record in document['commitments']:
        head = [_cell(record[c]) for c in OGP_COLUMNS + COMMITMENT_COLUMNS]
        milestones = record['Milestones'] or [{}]
        for milestone in milestones:
            yield head + [_cell(milestone.get(c)) for c in MILESTONE_COLUMNS]


def render_csv(document: dict, out: BinaryIO, progress=None) -> None:
    """UTF-8 with a byte-order mark, so that Excel reads Thai as Thai."""
    text = io.TextIOWrapper(out, encoding='utf-8-sig', newline='', write_through=True)
    writer = csv.writer(text)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_rows(document))
    text.flush()
    text.detach()  # leave ``out`` open for the caller


def render_json(document: dict, out: BinaryIO, progress=None) -> None:
    """The document as UTF-8 JSON (Thai as Thai, not as escapes)."""
    out.write(json.dumps(document, ensure_ascii=False, indent=1).encode('utf-8'))
    out.write(b'\n')
