"""The flscreen command line and the Python SDK for the REST API."""
