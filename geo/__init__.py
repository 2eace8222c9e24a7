"""Spatial and statistical work on GeoDataFrames: pure functions, no Streamlit."""
