# Production image for the flscreen API (`flscreen serve`).
# Build: docker build -t flscreen .      Run: docker run -p 8000:8000 -e FLSCREEN_DATABASE_URL=... flscreen

FROM python:3.11-slim AS build
RUN pip install --no-cache-dir uv
WORKDIR /src
COPY pyproject.toml uv.lock README.md LICENSE ./
COPY reference_data ./reference_data
COPY scoring ./scoring
COPY service ./service
COPY clients ./clients
# Exactly the versions pinned in uv.lock (refuses to start if the lock is out of date with pyproject.toml).
ENV UV_PROJECT_ENVIRONMENT=/opt/venv
RUN uv sync --frozen --no-dev --extra server --no-editable

FROM python:3.11-slim
# Pango for the PDF reports, Noto CJK so Chinese names render in them.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    FLSCREEN_DATA_DIR=/var/lib/flscreen
RUN useradd --system --uid 10001 --home /var/lib/flscreen --create-home flscreen
USER flscreen
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["flscreen", "serve", "--host", "0.0.0.0", "--port", "8000"]
