"""Outputs for people: feedback workbooks, review pages, analyst reports, templates."""
