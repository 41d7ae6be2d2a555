"""SHACL shapes (one Turtle file per architecture domain), the validation engine and its reports."""
