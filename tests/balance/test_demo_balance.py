"""``flask forum demo`` sets parity rules and records one closed decision, shown on /balance."""

from sqlalchemy import func, select

from forum.core.audit import AuditEntry
from forum.decisions.models import Decision, Vote
from forum.members.composition import balance_status
from forum.members.models import CompositionRules


def test_the_demo_has_parity_rules_and_a_closed_decision(runner, app, client, db):
    result = runner.invoke(args=['forum', 'demo'])
    assert result.exit_code == 0, result.output
    assert (
        'Demo balance: 1 rule set(s), 1 closed decision(s) with 9 votes created.' in result.output
    )
    rules = db.session.scalar(select(CompositionRules))
    assert rules.parity
    assert rules.co_chairs_both_sides
    with app.test_request_context():
        assert balance_status().balanced  # the demo forum meets its own rules
    decision = db.session.scalar(select(Decision))
    assert (decision.state, decision.outcome) == ('passed', 'passed')
    assert decision.commitment.state == 'endorsed'
    assert db.session.scalar(select(func.count(Vote.id))) == 9
    page = client.get('/balance', headers={'Accept-Language': 'en'}).get_data(as_text=True)
    assert 'data-chart="votes"' in page
    votes = page.split('data-chart="votes"', 1)[1].split('</svg>', 1)[0]
    assert 'Government: 4; Civil society: 3; Private sector: 1; Academia: 1; Other: 0' in votes
    assert '>4 (44%)</text>' in votes
    # Loaded twice: nothing more.
    entries = db.session.scalar(select(func.count(AuditEntry.id)))
    again = runner.invoke(args=['forum', 'demo'])
    assert 'Demo balance: 0 rule set(s), 0 closed decision(s) with 0 votes created.' in again.output
    assert db.session.scalar(select(func.count(AuditEntry.id))) == entries
