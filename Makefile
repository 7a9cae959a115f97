# The two commands of README.md: `make run` and `make test`. Everything else is a helper of those.
BUILD      ?= build
BUILD_TYPE ?= RelWithDebInfo
PORT       ?= 8080
DB         ?= data/tcxd.db
JOBS       ?= $(shell nproc)
WERROR     := $(if $(CI),ON,OFF)
CMAKE_ARGS := -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DTCXD_WERROR=$(WERROR)

.PHONY: all setup build run test unit lint format bench clean web web-lint web-test

all: build

setup:
	@scripts/setup.sh build

build: setup
	@cmake -S . -B $(BUILD) $(CMAKE_ARGS) -DTCXD_BUILD_TESTS=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Builds, creates ./data/tcxd.db with the demo province on first start, serves on http://127.0.0.1:$(PORT).
run: build web
	@scripts/run.sh "$(DB)" "$(PORT)"

# Installs what is missing, builds, checks the style, runs every test on SQLite and PostgreSQL.
test:
	@scripts/setup.sh test
	@cmake -S . -B $(BUILD) $(CMAKE_ARGS) -DTCXD_BUILD_TESTS=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@$(MAKE) --no-print-directory lint
	@scripts/with-postgres.sh ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory web-test

lint:
	@scripts/lint.sh $(BUILD)
	@$(MAKE) --no-print-directory web-lint

# The web app (web/): npm ci only when node_modules is missing or older than the lockfile.
web/node_modules/.installed: web/package-lock.json
	@cd web && npm ci --no-audit --no-fund
	@touch $@

# `make run` serves the API alone when npm is not installed.
web:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory web/node_modules/.installed && cd web && npm run --silent build; \
	else echo "npm not found: serving the API without the web app"; fi

web-lint: web/node_modules/.installed
	@cd web && npm run --silent lint

# Unit tests, production build, then the browser tests (headless Chromium against a fresh demo database).
web-test: web/node_modules/.installed
	@cd web && npm test --silent && npm run --silent build && npm run --silent test:browser

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

bench:
	@scripts/setup.sh bench
	@cmake -S . -B $(BUILD) $(CMAKE_ARGS) -DTCXD_BUILD_TESTS=ON -DTCXD_BUILD_BENCH=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
