"""``flask forum …``: reference data, demo data and accounts."""

import click
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select

from .auth.models import Role, User
from .auth.services import EmailTaken, create_user
from .core.names import hidden_characters
from .core.transaction import commit
from .extensions import db
from .naps.services import ensure_policy_areas
from .sectors.services import (
    ensure_default_sectors,
    find_organisation,
    save_organisation,
    sector_by_code,
)

forum_cli = AppGroup('forum', help='Manage the forum: reference data, demo data, accounts.')


@forum_cli.command('setup')
def setup_command():
    """Create the default sectors and OGP's policy areas when missing (idempotent)."""
    commit(lambda: (ensure_default_sectors(), ensure_policy_areas()))
    click.echo('Default sectors and policy areas are in place.')


@forum_cli.command('demo')
@click.option('--if-empty', is_flag=True, help='Do nothing when the database has accounts.')
def demo_command(if_empty):
    """Load the demo MSF, its first plan in drafting with commitments, and a consultation round."""
    from .demo.data import DEMO_PASSWORD
    from .demo.loader import load_demo

    if if_empty and db.session.scalar(select(func.count(User.id))):
        click.echo('The database has accounts already: demo data not loaded.')
        return
    created = commit(load_demo).value
    click.echo(
        'Demo data: {organisations} organisations, {users} accounts, {seats} seats created.'.format(
            **created
        )
    )
    click.echo(
        'Demo plan (NAP 1, drafting): {naps} NAP(s), {commitments} commitments, '
        '{milestones} milestones created.'.format(**created)
    )
    click.echo(
        'Demo consultation (closed, responses published): {rounds} round(s), {inputs} inputs '
        'created.'.format(**created)
    )
    click.echo(
        'Demo balance: {rules} rule set(s), {decisions} closed decision(s) with {votes} votes '
        'created.'.format(**created)
    )
    click.echo(f'Demo accounts (e.g. secretariat@example.org) use the password {DEMO_PASSWORD}')


@forum_cli.command('create-user')
@click.argument('email')
@click.option('--password', prompt=True, hide_input=True, confirmation_prompt=True)
@click.option('--name', required=True, help='Display name.')
@click.option('--role', type=click.Choice([r.value for r in Role]), default=Role.participant.value)
@click.option('--sector', 'sector_code', default='other', help='Sector code (default: other).')
@click.option('--organisation', default=None, help='Organisation name (created when unknown).')
def create_user_command(email, password, name, role, sector_code, organisation):
    """Create an account, e.g. the first admin of a new installation."""
    try:
        email = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise click.BadParameter(f'not a valid email address: {exc}', param_hint='EMAIL') from None
    ensure_default_sectors()
    sector = sector_by_code(sector_code)
    if sector is None:
        raise click.BadParameter(f'no sector has the code {sector_code!r}', param_hint='--sector')
    for value, hint in ((name, '--name'), (organisation or '', '--organisation')):
        if hidden_characters(value):
            raise click.BadParameter(
                f'hidden or control characters: {", ".join(hidden_characters(value))}',
                param_hint=hint,
            )
    minimum = current_app.config['PASSWORD_MIN_LENGTH']
    if len(password) < minimum:
        raise click.BadParameter(f'at least {minimum} characters', param_hint='--password')

    def create():
        org = None
        if organisation:
            org = find_organisation(organisation) or save_organisation(
                None, actor=None, name_th=organisation, name_en=organisation, sector=sector
            )
        return create_user(
            actor=None, email=email, password=password, display_name=name, sector=sector,
            role=role, organisation=org,
        )  # fmt: skip

    done = commit(create)
    if isinstance(done.refusal, EmailTaken):
        raise click.ClickException(f'an account with the email {email} exists already')
    if not done.ok:
        raise click.ClickException(str(done.message))
    user = done.value
    click.echo(f'Created {user.email} ({user.role}, {sector.code}).')


@forum_cli.command('export')
@click.argument('kind_name', metavar='KIND')
@click.argument('subject_id', metavar='ID', type=int)
@click.option('--format', 'fmt', required=True, help='pdf, docx, csv or json (per kind).')
@click.option('--lang', default='th', show_default=True, help='th or en.')
@click.option('--digits', default='arabic', show_default=True, help='arabic or thai (PDF, DOCX).')
@click.option('--output', required=True, type=click.Path(dir_okay=False, writable=True))
@click.option('--as', 'as_email', default=None, help='Export what this account may read.')
def export_command(kind_name, subject_id, fmt, lang, digits, output, as_email):
    """Write an export to a file, e.g. ``export nap 1 --format pdf --lang th --output nap.pdf``.

    The same exporters as the download routes. Without ``--as`` the export holds what the
    public may read.
    """
    import time

    from flask_babel import force_locale
    from flask_login import AnonymousUserMixin

    from .auth.services import user_by_email
    from .core.refusals import Refused
    from .exports import registry

    try:
        exporter = registry.exporter(kind_name, fmt)
        options = registry.options(lang, digits)
    except Refused as refusal:
        with force_locale('en'):  # as every other message of the CLI
            raise click.BadParameter(str(refusal.message)) from None
    viewer = AnonymousUserMixin()
    if as_email:
        viewer = user_by_email(as_email)
        if viewer is None:
            raise click.BadParameter(f'no account has the email {as_email}', param_hint='--as')
    subject = registry.kind(kind_name).load(subject_id, viewer)
    if subject is None:
        raise click.ClickException(f'no {kind_name} {subject_id} that this viewer may read')
    started = time.monotonic()
    document = registry.build_document(exporter, subject, options, viewer)

    def progress(done, total, stage):
        click.echo(f'{stage} {done}/{total}', err=True)

    _write_whole(
        output,
        lambda out: exporter.render(document, out, progress if exporter.background else None),
    )
    click.echo(f'Wrote {output} ({fmt}, {lang}) in {time.monotonic() - started:.1f} s.')


def _write_whole(output: str, write) -> None:
    """``write(file)`` into ``output`` whole or not at all: a file there before stays as it was.

    The export is written to a hidden file beside ``output`` and renamed over it once complete;
    on any error the partial file is removed and the error named in one line.
    """
    import os
    import tempfile
    from pathlib import Path

    target = Path(output)
    folder = target.resolve().parent
    if not folder.is_dir():
        raise click.BadParameter(f'the folder {folder} does not exist', param_hint='--output')
    handle, partial = tempfile.mkstemp(dir=folder, prefix=f'.{target.name}.', suffix='.part')
    try:
        with os.fdopen(handle, 'wb') as out:
            write(out)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(partial, 0o666 & ~umask)  # as open() would have made it, not mkstemp's 0600
        os.replace(partial, target)
    except BaseException as error:
        Path(partial).unlink(missing_ok=True)
        if isinstance(error, Exception) and not isinstance(error, click.ClickException):
            raise click.ClickException(
                f'the export failed ({type(error).__name__}: {error}); {output} was not written'
            ) from error
        raise
