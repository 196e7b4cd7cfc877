"""Document and calendar writers: plain Python, no Textual."""
