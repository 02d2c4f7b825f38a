"""Data in and out: reading uploads, validating, versioned storage, imports, exports, the sample.

No Streamlit here (tests/test_layers.py checks it): the CLI, the benchmarks and the pages
all use the same functions.
"""
