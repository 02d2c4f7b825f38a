"""What the numbers mean: filters, survey shares per centre type, official criteria, geography, networks.

Pure pandas / numpy / geopandas functions over the tables; no Streamlit (tests/test_layers.py).
"""
