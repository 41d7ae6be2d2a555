"""The loader's whole-file error."""


class LoaderError(Exception):
    """A whole-file problem (unreadable, unknown format, bad mapping). ``str()`` is the user message."""
