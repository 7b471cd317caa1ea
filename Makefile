# kostprijs: reële kostprijs-onderzoek Wmo-begeleiding.
# `make help` toont alle doelen. Eerste gebruik installeert alles in .venv.

.DELETE_ON_ERROR:
.SUFFIXES:
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# Independent steps (the notebooks) run side by side on every core; output stays per step.
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
MAKEFLAGS += --jobs=$(JOBS) --output-sync=target

JAAR ?= 2027
RAW ?= data/raw/$(JAAR)
PYTHON ?= python3

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.geinstalleerd
PARAMS := params/$(JAAR).yaml
PROCESSED := data/processed/$(JAAR)
BUILD := build/$(JAAR)
REPORTS := reports/$(JAAR)
KOSTPRIJS := $(BIN)/kostprijs
RUN_NOTEBOOK := $(KOSTPRIJS) notebook --jaar $(JAAR) --raw $(RAW) --processed $(PROCESSED)

.PHONY: help
help: ## Toon deze hulp
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'
	@echo "  Variabelen: JAAR=$(JAAR) RAW=$(RAW)"

$(STAMP): requirements.lock pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

.PHONY: install
install: $(STAMP) ## Installeer de omgeving in .venv (gebeurt ook vanzelf)

# The synthetic sample, only in the default raw folder and only while it is empty; a raw
# folder of your own that misses a file gets a Dutch message instead.
ifeq ($(RAW),data/raw/$(JAAR))
$(RAW)/indicaties.csv $(RAW)/tarieven_huidig.csv &: | $(STAMP)
	@if [ -n "$$(ls -A '$(RAW)' 2>/dev/null)" ]; then \
	  echo "Fout: in $(RAW) ontbreekt indicaties.csv of tarieven_huidig.csv (zie docs/gegevens.md)." >&2; exit 1; fi
	$(KOSTPRIJS) voorbeeld --jaar $(JAAR) --map $(RAW)
else
$(RAW)/indicaties.csv $(RAW)/tarieven_huidig.csv:
	@echo "Fout: $@ ontbreekt. Zet de ruwe gegevens van $(JAAR) in $(RAW) (zie docs/gegevens.md)." >&2; exit 1
endif

$(PARAMS):
	@echo "Fout: $@ bestaat niet. Kopieer het parameterbestand van vorig jaar naar $@ en pas de keuzes aan." >&2
	@exit 1

# Which raw folder and which p the outputs were made with: switching either rebuilds them.
# The file only changes when a setting does. p is stored as a hash; build/ is internal anyway.
INSTELLINGEN := $(BUILD)/.instellingen
INSTELLINGEN_NU := $(abspath $(RAW)) $(shell printf '%s' '$(KOSTPRIJS_P)' | sha256sum | cut -c1-16)
$(INSTELLINGEN): FORCE
	@mkdir -p $(@D)
	@[ "$$(cat $@ 2>/dev/null)" = "$(INSTELLINGEN_NU)" ] || echo "$(INSTELLINGEN_NU)" > $@
.PHONY: FORCE
FORCE:

# Pseudonymisation key (never committed). Not needed when KOSTPRIJS_SLEUTEL is set.
SLEUTEL := $(if $(strip $(KOSTPRIJS_SLEUTEL)),,.kostprijs/sleutel)

.kostprijs/sleutel: | $(STAMP)
	@echo "Nog geen sleutel voor het pseudonimiseren van cliëntnummers: er wordt een nieuwe gemaakt."
	$(KOSTPRIJS) sleutel

NOTEBOOK_DEPS := $(STAMP) $(PARAMS) $(wildcard params/$(JAAR).methode.json) $(INSTELLINGEN) $(RAW)/indicaties.csv $(wildcard $(RAW)/*.csv) \
	$(wildcard src/kostprijs/*.py src/kostprijs/*/*.py)

# Run manifest (input hashes, parameters, versions, commit), written before any notebook runs.
# Every file and folder under RAW (a folder changes when a file is added or removed).
RAW_INHOUD := $(shell find '$(RAW)' 2>/dev/null | sed 's/ /\\ /g')
$(BUILD)/manifest.json: $(STAMP) $(PARAMS) $(INSTELLINGEN) $(RAW)/indicaties.csv $(RAW_INHOUD) \
		$(wildcard .kostprijs/disclosure.yaml src/kostprijs/*.py src/kostprijs/*/*.py) | $(SLEUTEL)
	$(KOSTPRIJS) manifest --jaar $(JAAR) --raw $(RAW) --uit $@
NOTEBOOK_DEPS += $(BUILD)/manifest.json

