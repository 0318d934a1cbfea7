"""Warehouse: the candidate, its blocking checks, the atomic publish, editions and the national roll-up."""
