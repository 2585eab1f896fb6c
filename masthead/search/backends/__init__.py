"""The full-text engine, chosen by the database in use: FTS5 on SQLite (one
machine), PostgreSQL full text at scale. No setting: the index lives in the
same database as the articles, so the database decides."""

from django.db import connection

from .base import Document, Filters, Hit, Hits, Order, SearchBackend


def search_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend()
    if connection.vendor == "sqlite":
        from .sqlite import SqliteBackend

        return SqliteBackend()
    raise NotImplementedError(f"No search engine for the {connection.vendor} database")


__all__ = ["Document", "Filters", "Hit", "Hits", "Order", "SearchBackend", "search_backend"]
