"""Errors the store raises; their messages are meant for the learner."""

from __future__ import annotations


class CollectionError(Exception):
    """A collection file that cannot be used."""


class CollectionLockedError(CollectionError):
    """Another process has the collection open."""


class CollectionDamagedError(CollectionError):
    """The file is not a healthy SQLite database; the message names the newest backup."""


class SchemaTooNewError(CollectionError):
    """The file was written by a newer flashcards version."""
