# Reconnect: every command a writer or engineer needs. `make help` lists them.
# Each target that runs Python first makes sure .venv exists with the pinned
# dependencies from requirements.txt, so a fresh clone needs no manual step.

PYTHON3 ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PELICAN := $(VENV)/bin/pelican
PELICANOPTS ?=

BASEDIR := $(CURDIR)
INPUTDIR := $(BASEDIR)/content
OUTPUTDIR := $(BASEDIR)/output
CONFFILE := $(BASEDIR)/pelicanconf.py
PUBLISHCONF := $(BASEDIR)/publishconf.py

PORT ?= 8000
BIND := 127.0.0.1

DEBUG ?= 0
ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif

RELATIVE ?= 0
ifeq ($(RELATIVE), 1)
	PELICANOPTS += --relative-urls
endif

# The stamp file is newer than requirements.txt once the lock is installed.
VENV_STAMP := $(VENV)/.installed

.PHONY: help venv html clean regenerate serve devserver publish lint newpost test lock

help:
	@echo 'Reconnect: make targets'
	@echo '  make html         build the site into output/ (sets up .venv first)'
	@echo '  make test         run the whole test suite (sets up .venv and the test browser)'
	@echo '  make serve        serve output/ on http://$(BIND):$(PORT)'
	@echo '  make devserver    rebuild on every change and serve on http://$(BIND):$(PORT)'
	@echo '  make regenerate   rebuild on every change, without serving'
	@echo '  make publish      build the public site with publishconf.py'
	@echo '  make clean        remove output/ and the build cache'
	@echo '  make lint         check the Python code with ruff'
	@echo '  make newpost TITLE="..."  start a dated draft article'
	@echo '  make lock         re-resolve requirements.in into the requirements.txt lock'
	@echo 'Switches: DEBUG=1 (verbose build), RELATIVE=1 (relative URLs), PORT=8000'

venv: $(VENV_STAMP)

$(VENV_STAMP): requirements.txt
	test -x $(PY) || $(PYTHON3) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

html: venv
	$(PELICAN) "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" --fatal errors $(PELICANOPTS)

clean:
	rm -rf "$(OUTPUTDIR)" "$(BASEDIR)/cache"

regenerate: venv
	$(PELICAN) -r "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

serve: venv
	$(PELICAN) -l "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" -b $(BIND) -p $(PORT) $(PELICANOPTS)

devserver: venv
	$(PELICAN) -lr "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" -b $(BIND) -p $(PORT) $(PELICANOPTS)

publish: venv
	$(PELICAN) "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(PUBLISHCONF)" --fatal errors $(PELICANOPTS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

newpost: venv
	@test -n "$(TITLE)" || { echo 'usage: make newpost TITLE="My article title"' >&2; exit 2; }
	$(PY) scripts/newpost.py "$(TITLE)"

test: venv
	sh scripts/ensure-system-deps
	$(PY) -m pytest

lock:
	rm -rf .lock-venv && $(PYTHON3) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -r requirements.in
	{ echo "# Full lock of requirements.in, made by 'make lock'. Install this file, not requirements.in."; \
	  .lock-venv/bin/pip freeze --all | grep -vE '^(pip|setuptools|wheel)=='; } > requirements.txt
	rm -rf .lock-venv
