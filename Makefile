# Set-up and jobs. `make demo` and `make test` do all set-up on a fresh machine.
PYTHON_BOOT ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
# The oldest Blender the manifest allows: its PyPI bpy in a venv of its own, for the
# Blender-side tests (rig, import/export, retarget with keys, the zip, Install Worker).
VENV42 := .venv-bpy42
PY42 := $(VENV42)/bin/python
BLENDER_TESTS := tests/test_extension_build.py tests/test_extension_rig.py tests/test_retarget.py \
	tests/test_extension_smpl_body.py tests/test_worker_install_blender.py \
	tests/test_extension_pose_assets.py
VERSION := $(shell sed -n 's/^version *= *"\(.*\)"/\1/p' blender_manifest.toml)
EXT_ZIP := dist/posegpt-$(VERSION).zip
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: demo test test-bpy42 extension train-default bench fuzz-long hardening-check clean

$(VENV)/.installed: requirements.txt requirements-worker.txt
	$(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV42)/.installed: requirements-bpy42.txt
	$(PYTHON_BOOT) -m venv $(VENV42)
	$(PY42) -m pip install -q --upgrade pip
	$(PY42) -m pip install -q -r requirements-bpy42.txt
	touch $@

extension: $(EXT_ZIP)

$(EXT_ZIP): $(VENV)/.installed blender_manifest.toml requirements-worker.txt $(shell git ls-files '*.py' '*.toml' '*.json' 2>/dev/null)
	mkdir -p dist
	$(PY) tools/build_extension.py --output-dir dist

demo: $(VENV)/.installed $(EXT_ZIP)
	$(PY) tools/demo.py --extension $(EXT_ZIP) --out out

test: $(VENV)/.installed $(EXT_ZIP)
	$(PY) -m pytest -q tests
	$(MAKE) --no-print-directory test-bpy42

# The worker still runs on the main venv's Python (the bpy 4.2 venv has no torch).
test-bpy42: $(VENV)/.installed $(VENV42)/.installed
	@echo "Blender-side tests on bpy 4.2 LTS ($(PY42))"
	POSEGPT_TEST_WORKER_PYTHON=$(abspath $(PY)) $(PY42) -m pytest -q $(BLENDER_TESTS)

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
