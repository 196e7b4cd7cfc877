"""The live record: utterances, decisions and attached opinions; plain Python, no Textual.

The tables (utterances, decisions, opinions, attendance) exist from schema version 2.
"""
