# Developer shortcuts; the README's two commands do not need make.
.PHONY: setup test lint typecheck bench peers run fmt clean

setup:
	bash scripts/bootstrap.sh setup

test:
	bash scripts/bootstrap.sh test

lint:
	.venv/bin/ruff check src tests benchmarks && .venv/bin/ruff format --check src tests benchmarks && .venv/bin/lint-imports

typecheck:
	.venv/bin/mypy

peers:
	sh benchmarks/install_peers.sh

bench:
	QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/run_all.py

run:
	bash scripts/bootstrap.sh run

fmt:
	.venv/bin/ruff format src tests benchmarks && .venv/bin/ruff check --fix src tests benchmarks

clean:
	rm -rf .venv build dist .mypy_cache .ruff_cache .pytest_cache
