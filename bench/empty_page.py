"""The framework floor: a page with one filter widget and nothing else.

``bench.run`` reruns it exactly as it reruns the real pages (change the widget,
time ``AppTest.run``), so a page's ``ratio_to_floor`` is what the app adds on
top of Streamlit itself.
"""

import streamlit as st

REGIONS = ["Hovedstaden", "Sjælland", "Syddanmark", "Midtjylland", "Nordjylland"]

chosen = st.sidebar.multiselect("Region", REGIONS, key="w_filter_regions")
st.title("Floor")
st.write(len(chosen))
