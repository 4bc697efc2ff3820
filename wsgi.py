"""Entry point for servers: ``gunicorn -k gevent -w 1 wsgi:app``."""

from forum import create_app

app = create_app()
