# The two commands of README.md: `make run` and `make test`. Everything else is a helper of those.
BUILD      ?= build
BUILD_TYPE ?= RelWithDebInfo
PORT       ?= 8080
DB         ?= data/tcxd.db
JOBS       ?= $(shell nproc)
WERROR     := $(if $(CI),ON,OFF)
CMAKE_ARGS := -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DTCXD_WERROR=$(WERROR)

.PHONY: all setup build run test unit lint format bench clean

all: build

setup:
	@scripts/setup.sh build

build: setup
	@cmake -S . -B $(BUILD) $(CMAKE_ARGS) -DTCXD_BUILD_TESTS=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Builds, creates ./data/tcxd.db with the demo province on first start, serves on http://127.0.0.1:$(PORT).
run: build
	@scripts/run.sh "$(DB)" "$(PORT)"

# Installs what is missing, builds, checks the style, runs every test on SQLite and PostgreSQL.
test:
	@scripts/setup.sh test
	@cmake -S . -B $(BUILD) $(CMAKE_ARGS) -DTCXD_BUILD_TESTS=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@$(MAKE) --no-print-directory lint
	@scripts/with-postgres.sh ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

lint:
	@scripts/lint.sh $(BUILD)

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

bench:
	@scripts/setup.sh bench
	@cmake -S . -B $(BUILD) $(CMAKE_ARGS) -DTCXD_BUILD_TESTS=ON -DTCXD_BUILD_BENCH=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)
	@bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
