# kostprijs: reële kostprijs-onderzoek Wmo-begeleiding. `make help` toont alle doelen.
# Eerste gebruik installeert alles in .venv.
#
# De pijplijn (per jaar; elke stap staat onder een gelijknamig doel hieronder):
#
#   params/<jaar>.yaml ──┬─────────────────────────────────────────────────────────────┐
#   data/raw/<jaar>/ ────┼─> controleer ─> inlezen ─> kostprijzen ─> budgetimpact ─┐        │
#     aanbieders/*.xlsx  │     (alle       (sjablonen)  (gemiddelde,  resultaatstap  │        │
#     indicaties.csv     │      invoer)                 voorstel)     (eenmaal, voor ├─> notebooks ─> rapporten
#                        │                                            elk rapport)   │
#     tarieven_huidig.csv└─> manifest ─────────────────────────────────────────────┘   (papermill) (html, xlsx)
#     realisatie_<j>.csv       (hashes, parameters, versies)                                  │
#                                                                                            v
#                                                                           reports/<jaar>/manifest.json
#
# Elke stap draait opnieuw precies wanneer de inhoud verandert van iets wat ze leest (ruwe
# bestanden erbij, eraf of vervangen, ook met een oude datum; parameters; de vastgelegde
# methode; p; de sleutel; de code), wat de tijdstempels ook zeggen: bij het begin van elke make
# berekent src/kostprijs/herkomst/vingerafdruk.py per stap een vingerafdruk in
# $(BUILD)/stappen/<stap>.vinger, en herschrijft die alleen als hij veranderd is. Daardoor
# vertelt `make -n` de waarheid. Welke rapporten er zijn en voor wie, staat in
# src/kostprijs/rapport/register.py.

.DELETE_ON_ERROR:
.SUFFIXES:
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

# Independent steps run side by side on every core; output stays per step.
# (set once, at the top: sub-makes share the jobs through make's jobserver)
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
ifeq ($(MAKELEVEL),0)
MAKEFLAGS += --jobs=$(JOBS) --output-sync=target
endif

JAAR ?= 2027
# the year of the regional sample (params/2029.yaml): the notebook per member runs on it in tests
REGIOJAAR ?= 2029
RAW ?= data/raw/$(JAAR)
PROCESSED ?= data/processed/$(JAAR)
BUILD ?= build/$(JAAR)
REPORTS ?= reports/$(JAAR)
PYTHON ?= python3

VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.geinstalleerd
KOSTPRIJS := $(BIN)/kostprijs
STAPPEN := $(BUILD)/stappen
MANIFEST := $(BUILD)/manifest.json

ifneq ($(words $(PROCESSED) $(BUILD) $(REPORTS)),3)
$(error De mappen PROCESSED, BUILD en REPORTS mogen geen spaties bevatten (de map RAW wel))
endif

.PHONY: help
help: ## Toon deze hulp
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'
	@echo "  Variabelen: JAAR=$(JAAR) RAW=$(RAW)"

# --- set-up: environment, key, sample data -------------------------------------------------

$(STAMP): requirements.lock pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

.PHONY: install
install: $(STAMP) ## Installeer de omgeving in .venv (gebeurt ook vanzelf)

# Pseudonymisation key (never committed). Not needed when KOSTPRIJS_SLEUTEL is set.
SLEUTEL := $(if $(strip $(KOSTPRIJS_SLEUTEL)),,.kostprijs/sleutel)
.kostprijs/sleutel: | $(STAMP)
	@echo "Nog geen sleutel voor het pseudonimiseren van cliëntnummers: er wordt een nieuwe gemaakt."
	$(KOSTPRIJS) sleutel

# The synthetic sample: only in the default raw folder and only while it is empty. A raw folder
# of your own is never written to; `kostprijs controleer` says what it misses.
.PHONY: voorbereiden
voorbereiden: $(STAMP) $(SLEUTEL)
ifeq ($(RAW),data/raw/$(JAAR))
	@if [ -z "$$(ls -A '$(RAW)' 2>/dev/null)" ]; then \
	  echo "$(KOSTPRIJS) voorbeeld --jaar $(JAAR) --map '$(RAW)'"; \
	  $(KOSTPRIJS) voorbeeld --jaar $(JAAR) --map '$(RAW)'; fi
endif

# --- the pipeline --------------------------------------------------------------------------

ZONDER_STAPPEN := help install lock clean lint voorbereiden report test inlezen kostprijzen lab sjabloon bench bench-schaal
ifneq ($(filter-out $(ZONDER_STAPPEN),$(or $(MAKECMDGOALS),help)),)
VINGERAFDRUK := $(shell $(PYTHON) src/kostprijs/herkomst/vingerafdruk.py --jaar $(JAAR) \
	--raw '$(RAW)' --stappen $(STAPPEN) 2>&1 || echo MISLUKT)
ifneq ($(VINGERAFDRUK),)
$(error De vingerafdrukken van de stappen konden niet worden berekend: $(VINGERAFDRUK))
endif
endif

