"""Named SPARQL queries (``*.rq``) and the duplicate analysis built on them."""