$(PROCESSED)/inzendingen.csv: $(RAW)/indicaties.csv $(wildcard $(RAW)/aanbieders/*) $(PARAMS) $(INSTELLINGEN) \
		$(wildcard src/kostprijs/sjabloon.py src/kostprijs/inlezen/*.py) | $(STAMP)
	$(KOSTPRIJS) inlezen --jaar $(JAAR) --map $(RAW)/aanbieders --uit $(PROCESSED)

.PHONY: inlezen
inlezen: $(PROCESSED)/inzendingen.csv ## Lees en controleer de sjablonen van aanbieders (data/processed/<jaar>/)

.PHONY: sjabloon
sjabloon: | $(STAMP) ## Schrijf het kostprijssjabloon voor aanbieders naar build/<jaar>/
	$(KOSTPRIJS) sjabloon --jaar $(JAAR) --uit $(BUILD)/kostprijssjabloon_$(JAAR).xlsx

$(PROCESSED)/tarieven_voorstel.csv: $(PROCESSED)/inzendingen.csv $(RAW)/tarieven_huidig.csv $(PARAMS) \
		$(INSTELLINGEN) $(wildcard .kostprijs/disclosure.yaml params/$(JAAR).methode.json) \
		$(wildcard src/kostprijs/kostprijs.py src/kostprijs/aggregatie.py src/kostprijs/disclosure.py \
		src/kostprijs/tarieven.py src/kostprijs/onderzoek.py)
	$(KOSTPRIJS) kostprijzen --jaar $(JAAR) --processed $(PROCESSED) --raw $(RAW)

.PHONY: kostprijzen
kostprijzen: $(PROCESSED)/tarieven_voorstel.csv ## Bereken kostprijzen en voorgestelde tarieven

$(BUILD)/%.ipynb: notebooks/%.ipynb $(NOTEBOOK_DEPS) $(PROCESSED)/tarieven_voorstel.csv | $(SLEUTEL)
	$(RUN_NOTEBOOK) $< $@

# A report is an executed notebook as HTML (no code, offline) plus its tables as .xlsx.
define RAPPORT
$(REPORTS)/$(2)/$(3).html $(REPORTS)/$(2)/$(3).xlsx &: $(BUILD)/$(1).ipynb
	$$(KOSTPRIJS) rapport $$< --html $(REPORTS)/$(2)/$(3).html --xlsx $(REPORTS)/$(2)/$(3).xlsx
RAPPORTEN += $(REPORTS)/$(2)/$(3).html $(REPORTS)/$(2)/$(3).xlsx
endef
$(eval $(call RAPPORT,01_aanbieders,intern,aanbieders))
$(eval $(call RAPPORT,02_kostprijzen,inkooptafel,kostprijzen))
$(eval $(call RAPPORT,03_tarieven,inkooptafel,tarieven))
$(eval $(call RAPPORT,04_budget,inkooptafel,budget))
$(eval $(call RAPPORT,05_samenvatting,inkooptafel,samenvatting))

# The manifest beside the reports, with the end time: the last step of `report`.
$(REPORTS)/manifest.json: $(BUILD)/manifest.json $(RAPPORTEN)
	$(KOSTPRIJS) manifest --voltooi $< --uit $@
report: $(REPORTS)/manifest.json

.PHONY: report
report: $(RAPPORTEN) ## Draai de hele pijplijn en schrijf de rapporten naar reports/<jaar>/
	@echo "Rapporten staan in $(REPORTS)/"

.PHONY: test
test: $(STAMP) $(RAW)/indicaties.csv $(PROCESSED)/tarieven_voorstel.csv $(SLEUTEL) ## Draai ruff en alle tests (ook de notebooks, met nbval)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/pytest tests --nbval-lax notebooks

.PHONY: lab
lab: $(STAMP) $(RAW)/indicaties.csv $(SLEUTEL) ## Open JupyterLab met de notebooks
	$(BIN)/jupyter lab notebooks

.PHONY: lint
lint: $(STAMP) ## Controleer de code met ruff
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

.PHONY: bench
bench: $(STAMP) ## Draai de benchmarks (drukt hun cijfers af)
	$(BIN)/python benchmarks/bench_budget.py
	$(BIN)/python benchmarks/bench_inlezen.py
	$(BIN)/python benchmarks/bench_rapport.py

.PHONY: lock
lock: ## Werk requirements.lock bij na een wijziging in pyproject.toml
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra dev --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu --no-header -o requirements.lock

.PHONY: clean
clean: ## Verwijder alle afgeleide bestanden (niet data/raw/ en niet .venv)
	rm -rf build data/processed/* reports/*
	@touch data/processed/.gitkeep reports/.gitkeep
