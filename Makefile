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

# mentions-sync switches: FULL=1 re-reads everything (drops deleted, updates edited),
# AVATARS=1 also downloads missing author photos.
MENTIONS_OPTS :=
ifeq ($(FULL), 1)
	MENTIONS_OPTS += --full
endif
ifeq ($(AVATARS), 1)
	MENTIONS_OPTS += --avatars
endif

# mentions-send switch: DRY_RUN=1 discovers endpoints and prints them, sends nothing.
LINKBACKS_OPTS :=
ifeq ($(DRY_RUN), 1)
	LINKBACKS_OPTS += --dry-run
endif

# syndicate switch: DRY_RUN=1 prints each post it would make, posts and writes nothing.
SYNDICATE_OPTS :=
ifeq ($(DRY_RUN), 1)
	SYNDICATE_OPTS += --dry-run
endif

# Publishing. rsync_upload: SSH_TARGET_DIR on SSH_HOST (a local directory when SSH_HOST
# is empty). github: the gh-pages branch, pushed to GITHUB_REMOTE. s3_upload: the
# environment (S3_BUCKET, S3_ENDPOINT_URL, AWS_*), see the README; its switches are
# DRY_RUN=1 (print the plan only) and FORCE=1 (upload every file).
SSH_HOST ?=
SSH_PORT ?= 22
SSH_USER ?=
SSH_TARGET_DIR ?=
RSYNC_DEST = $(if $(SSH_HOST),$(if $(SSH_USER),$(SSH_USER)@)$(SSH_HOST):)$(SSH_TARGET_DIR)
GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_REMOTE ?= origin
S3_OPTS :=
ifeq ($(DRY_RUN), 1)
	S3_OPTS += --dry-run
endif
ifeq ($(FORCE), 1)
	S3_OPTS += --force
endif

# The benchmark: N articles (or several sizes, N="1000 4000 10000"), RUNS runs of each measure.
N ?= 1000
RUNS ?= 3

# The stamp file is newer than requirements.txt once the lock is installed.
VENV_STAMP := $(VENV)/.installed

.PHONY: help venv html clean regenerate serve devserver publish lint newpost test lock mentions-sync mentions-import mentions-send syndicate bench bench-search lighthouse s3_upload rsync_upload github

help:
	@echo 'Reconnect: make targets'
	@echo '  make html         build the site into output/ (sets up .venv first)'
	@echo '  make test         run the whole test suite (sets up .venv and the test browser)'
	@echo '  make serve        serve output/ on http://$(BIND):$(PORT)'
	@echo '  make devserver    serve on http://$(BIND):$(PORT); an edited article shows at once, then all rebuilds'
	@echo '  make regenerate   rebuild on every change, without serving'
	@echo '  make publish      build the public site with publishconf.py'
	@echo '  make s3_upload [DRY_RUN=1] [FORCE=1]  publish, then upload to S3_BUCKET (changed files only)'
	@echo '  make rsync_upload SSH_HOST=... SSH_TARGET_DIR=...  publish, then rsync to a server'
	@echo '  make github       publish, then push output/ to the $(GITHUB_PAGES_BRANCH) branch'
	@echo '  make bench [N=1000] [RUNS=3]  time our build against bare Pelican (bench/results/);'
	@echo '                    N="1000 4000 10000" RUNS=1 adds cost per article by size (takes long)'
	@echo '  make bench-search [N=1000]  time the search page on an N-article index in Chromium'
	@echo '  make lighthouse   Lighthouse mobile scores of each page type (needs npm)'
	@echo '  make clean        remove output/ and the build cache'
	@echo '  make lint         check the Python code with ruff'
	@echo '  make newpost TITLE="..."  start a dated draft article'
	@echo '  make lock         re-resolve requirements.in into the requirements.txt lock'
	@echo '  make mentions-sync [FULL=1] [AVATARS=1]  fetch new mentions (webmention.io, Bluesky, Mastodon)'
	@echo '                    (needs WEBMENTION_IO_TOKEN in the environment)'
	@echo '  make mentions-import FILE=archive.json  import archived social posts (JSON or CSV)'
	@echo '  make mentions-send [DRY_RUN=1]  after a deploy: notify the pages our articles link to'
	@echo '  make syndicate [DRY_RUN=1]  after a deploy: post new articles to Bluesky and Mastodon'
	@echo '                    (needs BLUESKY_HANDLE + BLUESKY_APP_PASSWORD, MASTODON_BASE_URL + MASTODON_TOKEN)'
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
	$(PY) scripts/devserver.py "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" -b $(BIND) -p $(PORT) $(PELICANOPTS)

publish: venv
	$(PELICAN) "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(PUBLISHCONF)" --fatal errors $(PELICANOPTS)

# Each upload publishes first, so it always sends a publish build, never a development one.
s3_upload: publish
	PYTHONPATH=plugins $(PY) -m publish_assets s3-upload "$(OUTPUTDIR)" $(S3_OPTS)

rsync_upload: publish
	@test -n "$(SSH_TARGET_DIR)" || { echo 'usage: make rsync_upload SSH_HOST=host SSH_TARGET_DIR=/srv/site [SSH_USER=me] [SSH_PORT=22]' >&2; exit 2; }
	rsync -e "ssh -p $(SSH_PORT)" -rvzc --delete --include tags --cvs-exclude "$(OUTPUTDIR)"/ "$(RSYNC_DEST)"

github: publish
	$(VENV)/bin/ghp-import --no-jekyll -m "Publish the site" -b $(GITHUB_PAGES_BRANCH) "$(OUTPUTDIR)"
	git push $(GITHUB_REMOTE) $(GITHUB_PAGES_BRANCH)

bench: venv
	PYTHONPATH=plugins $(PY) -m bench.run -n $(N) --runs $(RUNS)

# Browser measures, opt-in (never in `make test`): reports in bench/results/.
bench-search: venv
	PYTHONPATH=plugins $(PY) -m bench.search_page -n $(N)

lighthouse: venv
	PYTHONPATH=plugins $(PY) -m bench.lighthouse

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

# Mentions live in content/mentions/; these two commands and mentions-send (its
# _outbox.json only) are the only ones that change them.
mentions-sync: venv
	PYTHONPATH=plugins $(PY) -m mentions --settings "$(PUBLISHCONF)" sync $(MENTIONS_OPTS)

mentions-import: venv
	@test -n "$(FILE)" || { echo 'usage: make mentions-import FILE=archive.json' >&2; exit 2; }
	PYTHONPATH=plugins $(PY) -m mentions --settings "$(PUBLISHCONF)" import "$(FILE)"

# Run after each deploy, never as part of a build: receivers fetch our article to
# verify the link, so it must be live. Reads output/ as built by `make publish`.
mentions-send: venv
	PYTHONPATH=plugins $(PY) -m linkbacks --settings "$(PUBLISHCONF)" send --output "$(OUTPUTDIR)" $(LINKBACKS_OPTS)

# Run after each deploy, before mentions-send: the posts link to the live articles.
# Records each post at once in content/mentions/_syndication.json (commit it).
syndicate: venv
	PYTHONPATH=plugins $(PY) -m syndication --settings "$(PUBLISHCONF)" $(SYNDICATE_OPTS)
