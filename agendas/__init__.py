"""Consultations (諮問) and each session's agenda (会議次第): plain Python, no Textual.

The tables (consultations, agenda_items) exist from schema version 2; their rules live here.
"""