# The check also keeps what it read of the municipality's exports, for the budget and result
# steps (signed records in $(PROCESSED)); its report goes to $(BUILD)/controle.txt.
GELEZEN := $(PROCESSED)/gemeentegegevens/handtekening.json
$(GELEZEN): $(STAPPEN)/controleer.vinger
	$(KOSTPRIJS) controleer --jaar $(JAAR) --raw '$(RAW)' --processed $(PROCESSED) \
	  --uit $(BUILD)/controle.txt

# A run that rejects every workbook fails, but its overview is the most useful file then: it
# is kept (.PRECIOUS overrides .DELETE_ON_ERROR) and dated 1970, so the next run reads again.
.PRECIOUS: $(PROCESSED)/inzendingen.csv
$(PROCESSED)/inzendingen.csv: $(STAPPEN)/inlezen.vinger $(GELEZEN)
	$(KOSTPRIJS) inlezen --jaar $(JAAR) --map '$(RAW)/aanbieders' --uit $(PROCESSED) --stil \
	  || { status=$$?; touch -c -d @0 $@; exit $$status; }

$(PROCESSED)/tarieven_voorstel.csv: $(STAPPEN)/kostprijzen.vinger $(PROCESSED)/inzendingen.csv
	$(KOSTPRIJS) kostprijzen --jaar $(JAAR) --processed $(PROCESSED) --raw '$(RAW)'

$(PROCESSED)/budgetimpact/handtekening.json: $(STAPPEN)/budget.vinger \
  $(PROCESSED)/tarieven_voorstel.csv $(GELEZEN)
	$(KOSTPRIJS) budgetimpact --jaar $(JAAR) --processed $(PROCESSED) --raw '$(RAW)'

# After the budget step, never beside it (at national scale each needs most of 2 GiB): the
# cell tariffs per tariff scenario rest on the scenarios' tarieven of the budget step.
$(PROCESSED)/resultaattarieven/handtekening.json: $(STAPPEN)/resultaat.vinger \
  $(PROCESSED)/tarieven_voorstel.csv $(PROCESSED)/budgetimpact/handtekening.json $(GELEZEN)
	$(KOSTPRIJS) resultaatstap --jaar $(JAAR) --processed $(PROCESSED) --raw '$(RAW)'

$(MANIFEST): $(STAPPEN)/manifest.vinger $(GELEZEN)
	$(KOSTPRIJS) manifest --jaar $(JAAR) --raw '$(RAW)' --uit $@

# The reports: every notebook of the register executed (one shell for all) into $(BUILD)/ and
# rendered as HTML (no code, offline) plus its tables as .xlsx. A missing report reruns the
# step; a refused or failed run leaves the previous reports in place (make would delete them:
# `kostprijs rapporten` writes them only when everything passed).
REGISTER := $(shell $(PYTHON) src/kostprijs/rapport/register.py $(JAAR))
RAPPORTEN := $(foreach r,$(REGISTER),$(foreach x,html xlsx,$(REPORTS)/$(word 2,$(subst :, ,$(r)))/$(word 3,$(subst :, ,$(r))).$(x)))
.PRECIOUS: $(RAPPORTEN)
$(BUILD)/rapporten.txt $(RAPPORTEN) &: $(STAPPEN)/rapporten.vinger \
  $(PROCESSED)/budgetimpact/handtekening.json $(PROCESSED)/resultaattarieven/handtekening.json \
  $(MANIFEST)
	$(KOSTPRIJS) rapporten --jaar $(JAAR) --raw '$(RAW)' --processed $(PROCESSED) \
	  --manifest $(MANIFEST) --build $(BUILD) --uit $(REPORTS) --lijst $(BUILD)/rapporten.txt

# The what-if workbook for the inkooptafel: aggregated volumes and live formulas. Written after
# the reports (order only): a run whose reports the version check refused reaches no
# inkooptafel surface.
REKENBLAD := $(REPORTS)/inkooptafel/rekenblad.xlsx
$(REKENBLAD): $(STAPPEN)/rekenblad.vinger $(PROCESSED)/budgetimpact/handtekening.json $(MANIFEST) \
  | $(BUILD)/rapporten.txt
	$(KOSTPRIJS) rekenblad --jaar $(JAAR) --processed $(PROCESSED) --manifest $(MANIFEST) --uit $@

# A region (a section regio in the parameters): a budget report per member municipality.
REGIO := $(shell grep -qs '^regio:' params/$(JAAR).yaml && echo ja)
GEMEENTEN := $(if $(REGIO),$(BUILD)/gemeenten.txt)
$(BUILD)/gemeenten.txt: $(STAPPEN)/gemeenten.vinger $(PROCESSED)/budgetimpact/handtekening.json \
  $(PROCESSED)/resultaattarieven/handtekening.json $(MANIFEST)
	$(KOSTPRIJS) gemeenterapporten --jaar $(JAAR) --raw '$(RAW)' --processed $(PROCESSED) \
	  --manifest $(MANIFEST) --uit $(REPORTS)/gemeenten --lijst $@

# The manifest beside the reports (no provider named), with the end time: the last step.
$(REPORTS)/manifest.json: $(MANIFEST) $(BUILD)/rapporten.txt $(REKENBLAD) $(GEMEENTEN)
	$(KOSTPRIJS) manifest --voltooi $< --uit $@

