# Set-up and jobs. `make demo` and `make test` do all set-up on a fresh machine.
PYTHON_BOOT ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
VERSION := $(shell sed -n 's/^version *= *"\(.*\)"/\1/p' blender_manifest.toml)
EXT_ZIP := dist/posegpt-$(VERSION).zip
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test extension train-default bench fuzz-long hardening-check clean

$(VENV)/.installed: requirements.txt
	$(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

extension: $(EXT_ZIP)

$(EXT_ZIP): $(VENV)/.installed blender_manifest.toml $(shell git ls-files '*.py' '*.toml' '*.json' 2>/dev/null)
	mkdir -p dist
	$(PY) tools/build_extension.py --output-dir dist

demo: $(VENV)/.installed $(EXT_ZIP)
	$(PY) tools/demo.py --extension $(EXT_ZIP) --out out

test: $(VENV)/.installed $(EXT_ZIP)
	$(PY) -m pytest -q tests

train-default: $(VENV)/.installed
	$(PY) -m posegpt_blender train-default

bench: $(VENV)/.installed $(EXT_ZIP)
	$(PY) -m posegpt_blender bench --extension $(EXT_ZIP)

# Long runs outside `make test`: 10,000 schema-fuzzed requests against one worker (0 5xx, the
# same worker process throughout), and issue 17's hostile cases with their numbers.
fuzz-long: $(VENV)/.installed
	POSEGPT_FUZZ_CASES=10000 $(PY) -m pytest -q -s tests/test_fuzz_api.py

hardening-check: $(VENV)/.installed
	$(PY) tools/hardening_check.py

clean:
	rm -rf dist out .pytest_cache
