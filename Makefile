# weikao: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
# Reuse a build cache outside the clone when the machine has one (CI clones anew each time); else ./target.
CARGO_TARGET_DIR ?= $(shell if [ -d /work/.cache/cargo-target ]; then echo /work/.cache/cargo-target; else echo $(CURDIR)/target; fi)
export CARGO_TARGET_DIR
BIN := $(CARGO_TARGET_DIR)/debug/weikao
# `make run` keeps its keys and files here (outside the repository)
export WEIKAO_DATA_DIR ?= $(HOME)/.local/share/weikao

.PHONY: run test build web generate services-up services-down fmt lint bench

## Set up everything on a fresh machine, load demo data and serve on http://127.0.0.1:8080
run:
	scripts/services.sh up postgres
	cargo build --locked --bin weikao
	$(MAKE) web
	$(BIN) seed-demo
	@echo
	@echo "weikao is starting on http://127.0.0.1:8080"
	@echo "  API docs (Swagger UI):  http://127.0.0.1:8080/docs/"
	@echo "  OpenAPI document:       http://127.0.0.1:8080/api/v1/openapi.json"
	@echo "  Health / readiness:     http://127.0.0.1:8080/healthz  http://127.0.0.1:8080/readyz"
	@echo "  Staff TOTP codes:       $(BIN) totp-code --secret <secret above>"
	@echo "  SMS / e-mail codes:     $(BIN) outbox"
	@echo
	$(BIN) serve

## Run every test suite (starts the services the tests need) and print counts per suite
test:
	scripts/test.sh

build:
	cargo build --locked --workspace --all-targets

## Benchmarks (release build; not part of `make test`): results are appended to bench/*/results.md
## (each bench/*/run.sh also runs alone: libraries, review queue, payment status checks, national comparison)
bench:
	scripts/services.sh up postgres
	cargo build --locked --release --bin weikao
	WEIKAO_BIN=$(CARGO_TARGET_DIR)/release/weikao bench/libraries/run.sh
	WEIKAO_BIN=$(CARGO_TARGET_DIR)/release/weikao bench/review/run.sh
	WEIKAO_BIN=$(CARGO_TARGET_DIR)/release/weikao bench/payments/run.sh
	WEIKAO_BIN=$(CARGO_TARGET_DIR)/release/weikao bench/comparison/run.sh

## Build the single-page apps (served by `weikao serve` at / and /review/)
web:
	@for app in frontend-candidate frontend-review; do \
	  if [ -f $$app/package.json ]; then \
	    echo "== building $$app"; \
	    (cd $$app && ( [ -d node_modules ] || npm ci --no-audit --no-fund ) && npm run build) || exit 1; \
	  fi; \
	done

## Regenerate committed generated files (OpenAPI document, configuration reference, SPA API types)
generate: build
	$(BIN) openapi
	$(BIN) config-doc
	@for app in frontend-candidate frontend-review; do \
	  if [ -f $$app/package.json ]; then (cd $$app && ( [ -d node_modules ] || npm ci --no-audit --no-fund ) && npm run gen:api) || exit 1; fi; \
	done

services-up:
	scripts/services.sh up

services-down:
	scripts/services.sh down

fmt:
	cargo fmt --all

lint:
	cargo clippy --workspace --all-targets -- -D warnings
