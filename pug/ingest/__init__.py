"""Ingest: reading, parsing and staging what OPDs submit, and the ledger of every file."""
