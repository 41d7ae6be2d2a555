"""The SPARQL 1.1 Protocol: router (``router.py``), content negotiation (``negotiation.py``), result
serialisation (``results.py``), query execution (``execute.py``) in killable worker processes
(``workers.py``) and the service description (``description.py``)."""
