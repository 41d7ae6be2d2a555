"""Regression tests of the hardening (issue 12): each failed on the code before it."""
