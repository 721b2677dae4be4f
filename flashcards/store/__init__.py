"""The store: every line of SQL (SQLModel schema over SQLite in WAL mode)."""
