"""The floor of the first-visit benchmark: a bare Streamlit page with a heading and a slider."""

import streamlit as st

st.title("Kuril Islands and Sakhalin")
st.slider("Year", 1850, 2026, 1905)
