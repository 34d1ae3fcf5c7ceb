# 调解工作台 / Mediation Desk — set-up, run, test, benchmark.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test bench bench-frozen bench-crypto soak venv fonts clean lint dist smoke-frozen

$(STAMP): pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dist]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

venv: $(STAMP)

## make run: set everything up and open the app on the embedded SQLite database.
run: venv fonts
	$(BIN)/mediation-desk init
	$(BIN)/mediation-desk

## make test: set everything up and run the whole suite, PostgreSQL included, one pytest process
## per core (pytest-xdist; a test file stays on one process, so its module fixtures run once).
test: venv
	bash scripts/with-postgres.sh $(BIN)/pytest -q -n auto --dist loadfile --durations=15

## make bench: timings on a 100,000-case demo database (medians), the GUI start as a whole
## process, then the frozen program's. BENCH_CASES=1000000 for a million.
bench: venv
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.gui_start
	$(BIN)/python -m benchmarks.frozen

## make bench-frozen: the bundle's size and its start time against the venv (needs make dist).
bench-frozen: venv
	$(BIN)/python -m benchmarks.frozen

## make dist: the frozen program, dist/mediation-desk/ (调解工作台 GUI + mediation-desk console).
dist: venv
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/mediation-desk.spec
	@du -sh dist/mediation-desk

## make smoke-frozen: run the frozen program without the venv (demo, PDF, DOCX, check, GUI).
smoke-frozen:
	$(PYTHON) scripts/smoke_frozen.py dist/mediation-desk

## make bench-crypto: only what encryption costs (open, search, backup); BENCH_CASES as above.
bench-crypto: venv
	$(BIN)/python -m benchmarks.crypto

## make soak: the crash-safety test with many more SIGKILL rounds.
soak: venv
	CRASH_ROUNDS=100 $(BIN)/pytest -q tests/test_crash_safety.py

lint: venv
	$(BIN)/ruff check app tests

# Chinese needs a CJK font on Linux; install one when we are allowed to, else say how.
fonts:
	@bash scripts/ensure-fonts.sh

clean:
	rm -rf $(VENV) .pytest_cache build dist

.PHONY: screenshots
## make screenshots: PNGs of every main screen and dialog (demo data, Xvfb) into docs/screenshots/.
screenshots: venv
	xvfb-run -a -s "-screen 0 1920x1080x24" $(BIN)/python scripts/screenshots.py
