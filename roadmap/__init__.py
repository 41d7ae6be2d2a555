"""From findings to decisions to the Peta Rencana SPBE (issue 14).

* ``decisions``: the decision store (RDF + PROV in ``<base>graph/keputusan``), generic for every kind;
* ``resolve``: how decisions change the duplicate analysis (rejected pairs, stable cluster identity);
* ``decide``: checking and recording one decision (CLI and HTTP share it); ``scope``: who may decide;
* ``plan``: the roadmap built from confirmed decisions; ``views``: architecture views;
* ``writers`` / ``html``: xlsx, csv, Turtle and HTML outputs; ``labels``: decisions as evaluation labels.
"""
