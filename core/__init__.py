"""Shared vocabulary that every layer may import: quarter keys, category codes and safe downloads.

Nothing here imports the database, the statistics or Streamlit, so ``geo/``
(statistics), ``etl/`` (write side), ``db/`` (files) and ``ui/`` (render) can
all depend on it without depending on each other.
"""
