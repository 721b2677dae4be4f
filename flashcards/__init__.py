"""flashcards: Markdown notes become spaced-repetition cards, studied offline, exported to Anki."""

__version__ = "0.1.0"
