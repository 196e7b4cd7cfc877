"""Screens of the app: they gather input, call one core function, and show the result."""
