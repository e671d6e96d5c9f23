# On a fresh machine two commands do everything:
#   make        set up (.venv, Graphviz) and check the SOP catalogue in sops/
#   make test   set up and run the test suite
VENV := .venv
BIN := $(VENV)/bin

.PHONY: all setup check test clean

all: check

setup:
	@./tools/bootstrap.sh

check: setup
	$(BIN)/sop check sops

test: setup
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache site build dist
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
