# On a fresh machine two commands do everything:
#   make        set up (.venv, Graphviz, Chromium), build the catalogue site and serve it
#               on http://127.0.0.1:8000/
#   make test   set up and run the test suite
#   make site-zensical   build the same catalogue with Zensical (build/zensical/site)
#   make serve-zensical  ... and serve that build on http://127.0.0.1:8000/
VENV := .venv
BIN := $(VENV)/bin
ADDRESS ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: all setup check site site-zensical serve serve-zensical test clean

all: serve

setup:
	@./tools/bootstrap.sh

check: setup
	$(BIN)/sop check sops

site: setup
	$(BIN)/mkdocs build --strict

# The same site with Zensical, which runs no MkDocs plugin: `sop site` writes the
# whole site as a folder (docs/, overrides/, mkdocs.yml), then Zensical builds it.
ZENSICAL_DIR := build/zensical
site-zensical: setup
	$(BIN)/sop site --out $(ZENSICAL_DIR)
	cd $(ZENSICAL_DIR) && $(abspath $(BIN))/zensical build --strict
	@echo "Katalog SOP (Zensical): $(ZENSICAL_DIR)/site/index.html"

serve-zensical: site-zensical
	@echo "Katalog SOP (Zensical): open http://$(ADDRESS)/ (Ctrl+C stops the server)"
	$(BIN)/python -m http.server --bind $(word 1,$(subst :, ,$(ADDRESS))) \
		--directory $(ZENSICAL_DIR)/site $(word 2,$(subst :, ,$(ADDRESS)))

serve: site
	@echo "Katalog SOP: open http://$(ADDRESS)/ (Ctrl+C stops the server)"
	$(BIN)/mkdocs serve --dev-addr $(ADDRESS)

test: setup
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache site build dist
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
