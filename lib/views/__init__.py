"""Pure builders from result frames to what a reader sees: Altair charts, pydeck maps, slides.

No Streamlit (tests/test_layers.py): a view can be built and exported from a notebook or a test.
"""
