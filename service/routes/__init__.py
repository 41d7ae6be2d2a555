"""HTTP routers, one module per concern; each exposes ``router: APIRouter`` (see ``service/app.py``)."""
