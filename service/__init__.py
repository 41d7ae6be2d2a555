"""Interfaces over the other folders: store access, the HTTP app and the ``spbe`` CLI."""
