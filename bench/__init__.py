"""Benchmarks of what users wait for: ``python -m bench`` (or ``make bench``).

It measures, on the machine it runs on, the load of a million-row cases
file against DuckDB's bare ``read_csv``, every page's cold and warm run
with AppTest, each map's pydeck payload, the time to a painted map in
Chromium, and the same at a larger scale; it prints a table with the
targets and writes the figures as JSON to ``bench/results/``.
"""

__all__: list[str] = []
