"""Home page, language switch, favicon, health check."""

from flask import current_app, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import select, text

from ..auth.services import set_locale
from ..commitments.counts import commitments_by_area
from ..core.i18n import local_today
from ..core.permissions import can
from ..core.transaction import commit
from ..core.urls import safe_next
from ..extensions import csrf, db
from ..members.services import count_by_sector, current_memberships
from ..naps.current import current_nap
from ..naps.models import Nap, PolicyArea
from . import bp


@bp.route('/')
def index():
    """The forum's public front page."""
    today = local_today()
    seats = current_memberships(today)
    areas = db.session.scalars(select(PolicyArea).order_by(PolicyArea.position)).all()
    naps = db.session.scalars(select(Nap)).all()
    nap = current_nap([n for n in naps if can(current_user, 'view_nap', n)], today)
    return render_template(
        'main/index.html',
        seat_count=len(seats),
        sector_counts=count_by_sector(seats),
        policy_areas=areas,
        nap=nap,
        area_counts=commitments_by_area(nap) if nap else {},
        today=today,
    )


@bp.route('/language', methods=['POST'])
def set_language():
    """Switch the interface language for this session and, when logged in, the account."""
    lang = request.form.get('lang', '')
    if lang not in current_app.config['LANGUAGES']:
        return 'Unknown language: choose th or en.', 400
    session['lang'] = lang
    if current_user.is_authenticated:
        commit(lambda: set_locale(current_user, lang, actor=current_user))
    return redirect(safe_next(request.form.get('next')))


@bp.route('/favicon.ico')
def favicon():
    """Browsers and feed readers ask for /favicon.ico by default: send them to our SVG icon."""
    return redirect(url_for('static', filename='favicon.svg'), code=301)


@bp.route('/healthz')
@csrf.exempt
def healthz():
    """Report whether the database and the configured message queue answer."""
    body = {'status': 'ok', 'database': 'ok', 'message_queue': 'disabled'}
    try:
        db.session.execute(text('SELECT 1'))
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        db.session.rollback()
        body['database'] = f'error: {type(exc).__name__}'
        body['status'] = 'error'
    redis_url = current_app.config['REDIS_URL']
    if redis_url:
        body['message_queue'] = _ping_redis(redis_url)
        if body['message_queue'] != 'ok':
            body['status'] = 'error'
    return jsonify(body), 200 if body['status'] == 'ok' else 503


def _ping_redis(url: str) -> str:
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as exc:
        return f'error: {type(exc).__name__}'
    return 'ok'
