# On a fresh machine two commands do everything:
#   make        set up (.venv, Graphviz, Chromium), build the catalogue site and serve it
#               on http://127.0.0.1:8000/
#   make test   set up and run the test suite
VENV := .venv
BIN := $(VENV)/bin
ADDRESS ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: all setup check site serve test clean

all: serve

setup:
	@./tools/bootstrap.sh

check: setup
	$(BIN)/sop check sops

site: setup
	$(BIN)/mkdocs build --strict

serve: site
	@echo "Katalog SOP: open http://$(ADDRESS)/ (Ctrl+C stops the server)"
	$(BIN)/mkdocs serve --dev-addr $(ADDRESS)

test: setup
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache site build dist
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
