# ketensim — the two commands a new user needs: `make run` and `make test`.
# Both install what is missing on a fresh Debian/Ubuntu machine (GNU GSL via apt-get),
# build in release mode and then run. On macOS: `brew install gsl pkg-config` first.

SWIFT    ?= swift
CONFIG   ?= release
BIN      := .build/$(CONFIG)/ketensim
PYTHON   ?= python3
VENV     := .venv-peers
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Benchmark size (customers of the M/M/c) for `make bench`.
CUSTOMERS ?= 1000000
# Replications per scenario for `make run`, and draws of the uncertain inputs (`compare --robust`).
REPLICATIONS ?= 1000
ROBUST ?= 40
SCENARIOS := Scenarios/westfriesland/opplus.yaml Scenarios/westfriesland/integratie.yaml \
             Scenarios/westfriesland/uitbesteding.yaml Scenarios/westfriesland/synthese.yaml

.PHONY: all deps browser-deps slurm-deps build run test check-results check-report notebooks slurm-check bench bench-chain fuzz validate-cases posterior model-error clean

all: build

## deps: install GNU GSL (Debian package libgsl-dev) when pkg-config cannot find it.
deps:
	@if pkg-config --exists gsl 2>/dev/null; then \
	  echo "GSL $$(pkg-config --modversion gsl) found."; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "GSL not found: installing libgsl-dev and pkg-config with apt-get (Debian/Ubuntu)."; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libgsl-dev pkg-config; \
	else \
	  echo "GSL not found and apt-get is not available."; \
	  echo "Install GNU GSL and pkg-config yourself (macOS: brew install gsl pkg-config), then run make again."; \
	  exit 1; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

RUN_ID   := $(shell date -u +%Y%m%d-%H%M%S)
COMPARE  := Results/westfriesland/compare-$(RUN_ID)

## run: the main job: the four Westfriesland scenarios compared with common random numbers
## (with how sure their ranking is over the inputs the sources leave open),
## then the study's MCA (reconstructed) and the MCA with simulated criteria, with SMAA, and
## the HTML report of it all, in Dutch and in English (their paths are printed last).
run: build
	$(BIN) compare $(SCENARIOS) --replications $(REPLICATIONS) --robust $(ROBUST) --robust-replications 20 --out $(COMPARE)
	$(BIN) mca Scenarios/westfriesland/mca.yaml --smaa 10000 --out $(COMPARE)/mca-study.json
	$(BIN) mca Scenarios/westfriesland/mca-simulated.yaml --simulation $(COMPARE) --smaa 10000 --out $(COMPARE)/mca-simulated.json
	$(BIN) report $(COMPARE) --lang nl
	$(BIN) report $(COMPARE)

## test: every test: the Swift tests in release mode (the statistical tests simulate millions
## of events), then the report in headless Chromium and the notebooks, on fresh results.
test: deps
	$(SWIFT) test -c $(CONFIG)
	$(MAKE) check-report notebooks slurm-check CHECK_BUILD=

## What check-results builds first; `make test` empties it, since `swift test` has just
## built the binary (a `swift build` would rebuild everything without testability).
CHECK_BUILD ?= build

## The notebooks' and browser check's Python (pinned in Notebooks/requirements.txt).
NB_VENV := .venv-notebooks
$(NB_VENV)/bin/python: Notebooks/requirements.txt
	$(PYTHON) -m venv $(NB_VENV)
	$(NB_VENV)/bin/pip install --quiet --disable-pip-version-check -r Notebooks/requirements.txt
	touch $@

## browser-deps: Debian's headless Chromium (and a font) for the report check.
browser-deps:
	@if command -v chromium >/dev/null 2>&1; then echo "$$(chromium --version 2>/dev/null) found."; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "chromium not found: installing it with apt-get (Debian/Ubuntu)."; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core; \
	else echo "Install chromium yourself, then run make again."; exit 1; fi

## slurm-deps: Debian's Slurm (controller, node daemon, client) and munge, for slurm-check.
slurm-deps:
	@if command -v sbatch >/dev/null 2>&1 && command -v slurmd >/dev/null 2>&1; then echo "Slurm $$(sbatch --version 2>/dev/null) found."; \
	elif command -v apt-get >/dev/null 2>&1; then \
	  echo "Slurm not found: installing slurmd, slurmctld, slurm-client and munge with apt-get (Debian/Ubuntu)."; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq slurmd slurmctld slurm-client munge; \
	else echo "Install Slurm yourself, then run make again."; exit 1; fi

