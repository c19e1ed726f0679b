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
# Replications per scenario for `make run`.
REPLICATIONS ?= 1000
SCENARIOS := Scenarios/westfriesland/opplus.yaml Scenarios/westfriesland/integratie.yaml \
             Scenarios/westfriesland/uitbesteding.yaml Scenarios/westfriesland/synthese.yaml

.PHONY: all deps build run test bench bench-chain fuzz validate-cases clean

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

## run: the main job: the four Westfriesland scenarios compared with common random numbers,
## then the study's MCA (reconstructed) and the MCA with simulated criteria, with SMAA.
run: build
	$(BIN) compare $(SCENARIOS) --replications $(REPLICATIONS) --out $(COMPARE)
	$(BIN) mca Scenarios/westfriesland/mca.yaml --smaa 10000
	$(BIN) mca Scenarios/westfriesland/mca-simulated.yaml --simulation $(COMPARE) --smaa 10000

## test: every test, in release mode (the statistical tests simulate millions of events).
test: deps
	$(SWIFT) test -c $(CONFIG)

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

## fuzz: libFuzzer with AddressSanitizer on the scenario loader and one short run per valid
## input, for FUZZ_SECONDS (default 600). Seeds: the shipped scenarios and the regression
## files of Tests/Fuzz/regressions; findings (crash-*, timeout-*, oom-*) land in .build/fuzz-findings.
FUZZ_SECONDS ?= 600
FUZZ_CORPUS  := .build/fuzz-corpus
fuzz: deps
	$(SWIFT) build -c release --product ketensim-fuzz --sanitize fuzzer --sanitize address -Xswiftc -DFUZZING --scratch-path .build/fuzz
	mkdir -p $(FUZZ_CORPUS) .build/fuzz-findings
	cp Scenarios/cases/*.yaml Tests/Fuzz/regressions/*.yaml $(FUZZ_CORPUS)/
	for f in base opplus integratie uitbesteding synthese study2019; do \
	  sed 's|^extends: \(.*\)$$|extends: ../westfriesland/\1|' Scenarios/westfriesland/$$f.yaml > $(FUZZ_CORPUS)/wf-$$f.yaml; done
	.build/fuzz/release/ketensim-fuzz $(FUZZ_CORPUS) -max_total_time=$(FUZZ_SECONDS) -max_len=16384 \
	  -timeout=10 -rss_limit_mb=2048 -artifact_prefix=.build/fuzz-findings/ -print_final_stats=1

clean:
	rm -rf .build $(VENV)
