# Two targets do everything on a fresh machine: `make generate` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install node-tools generate golden test bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# compat mode: a plain path entry instead of an import hook, 20 ms less per command
	$(BIN)/python -m pip install --quiet -e '.[dev]' --config-settings editable_mode=compat
	touch $@

# The npm tools the tests run (Stoplight Prism), exactly as package-lock.json pins them.
node-tools: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make: npm not found: install Node.js 20+ with npm (Debian: apt-get install nodejs npm); the Prism conformance tests run @stoplight/prism-cli" >&2; exit 1; }
	SCARF_ANALYTICS=false npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Every api-version pinned in specs/ (sdkgen.toml says where pins, mirror and output
# are): SDK packages, report, Markdown references and changelog, into generated/.
generate: install
	$(BIN)/sdkgen generate --report generated/report.json --lock generated/sdkgen.lock --docs
	$(BIN)/sdkgen changelog --output generated/CHANGELOG.md

# The golden record: the code emitted for tests/golden/small.yaml and for the
# 2024-10-21 pin, rewritten into tests/golden/ as the generator emits it now (about a
# second). After a change to emitted code: run it, review the diff, commit it.
golden: install
	$(BIN)/python tests/golden_record.py

# The drift check first: the committed lock must match what the generator produces now.
# loadgroup: each Prism mode's calls stay on one worker, which boots that mode's mocks.
test: install node-tools
	$(BIN)/sdkgen check --against generated/sdkgen.lock
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache
