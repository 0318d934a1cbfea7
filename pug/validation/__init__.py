"""Validation: the rule catalogue, Great Expectations (pug.validation.gx only), row verdicts, lone-file checks."""
