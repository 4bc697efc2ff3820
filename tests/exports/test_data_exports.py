"""The plan as CSV and JSON, the registry's refusals, and ``flask forum export``."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from forum.exports import registry
from forum.exports.nap.records import CSV_COLUMNS, OGP_COLUMNS
from forum.exports.nap.schema import NAP_EXPORT
from tests.exports.conftest import NOISY_CLEAN
from tests.exports.passages import PASSAGES, STACKED

PASSAGE = list(PASSAGES.values())


def _csv(response) -> list[dict]:
    body = response.get_data()
    assert body.startswith(b'\xef\xbb\xbf'), 'Excel needs the BOM to read UTF-8'
    return list(csv.DictReader(io.StringIO(body.decode('utf-8-sig'), newline='')))


def test_registry_lists_the_plan_formats(app):
    with app.app_context():
        assert registry.kinds() == ['consultation', 'nap']
        assert registry.formats('nap') == ['pdf', 'docx', 'csv', 'json']
        assert registry.formats('consultation') == ['pdf', 'docx', 'xlsx', 'csv', 'json']
        assert registry.exporter('nap', 'csv').media_type.startswith('text/csv')


def test_csv_has_ogp_columns_one_row_per_milestone(client, world):
    response = client.get(f'/naps/{world.nap_id}/export.csv?lang=th')
    assert response.status_code == 200
    assert response.mimetype == 'text/csv'
    assert 'attachment' in response.headers['Content-Disposition']
    assert 'TH-NAP1-th.csv' in response.headers['Content-Disposition']
    rows = _csv(response)
    assert list(rows[0]) == list(CSV_COLUMNS)
    # With Thai numerals it does not take the other file's name in a Downloads folder.
    thai = client.get(f'/naps/{world.nap_id}/export.csv?lang=th&digits=thai')
    assert 'TH-NAP1-th-thai-digits.csv' in thai.headers['Content-Disposition']
    assert list(rows[0])[: len(OGP_COLUMNS)] == list(OGP_COLUMNS)
    first = [r for r in rows if r['Commitment Unique Identifier'] == 'TH0001']
    assert [r['Milestone Number'] for r in first] == ['1', '2']
    row = first[0]
    assert row['Country/Locality'] == 'Thailand'
    assert row['Action Plan Number'] == '1'
    assert row['Commitment Title'] == f'พันธกรณีที่ 1 {STACKED}'
    assert PASSAGE[0] in row['Full Text']  # exactly as entered
    assert row['Milestone Output'] == PASSAGE[3]
    assert row['OGP Value Access To Information'] == '1'
    assert row['OGP Value Technology'] == '0'
    assert row['Lead Institution'] == 'สำนักงาน ก.พ.ร.'
    assert row['Supporting Institution(s)'] == 'เครือข่ายน้ำใจ'
    assert row['Theme'] == 'การต่อต้านการทุจริต'
    assert row['Milestone Start Date'] == '2026-08-01'
    assert row['URL'].endswith(f'/commitments/{world.commitment_ids[0]}')
    # A commitment without milestones still has its row; the withdrawn one is listed as such.
    noisy = [r for r in rows if r['Commitment Unique Identifier'] == 'TH0003']
    assert len(noisy) == 1
    assert noisy[0]['Milestone Number'] == ''
    states = {r['Commitment Unique Identifier']: r['Commitment State'] for r in rows}
    assert states['TH0004'] == 'ถอนแล้ว'


def test_csv_in_english_and_cleaned_of_controls(client, world):
    rows = _csv(client.get(f'/naps/{world.nap_id}/export.csv?lang=en'))
    by_id = {r['Commitment Unique Identifier']: r for r in rows}
    assert by_id['TH0001']['Commitment Title'] == 'Commitment 1'
    assert by_id['TH0001']['Theme'] == 'Anti-Corruption'
    noisy = by_id['TH0003']
    assert noisy['Commitment Title'] == NOISY_CLEAN
    # A cell a spreadsheet would run as a formula is defused.
    assert noisy['Contact Person'] == '\'=HYPERLINK("http://evil.example")'


def test_json_validates_against_the_documented_schema(client, world):
    response = client.get(f'/naps/{world.nap_id}/export.json?lang=th')
    assert response.status_code == 200
    assert response.mimetype == 'application/json'
    body = response.get_data(as_text=True)
    assert 'น้ำ' in body  # Thai as Thai, not \u escapes
    data = json.loads(body)
    jsonschema.Draft202012Validator(
        NAP_EXPORT, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(data)
    assert data['plan']['title'] == 'แผนปฏิบัติการระดับชาติ ฉบับที่ 1'
    codes = [c['Commitment Unique Identifier'] for c in data['commitments']]
    assert codes == ['TH0001', 'TH0003', 'TH0004', 'TH0002']  # by policy area, then number
    first = data['commitments'][0]
    assert first['OGP Value Access To Information'] == 1
    assert first['Milestones'][0]['Milestone Output'] == PASSAGE[3]
    assert first['Milestones'][1]['Milestone Number'] == 2
    assert data['commitments'][1]['Commitment Title'] == NOISY_CLEAN


@pytest.mark.parametrize(
    ('path', 'named'),
    [
        ('/naps/{id}/export.xlsx', 'pdf, docx, csv, json'),
        ('/naps/{id}/export.csv?lang=fr', 'th, en'),
        ('/naps/{id}/export.pdf?lang=', 'th, en'),
        ('/naps/{id}/export.docx?digits=roman', 'arabic, thai'),
    ],
)
def test_unknown_format_language_or_digits_is_400_naming_the_accepted(client, world, path, named):
    response = client.get(path.format(id=world.nap_id), headers={'Accept-Language': 'en'})
    assert response.status_code == 400
    assert named in response.get_data(as_text=True)


def test_unknown_or_unreadable_plan_is_404(client, world, auth, secretariat):
    assert client.get('/naps/999/export.csv').status_code == 404
    # A plan in planning is not public...
    assert client.get(f'/naps/{world.planning_nap_id}/export.json').status_code == 404
    # ...but the secretariat may export it.
    auth.login('sec@example.org')
    response = client.get(f'/naps/{world.planning_nap_id}/export.json')
    assert response.status_code == 200
    assert response.get_json()['plan']['number'] == 2


def test_cli_writes_the_same_export(runner, world, tmp_path):
    out = tmp_path / 'plan.csv'
    result = runner.invoke(
        args=['forum', 'export', 'nap', str(world.nap_id), '--format', 'csv', '--lang', 'en',
              '--output', str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = out.read_bytes()
    assert text.startswith(b'\xef\xbb\xbf')
    rows = list(csv.DictReader(io.StringIO(text.decode('utf-8-sig'), newline='')))
    assert {r['Commitment Unique Identifier'] for r in rows} == {
        'TH0001', 'TH0002', 'TH0003', 'TH0004'
    }  # fmt: skip


@pytest.mark.parametrize(
    ('args', 'message'),
    [
        (['nap', '1', '--format', 'xlsx'], 'accepted formats: pdf, docx, csv, json'),
        (['nap', '1', '--format', 'csv', '--lang', 'xx'], 'accepted languages: th, en'),
        (['minutes', '1', '--format', 'csv'], 'Unknown export'),
        (['nap', '999', '--format', 'csv'], 'no nap 999'),
    ],
)
def test_cli_refuses_bad_input(runner, world, tmp_path, args, message):
    out = tmp_path / 'x'
    result = runner.invoke(args=['forum', 'export', *args, '--output', str(out)])
    assert result.exit_code != 0
    assert message in result.output
    assert not out.exists()


def test_cli_planning_plan_needs_an_account(runner, world, tmp_path):
    out = tmp_path / 'plan.json'
    base = ['forum', 'export', 'nap', str(world.planning_nap_id), '--format', 'json']
    assert runner.invoke(args=[*base, '--output', str(out)]).exit_code != 0
    result = runner.invoke(args=[*base, '--output', str(out), '--as', 'sec@example.org'])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text('utf-8'))['plan']['number'] == 2
