"""A small server-rendered web page for reviewers, and the report download endpoints of the API."""
