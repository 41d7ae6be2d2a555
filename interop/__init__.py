"""Linked data and national interoperability: describing one resource in RDF, VoID/DCAT descriptions,
dumps, catalogue exports (CPSV-AP, DCAT-AP) and harvesting other instances.

This package is the store layer's side of issue 15: it never imports FastAPI. The HTTP side lives in
``service/routes/linked_data.py``, the commands in ``service/cli/export.py`` and ``service/cli/harvest.py``.
"""
