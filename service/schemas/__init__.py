"""API request and response models (pydantic): the public contract published in openapi.json."""