## slurm-check: a compare and a run, each as 4 shards of a Slurm job array on a single-node
## cluster started here (Tests/Slurm/start-cluster.sh), merged by a dependent job and compared
## byte for byte with the run made whole (Tests/Slurm/run.sh).
slurm-check: $(CHECK_BUILD) slurm-deps
	Tests/Slurm/run.sh $(BIN)

## check-results: small, fresh results of every kind for the report check and the notebooks
## (a comparison with both MCAs, sizing, sensitivity and a small calibration inside it, and the
## eight EVAL2024 case files), in Results/check.
CHECK := Results/check
check-results: $(CHECK_BUILD)
	rm -rf $(CHECK) && mkdir -p $(CHECK)
	$(BIN) compare $(SCENARIOS) --replications 40 --robust 12 --robust-replications 5 --quiet --out $(CHECK)/westfriesland > /dev/null
	$(BIN) mca Scenarios/westfriesland/mca.yaml --smaa 4000 --out $(CHECK)/westfriesland/mca-study.json > /dev/null
	$(BIN) mca Scenarios/westfriesland/mca-simulated.yaml --simulation $(CHECK)/westfriesland --smaa 4000 --out $(CHECK)/westfriesland/mca-simulated.json > /dev/null
	$(BIN) size Scenarios/westfriesland/size-intake.yaml --quiet --out $(CHECK)/westfriesland/sizing > /dev/null
	$(BIN) sensitivity Scenarios/westfriesland/opplus.yaml --replications 10 --assumptions 0.25 --quiet --out $(CHECK)/westfriesland/sensitivity > /dev/null
	$(BIN) calibrate Tests/Browser/calibration-small.yaml --quiet --out $(CHECK)/calibration --overlays $(CHECK)/overlays > /dev/null
	for c in roermond utrecht tholen tilburg buch deventer hengelo aalten; do \
	  $(BIN) run Scenarios/cases/$$c.yaml --replications 20 --quiet --out $(CHECK)/cases/$$c > /dev/null || exit 1; done

## check-report: the report of Results/check, in English and in Dutch (--lang nl), in headless
## Chromium: screenshot not blank, every chart in the DOM, no broken reference, no console
## message, A4 print.
check-report: check-results browser-deps $(NB_VENV)/bin/python
	$(BIN) report $(CHECK)/westfriesland --calibration $(CHECK)/calibration
	$(BIN) report $(CHECK)/westfriesland --calibration $(CHECK)/calibration --lang nl 2> $(CHECK)/report-nl.err; \
	  status=$$?; cat $(CHECK)/report-nl.err; test $$status -eq 0 && test ! -s $(CHECK)/report-nl.err
	KETENSIM_REPORT=$(CHECK)/westfriesland/report.html $(NB_VENV)/bin/python -m pytest -q -p no:cacheprovider Tests/Browser
	KETENSIM_REPORT=$(CHECK)/westfriesland/report.nl.html KETENSIM_REPORT_LANG=nl $(NB_VENV)/bin/python -m pytest -q -p no:cacheprovider Tests/Browser

## notebooks: execute Notebooks/*.ipynb headless against Results/check; fails on any error.
notebooks: check-results $(NB_VENV)/bin/python
	$(NB_VENV)/bin/python Notebooks/run.py --results $(CHECK)

## bench: ketensim against SimPy, Ciw and plain-Python heapq on the same M/M/c, side by side.
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet simpy==4.1.2 ciw==3.2.7

bench: build $(VENV)/bin/python
	$(VENV)/bin/python Notebooks/peers/bench.py --ketensim $(BIN) --customers $(CUSTOMERS)

## validate-cases: calibrate the five EVAL2024 cases to DUO's snapshot and print the fit
## table (observed vs model per case and stream) and the posterior of each parameter.
validate-cases: build
	$(BIN) calibrate Scenarios/cases/calibration.yaml

## posterior: calibrate the five cases (as validate-cases, about 10 minutes on 2 cores) and
## refresh Scenarios/cases/posterior-points.csv: the points its posterior rests on, at whose
## shared values `ketensim predict FILE` runs a municipality in seconds.
posterior: build
	rm -rf Results/posterior
	$(BIN) calibrate Scenarios/cases/calibration.yaml --out Results/posterior
	cp Results/posterior/posterior-points.csv Scenarios/cases/posterior-points.csv

