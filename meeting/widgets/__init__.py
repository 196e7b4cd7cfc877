"""Reusable widgets of the app shell: they show what the core computed, nothing more."""
