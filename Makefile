# The README's commands. Each target sets up what it needs (a project .venv) on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The CPU build of torch: small and fast to install. Override (e.g. TORCH=torch) for a CUDA build.
TORCH ?= torch==2.13.0
PORT ?= 8000

.PHONY: site quarto test serve bench export clean-nbs sync-check nbtest browser clean

$(BIN)/.installed: settings.ini setup.py
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q "$(TORCH)"
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

venv: $(BIN)/.installed

## Build the docs site into _docs/ with the offline builder (tools/build_site.py): the site `make test` checks
## and the Pages workflow publishes.
site: $(BIN)/.installed
	$(BIN)/nbdev_export
	$(BIN)/python tools/build_site.py

## Render the site with Quarto instead, where it is installed (nbs/_quarto.yml; not tested, not published).
quarto: $(BIN)/.installed
	@command -v quarto >/dev/null || { echo "quarto is not installed: use make site"; exit 1; }
	$(BIN)/nbdev_export
	cp "$$($(BIN)/python -c 'import plotly,os;print(os.path.dirname(plotly.__file__))')/package_data/plotly.min.js" nbs/
	cp tools/site_template/favicon.svg nbs/
	$(BIN)/nbdev_docs; status=$$?; rm -f nbs/favicon.svg; $(BIN)/python tools/build_site.py --readme; exit $$status

## Run every test: export/clean sync, every notebook, the built site in a real browser, each lesson as Colab
## runs it (tests marked colab; PYTEST_ARGS='-m "not colab"' leaves them out). nbdev_test runs notebooks side
## by side: one torch thread each, or they fight over the cores (several times slower on 2 cores).
test: $(BIN)/.installed
	bash tools/check_sync.sh $(BIN)
	OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 $(BIN)/nbdev_test --do_print
	$(MAKE) site
	bash tools/ensure_chromium.sh
	$(BIN)/python -m pytest -q tests $(PYTEST_ARGS)

## Serve the built site on 127.0.0.1 for a browser.
serve:
	@test -d _docs || $(MAKE) site
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _docs

## The benchmark: medians and ratios, measured side by side in one run.
bench: $(BIN)/.installed
	$(BIN)/python -m meanshift_nb.bench --save meanshift_nb/runs/$(or $(DEVICE),cpu).json --device $(or $(DEVICE),cpu) $(BENCH_ARGS)

clean:
	rm -rf _docs _proc
