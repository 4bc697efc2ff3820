# forum — `make run` serves the app, `make test` runs every test. See README.md.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export FLASK_APP := wsgi.py
VENDOR := static/vendor
SARABUN := node_modules/@fontsource/sarabun

.PHONY: run test install install-test assets translations extract migrate demo serve lint format clean bench bench-compare

$(BIN)/python:
	@command -v $(PY) >/dev/null || { echo "Python 3.11 is needed ($(PY) not found)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml | system-libs
	$(BIN)/pip install --quiet -e .
	touch $@

# WeasyPrint (PDF exports, docs/exports.md) loads Pango, HarfBuzz and fontconfig from the system.
# Debian's packages, installed with apt when a library is missing and we run as root.
SYSTEM_LIBS := libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz.so.0 libharfbuzz-subset.so.0 libfontconfig.so.1
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 libthai0
.PHONY: system-libs
system-libs:
	@missing=; for lib in $(SYSTEM_LIBS); do /sbin/ldconfig -p | grep -q "$$lib" || missing="$$missing $$lib"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing$$missing's Debian packages for PDF exports"; \
	    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq $(SYSTEM_PACKAGES); \
	  else echo "PDF exports need$$missing: install $(SYSTEM_PACKAGES)"; exit 1; fi; \
	fi

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

# Front-end libraries and fonts, from the npm registry, copied into the ignored static/vendor/.
assets: node_modules/.package-lock.json
	mkdir -p $(VENDOR)/sarabun/files
	cp node_modules/socket.io-client/dist/socket.io.min.js $(VENDOR)/
	cp node_modules/axe-core/axe.min.js $(VENDOR)/
	cat $(SARABUN)/400.css $(SARABUN)/600.css $(SARABUN)/700.css > $(VENDOR)/sarabun/sarabun.css
	cp $(SARABUN)/files/sarabun-*-{400,600,700}-normal.woff* $(VENDOR)/sarabun/files/

translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d translations -f --statistics

# For developers: refresh the catalogues after changing user-visible strings.
extract: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location --sort-output --no-wrap --project=forum .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-wrap --no-fuzzy-matching

migrate: $(VENV)/.installed
	mkdir -p instance
	$(BIN)/flask db upgrade
	$(BIN)/flask forum setup

demo: migrate
	$(BIN)/flask forum demo --if-empty

# The server's PID while `make serve` (or `make run`) serves; `make stop` stops that process only.
PIDFILE ?= instance/forum.pid

serve:
	@mkdir -p $(dir $(PIDFILE))
	@echo "Serving http://127.0.0.1:$(PORT) (one gevent process, websockets on; PID in $(PIDFILE), make stop ends it)"
	$(BIN)/gunicorn -c gunicorn.conf.py -k gevent -w 1 --worker-connections 2000 -b 127.0.0.1:$(PORT) --pid $(PIDFILE) wsgi:app

# Stop the server `make run` / `make serve` started: the PID in $(PIDFILE), and only if that
# process is still our gunicorn (a stale file naming another process is removed, nothing killed).
.PHONY: stop
stop:
	@if [ ! -f $(PIDFILE) ]; then echo "No server to stop: $(PIDFILE) is missing (make run writes it)"; exit 0; fi; \
	pid=$$(cat $(PIDFILE)); \
	if ! ps -p "$$pid" -o args= 2>/dev/null | grep -q gunicorn; then \
	  echo "No server with PID $$pid: removing the stale $(PIDFILE)"; rm -f $(PIDFILE); exit 0; fi; \
	echo "Stopping the server (PID $$pid)"; kill -TERM "$$pid"; \
	for i in $$(seq 1 100); do ps -p "$$pid" >/dev/null 2>&1 || break; sleep 0.2; done; \
	if ps -p "$$pid" >/dev/null 2>&1; then echo "PID $$pid still runs after 20 s"; exit 1; fi; \
	rm -f $(PIDFILE); echo "Stopped"

run: install assets translations demo serve

test: install-test assets translations
	$(BIN)/python tests/run.py

# Broadcast fan-out benchmark (issue 4): 1,000 clients, the forum against a Node socket.io server.
# Options: make bench BENCH_ARGS='--clients 500 --posts 10 --client-procs 1,2'. See docs/performance.md.
# The revision-comparison benchmark (issue 10) is `make bench-compare`.
# `make bench` then runs the page benchmark (`make bench-page`, below) and the export benchmark.
bench: install-test assets
	$(BIN)/python tests/bench/bench_fanout.py $(BENCH_ARGS)
	$(BIN)/python tests/bench/bench_page.py $(PAGE_ARGS)
	$(BIN)/python tests/bench/bench_exports.py $(EXPORT_ARGS)

# Exports (issue 16): the plan in every format at 1,000 and 10,000 rows, each in a fresh process,
# then how much of the seed document's Thai survives copying out of our PDFs.
# Options: make bench-exports EXPORT_ARGS='--rows 1000 --formats pdf'. See docs/performance.md.
.PHONY: bench-exports
bench-exports: install-test
	$(BIN)/python tests/bench/bench_exports.py $(EXPORT_ARGS)
	$(BIN)/python tests/bench/thai_roundtrip.py

# Commitment page (issue 11): page and join ack at 10-10,000 comments, the page under 50 clients
# while 1,000 sockets watch, and keep-alive turns under wrk (ours beside a bare gunicorn+gevent app).
# Options: make bench-page PAGE_ARGS='--sizes 10,1000 --sockets 500'. See docs/performance.md.
.PHONY: bench-page
bench-page: install-test assets
	$(BIN)/python tests/bench/bench_page.py $(PAGE_ARGS)

# Revision comparison (issue 10): the worst case the forms allow, with /healthz latency meanwhile.
# Options: make bench-compare COMPARE_ARGS='--milestones 30 --repeat 20'. See docs/performance.md.
bench-compare: install-test
	$(BIN)/python tests/bench/bench_compare.py $(COMPARE_ARGS)

# Style, and the layers of docs/architecture.md (import-linter: a module never imports upwards).
lint: install-test
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules $(VENDOR) translations/*/LC_MESSAGES/*.mo

# Soak test (issue 10): one real gunicorn gevent worker (faulthandler on) under bursts of comments
# over one socket, socket joins and page loads; fails if the worker restarts or a post is lost.
# Options: make soak SOAK_ARGS='--posts 2000 --burst 500 --minutes 4'. See docs/performance.md.
.PHONY: soak
soak: install-test assets
	$(BIN)/python tests/soak/soak.py $(SOAK_ARGS)
