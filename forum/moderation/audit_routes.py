"""``/audit``: the secretariat browses and filters the append-only audit log."""

from __future__ import annotations

from math import ceil

from flask import render_template, request
from sqlalchemy import func, or_, select
from wtforms.fields.choices import SelectChoice

from ..auth.models import User
from ..core.audit import AuditEntry
from ..core.converters import parse_id
from ..core.permissions import require
from ..extensions import db
from . import bp
from .audit_labels import kind_label
from .forms import AuditFilterForm
from .routes import _end_of

PER_PAGE = 50


@bp.route('/audit')
@require('view_audit')
def audit():
    """Every recorded change, newest first; by action, actor, target type and dates."""
    form = AuditFilterForm(request.args)
    types = db.session.scalars(
        select(AuditEntry.target_type).distinct().order_by(AuditEntry.target_type)
    ).all()
    form.target_type.choices = [SelectChoice('', '—')] + sorted(
        (SelectChoice(t, f'{kind_label(t)} ({t})') for t in types), key=lambda c: c.label
    )
    query = select(AuditEntry)
    if form.validate():
        if action := (form.action.data or '').strip():
            query = query.where(AuditEntry.action.contains(action, autoescape=True))
        if actor := (form.actor.data or '').strip():
            people = select(User.id).where(
                or_(
                    func.lower(User.email) == actor.lower(),
                    User.display_name.contains(actor, autoescape=True),
                )
            )
            query = query.where(AuditEntry.actor_id.in_(people))
        if form.target_type.data:
            query = query.where(AuditEntry.target_type == form.target_type.data)
        if form.since.data:
            query = query.where(AuditEntry.created_dt >= _end_of(form.since.data, days=0))
        if form.until.data:
            query = query.where(AuditEntry.created_dt < _end_of(form.until.data))
    total = db.session.scalar(select(func.count()).select_from(query.subquery()))
    pages = max(1, ceil(total / PER_PAGE))
    page = min(parse_id(request.args.get('page', '1')) or 1, pages)
    entries = db.session.scalars(
        query.order_by(AuditEntry.id.desc()).offset((page - 1) * PER_PAGE).limit(PER_PAGE)
    ).all()
    actors = {
        u.id: u
        for u in db.session.scalars(
            select(User).where(User.id.in_({e.actor_id for e in entries if e.actor_id}))
        ).unique()
    }
    args = {k: v for k, v in request.args.items() if k != 'page'}
    return render_template(
        'moderation/audit.html', form=form, entries=entries, actors=actors, page=page,
        pages=pages, total=total, args=args, kind_label=kind_label,
    )  # fmt: skip