## model-error: leave each of the five cases out (calibrate --cross-validate, about 35 minutes on
## 2 cores) and refresh Scenarios/cases/model-error.csv: the model's error on a case it was not
## fitted to, by which `calibrate --predict FILE --model-error` widens a prediction.
model-error: build
	rm -rf Results/model-error
	$(BIN) calibrate Scenarios/cases/calibration.yaml --cross-validate --out Results/model-error
	cp Results/model-error/model-error.csv Scenarios/cases/model-error.csv

## fuzz: libFuzzer with AddressSanitizer, FUZZ_SECONDS (default 600) for each input kind of
## FUZZ_KINDS: scenario (loader, one short run), sizing, calibration (spec checks, a few
## replications), criteria (MCA file, table, SMAA) and results (a compare folder with one file
## replaced: report and mca --simulation). Seeds: the shipped files, Tests/Fuzz/regressions and
## the round-three cases; findings (crash-*, timeout-*, oom-*) land in .build/fuzz-findings/KIND.
## A unit times out after 20 s, a calibration unit after 120 s (under AddressSanitizer the shipped
## five-case spec takes 13 s of CPU, a minute on a loaded machine: each prior end on every file,
## a probe run per file, two points).
FUZZ_SECONDS ?= 600
FUZZ_ALL     := scenario sizing calibration criteria results
FUZZ_KINDS   ?= $(FUZZ_ALL)
FUZZ_CORPUS  := .build/fuzz-corpus
FUZZ_SEED    := .build/fuzz-results-seed
fuzz: build
	$(SWIFT) build -c release --product ketensim-fuzz --sanitize fuzzer --sanitize address -Xswiftc -DFUZZING --scratch-path .build/fuzz
	test -d $(FUZZ_SEED) || .build/$(CONFIG)/ketensim compare Scenarios/westfriesland/opplus.yaml Scenarios/westfriesland/integratie.yaml \
	  Scenarios/westfriesland/uitbesteding.yaml -r 2 --keep-persons 1 --quiet --out $(FUZZ_SEED)
	rm -rf $(FUZZ_CORPUS) && mkdir -p $(addprefix $(FUZZ_CORPUS)/,$(FUZZ_ALL)) $(addprefix .build/fuzz-findings/,$(FUZZ_ALL))
	cp Scenarios/cases/*.yaml Tests/Fuzz/regressions/*.yaml $(FUZZ_CORPUS)/scenario/
	for f in base opplus integratie uitbesteding synthese study2019; do \
	  sed 's|^extends: \(.*\)$$|extends: ../westfriesland/\1|' Scenarios/westfriesland/$$f.yaml > $(FUZZ_CORPUS)/scenario/wf-$$f.yaml; done
	cp Scenarios/westfriesland/size*.yaml $(FUZZ_CORPUS)/sizing/
	cp Scenarios/cases/calibration.yaml $(FUZZ_CORPUS)/calibration/
	cp Scenarios/westfriesland/mca*.yaml $(FUZZ_CORPUS)/criteria/
	for d in Tests/Fuzz/round3/*/; do for f in $$d*.yaml; do [ -f "$$f" ] || continue; n=$$(basename $$d)-$$(basename $$f); \
	  case $$f in */sz.yaml) k=sizing;; */cal.yaml) k=calibration;; *) k=scenario;; esac; \
	  sed "s|@PROJ@|$$PWD|g" $$f > $(FUZZ_CORPUS)/$$k/$$n; done; done
	i=0; for f in $$(LC_ALL=C ls $(FUZZ_SEED)); do printf "\\$$(printf %03o $$i)" > $(FUZZ_CORPUS)/results/$$f; \
	  cat $(FUZZ_SEED)/$$f >> $(FUZZ_CORPUS)/results/$$f; i=$$((i + 1)); done
	for k in $(FUZZ_KINDS); do echo "== fuzz $$k for $(FUZZ_SECONDS) s"; \
	  KETENSIM_FUZZ_KIND=$$k .build/fuzz/release/ketensim-fuzz $(FUZZ_CORPUS)/$$k -max_total_time=$(FUZZ_SECONDS) -max_len=$$([ $$k = results ] && echo 65536 || echo 16384) \
	  -timeout=$$([ $$k = calibration ] && echo 120 || echo 20) -rss_limit_mb=2048 -artifact_prefix=.build/fuzz-findings/$$k/ -print_final_stats=1 || exit 1; done

clean:
	rm -rf .build $(VENV)
