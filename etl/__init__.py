"""The write side: parse, validate, load, audit, demo generation, and `python -m etl`."""
