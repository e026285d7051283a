"""REST API for procurement systems (FastAPI + SQLModel)."""
