# Two entry points, both usable on a fresh Debian/Ubuntu machine:
#   make serve   build the site and serve it at http://127.0.0.1:8000/
#   make test    run the whole test suite (strict build, checks, PDF, notebooks, browser)
#   make offline the offline site zip (a second build; the next build publishes it)
#   make test-frameworks  CPU PyTorch + Keras 3 into the venv, then run the framework snippets
# Each one installs what it needs first: Debian packages (via sudo unless root), a venv, and
# the npm packages in package-lock.json (MathJax typesets every formula at build time).

VENV   := .venv
PY     := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# fonts + pango: the cheat-sheet PDF; chromium: the browser tests; poppler-utils: PDF checks.
DEBIAN_SERVE := fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0
DEBIAN_TEST  := $(DEBIAN_SERVE) chromium poppler-utils
export NO_MKDOCS_2_WARNING := 1
# mike and the tests call the venv's tools by name.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

NODE_MODULES := node_modules/.package-lock.json

.PHONY: serve test test-frameworks build benchmark search-benchmark offline debian-serve debian-test debian-node

serve: debian-serve $(VENV)/.runtime $(NODE_MODULES)
	$(PY) -m mkdocs serve

build: debian-serve $(VENV)/.runtime $(NODE_MODULES)
	$(PY) -m mkdocs build --strict

test: debian-test $(VENV)/.test $(NODE_MODULES)
	$(PY) -m pytest

# The ```{.python .framework} snippets (PyTorch, Keras 3 on the torch backend) and the framework code
# shown in the notebooks; plain `make test` skips them when torch/keras are not installed.
test-frameworks: $(VENV)/.frameworks
	KERAS_BACKEND=torch $(PY) -m pytest -m framework tests/content/test_runnable_code.py

benchmark: debian-test $(VENV)/.test $(NODE_MODULES)
	$(PY) scripts/benchmark.py

offline: debian-serve $(VENV)/.runtime $(NODE_MODULES)
	$(PY) scripts/build_offline.py

# Search quality on tests/search/search_queries.yml (top-1 / top-5, misses) and index size.
search-benchmark: debian-test $(VENV)/.test $(NODE_MODULES)
	$(PY) scripts/search_benchmark.py

# Install only the Debian packages that are missing.
apt_install = missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

debian-serve:
	@$(call apt_install,$(DEBIAN_SERVE))

debian-test:
	@$(call apt_install,$(DEBIAN_TEST))

# Node.js runs MathJax at build time; any node on PATH will do, else Debian's.
debian-node:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then $(call apt_install,nodejs npm); fi

# npm writes node_modules/.package-lock.json on every install: reinstall when the lock is newer.
$(NODE_MODULES): package.json package-lock.json | debian-node
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

$(VENV)/.runtime: requirements.txt constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.test: $(VENV)/.runtime requirements-test.txt
	$(PY) -m pip install -q -r requirements-test.txt
	touch $@

$(VENV)/.frameworks: $(VENV)/.test requirements-frameworks.txt constraints.txt
	$(PY) -m pip install -q -r requirements-frameworks.txt
	touch $@
