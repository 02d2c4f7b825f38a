"""Medborgercenter-atlas library: pure data, analysis and chart code (no Streamlit outside ui.py)."""
