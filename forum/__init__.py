"""forum: the platform of an Open Government Partnership Multistakeholder Forum."""

from __future__ import annotations

from flask import Flask

from .config import ROOT, Config, instance_path


def create_app(config: type[Config] | dict | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, realtime, CLI, errors.

    ``config`` is a :class:`~forum.config.Config` subclass, or a dict of settings applied on top
    of :class:`~forum.config.TestConfig` (the test suite's way of choosing a database).
    """
    app = Flask(
        __name__,
        static_folder=str(ROOT / 'static'),
        instance_path=str(instance_path()),
        instance_relative_config=True,
    )
    app.json.ensure_ascii = False  # Thai as Thai (UTF-8) in every JSON response
    from .core.converters import IdConverter

    # Every <int:…> in a route is an id: out-of-range numbers are a 404, not an overflow.
    app.url_map.converters['int'] = IdConverter
    if isinstance(config, dict):
        from .config import TestConfig

        app.config.update(TestConfig.load())
        app.config.update(config)
    else:
        app.config.update((config or Config).load())

    _init_extensions(app)
    _register_blueprints(app)

    from . import realtime

    realtime.init_app(app)
    _connect_areas(app)

    from .cli import forum_cli

    app.cli.add_command(forum_cli)

    from .templating import init_templating

    init_templating(app)

    from .core.headers import init_headers

    init_headers(app)

    from .errors import init_errors

    init_errors(app)
    if app.config['PROXY_COUNT']:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Outermost, so that HTTP and Socket.IO alike see the client's address (throttles).
        count = app.config['PROXY_COUNT']
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)
    return app


def _init_extensions(app: Flask) -> None:
    from .core import form_limits, nul_guard
    from .core.i18n import select_locale
    from .extensions import babel, csrf, db, limiter, login_manager, migrate

    if app.config['SQLALCHEMY_DATABASE_URI'].startswith('sqlite'):
        # A SQLite connection is an open file, never dropped by a server: nothing to ping.
        options = dict(app.config['SQLALCHEMY_ENGINE_OPTIONS'])
        options.pop('pool_pre_ping', None)
        app.config['SQLALCHEMY_ENGINE_OPTIONS'] = options
    db.init_app(app)
    migrate.init_app(app, db, directory=app.config['MIGRATIONS_DIR'])
    csrf.init_app(app)
    nul_guard.init_app(app)
    form_limits.init_app(app)  # before the CSRF check and the NUL guard, which read the form
    babel.init_app(app, locale_selector=select_locale)
    login_manager.init_app(app)
    login_manager.login_view = 'auth.login'
    login_manager.login_message = None
    from .auth.sessions import load_user
    from .core.throttle import validate_limits

    # The login carries its session version: see forum/auth/sessions.py.
    login_manager.user_loader(load_user)
    validate_limits(app)
    limiter.init_app(app)

    # Every model module is imported here so that metadata (and migrations) see every table.
    from . import models  # noqa: F401


def _connect_areas(app: Flask) -> None:
    """Wire the areas together, here and only here (docs/architecture.md "Layers").

    Core asks the members area whether someone holds a seat, and the consultations area whether
    a round takes inputs on a commitment; the comments and commitments areas
    broadcast their signals to the live rooms; the Socket.IO namespace serves every area's events.
    """
    from .comments import live as comment_live
    from .comments.gates import use_posting_gate
    from .commitments import live as commitment_live
    from .consultations.access import consultation_open
    from .core.permissions import use_consultation_check, use_moderator_check, use_seat_check
    from .core.signals import (
        commitment_saved,
        commitment_state_changed,
        seat_deleting,
        sector_side_changed,
    )
    from .decisions.services import (
        refuse_deleting_a_seat_that_answered,
        refuse_editing_under_decision,
        refuse_leaving_review,
        refuse_side_change_under_decision,
    )
    from .extensions import socketio
    from .members.seats import holds_seat
    from .members.services import check_side_change
    from .moderation.access import blocked_reason, floor_reason, is_designated
    from .sockets import ForumNamespace

    use_seat_check(holds_seat)
    use_consultation_check(consultation_open)
    use_moderator_check(is_designated)
    # A block, then the balanced floor, may stop a person from posting (docs/moderation.md).
    use_posting_gate(blocked_reason)
    use_posting_gate(floor_reason)
    comment_live.connect_receivers()
    commitment_live.connect_receivers()
    # A commitment the forum is deciding on stays in review until the decision closes.
    commitment_state_changed.connect(refuse_leaving_review)
    commitment_saved.connect(refuse_editing_under_decision)
    seat_deleting.connect(refuse_deleting_a_seat_that_answered)
    # A sector changing side is checked against the composition rules, as a seat change is.
    sector_side_changed.connect(check_side_change)
    sector_side_changed.connect(refuse_side_change_under_decision)
    # Registered on the server realtime.init_app just made (each app, e.g. in tests, has its own).
    socketio.on_namespace(ForumNamespace('/'))


def _register_blueprints(app: Flask) -> None:
    from .api import bp as api_bp
    from .auth import bp as auth_bp
    from .balance import bp as balance_bp
    from .comments import bp as comments_bp
    from .commitments import bp as commitments_bp
    from .consultations import bp as consultations_bp
    from .decisions import bp as decisions_bp
    from .exports import bp as exports_bp
    from .main import bp as main_bp
    from .members import bp as members_bp
    from .moderation import bp as moderation_bp
    from .naps import bp as naps_bp
    from .pages import bp as pages_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(members_bp)
    app.register_blueprint(naps_bp)
    app.register_blueprint(commitments_bp)
    app.register_blueprint(comments_bp)
    app.register_blueprint(consultations_bp)
    app.register_blueprint(decisions_bp)
    app.register_blueprint(balance_bp)
    app.register_blueprint(pages_bp)
    app.register_blueprint(moderation_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(exports_bp)