.PHONY: verwerkt rapporten
verwerkt: $(PROCESSED)/budgetimpact/handtekening.json \
  $(PROCESSED)/resultaattarieven/handtekening.json $(MANIFEST)
	@:
rapporten: $(REPORTS)/manifest.json
	@:

# --- what people run -----------------------------------------------------------------------

.PHONY: report
report: ## Draai de hele pijplijn en schrijf de rapporten naar reports/<jaar>/
	@$(MAKE) --no-print-directory voorbereiden
	@$(MAKE) --no-print-directory rapporten
	@echo "Rapporten staan in $(REPORTS)/"

.PHONY: scenario
scenario: ## Budgetrapport van eigen tarieven: make scenario TARIEVEN=bestand.csv [NAAM="..."]
	@test -n "$(TARIEVEN)" || { echo 'Geef het tarievenbestand: make scenario TARIEVEN=mijn_tarieven.csv NAAM="Mijn scenario"'; exit 2; }
	@$(MAKE) --no-print-directory voorbereiden
	@$(MAKE) --no-print-directory verwerkt
	$(KOSTPRIJS) scenario --jaar $(JAAR) --tarieven '$(TARIEVEN)' $(if $(NAAM),--naam '$(NAAM)') \
	  --raw '$(RAW)' --processed $(PROCESSED) --build $(BUILD) --reports $(REPORTS)

.PHONY: publiceer
publiceer: ## Leg vast dat de rapporten voor de inkooptafel zijn verstuurd (na make report)
	@$(MAKE) --no-print-directory report
	$(KOSTPRIJS) publiceer --jaar $(JAAR) --publicaties $(BUILD)/publicaties

.PHONY: inlezen
inlezen: ## Lees en controleer de sjablonen van aanbieders (data/processed/<jaar>/)
	@$(MAKE) --no-print-directory voorbereiden
	@$(MAKE) --no-print-directory $(PROCESSED)/inzendingen.csv

.PHONY: kostprijzen
kostprijzen: ## Bereken kostprijzen en voorgestelde tarieven
	@$(MAKE) --no-print-directory voorbereiden
	@$(MAKE) --no-print-directory $(PROCESSED)/tarieven_voorstel.csv

.PHONY: sjabloon
sjabloon: $(STAMP) ## Schrijf het kostprijssjabloon voor aanbieders naar build/<jaar>/
	$(KOSTPRIJS) sjabloon --jaar $(JAAR) --uit $(BUILD)/kostprijssjabloon_$(JAAR).xlsx

.PHONY: lint
lint: $(STAMP) ## Controleer de code en de notebooks met ruff
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/ruff format --check src tests benchmarks

.PHONY: test
test: lint ## Draai ruff en alle tests (ook de notebooks met nbval, en de doctests)
	@$(MAKE) --no-print-directory voorbereiden
	@$(MAKE) --no-print-directory verwerkt
	@$(MAKE) --no-print-directory voorbereiden JAAR=$(REGIOJAAR)
	@$(MAKE) --no-print-directory verwerkt JAAR=$(REGIOJAAR)
	$(BIN)/pytest tests src/kostprijs --doctest-modules --ignore=src/kostprijs/__main__.py --durations=30 \
	  --numprocesses=$(JOBS) --dist=loadfile \
	  --ignore=tests/fixtures \
	  --nbval-lax notebooks

.PHONY: lab
POORT ?= 8888
lab: ## Open JupyterLab met de notebooks (POORT=8888; geen browser nodig op deze machine)
	@$(MAKE) --no-print-directory voorbereiden
	@$(MAKE) --no-print-directory verwerkt
	@echo "JupyterLab start op poort $(POORT). Open de link met 'token=' die hieronder verschijnt"
	@echo "in uw browser (op een andere machine: ssh -L $(POORT):localhost:$(POORT) <deze machine>)."
	@echo "Stoppen: Ctrl+C, twee keer."
	$(BIN)/jupyter lab notebooks --no-browser --ip=127.0.0.1 --port=$(POORT) --port-retries=0 $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: bench
bench: $(STAMP) ## Draai de benchmarks (drukt hun cijfers af)
	$(BIN)/python benchmarks/bench_budget.py
	$(BIN)/python benchmarks/bench_resultaat.py
	$(BIN)/python benchmarks/bench_inlezen.py
	$(BIN)/python benchmarks/bench_rapport.py

.PHONY: bench-schaal
bench-schaal: $(STAMP) ## make report op landelijke schaal, per stap gemeten (2.000 werkmappen, 1 mln indicaties; 15 min)
	$(BIN)/python benchmarks/bench_schaal.py

.PHONY: lock
lock: ## Werk requirements.lock bij na een wijziging in pyproject.toml
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra dev --python-version 3.11 \
	  --python-platform x86_64-unknown-linux-gnu --no-header -o requirements.lock

.PHONY: clean
clean: ## Verwijder alle afgeleide bestanden (niet data/raw/ en niet .venv)
	rm -rf build data/processed/* reports/*
	@touch data/processed/.gitkeep reports/.gitkeep
