"""Helpers of raw/generate.py: the district, its people, and the spreadsheet writer."""
