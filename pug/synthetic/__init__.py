"""Synthetic data: the two-city sample and the national-scale sample."""
