# syntax=docker/dockerfile:1
# The app in a container:
#   docker build -t kurilmap .
#   docker run --rm -p 8501:8501 kurilmap        # then open http://localhost:8501
# Stage 1 builds the wheel (the code, geodata/, app.py and its .streamlit/config.toml); stage 2 installs
# it with the pinned run-time packages of requirements.txt and runs `kurilmap app` as a non-root user.
# tests/test_install.py runs this file's CMD, ENV and HEALTHCHECK against the installed wheel.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS wheel
WORKDIR /src
COPY pyproject.toml README.md app.py ./
COPY .streamlit/config.toml .streamlit/
COPY src/ src/
COPY geodata/ geodata/
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM ${PYTHON_IMAGE}
# Debian packages only: tini as PID 1 (passes SIGTERM on, reaps children). The Python wheels bring
# GEOS, PROJ, GDAL and the Japanese font, so nothing else is needed.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt /tmp/requirements.txt
COPY --from=wheel /wheels /tmp/wheels
RUN pip install --no-cache-dir -r /tmp/requirements.txt /tmp/wheels/kurilmap-*.whl \
 && rm -rf /tmp/wheels /tmp/requirements.txt \
 && useradd --create-home --uid 10001 kurilmap

USER kurilmap
WORKDIR /home/kurilmap
# Production settings (the packaged .streamlit/config.toml has the same; these make them explicit and
# are the place to change one): headless, no tracebacks or paths in the browser, no usage statistics,
# static serving for the map page, no file watcher.
ENV PYTHONUNBUFFERED=1 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_HEADLESS=true \
    STREAMLIT_SERVER_ENABLE_STATIC_SERVING=true \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_SERVER_RUN_ON_SAVE=false \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false \
    STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=none \
    STREAMLIT_CLIENT_TOOLBAR_MODE=minimal
# Validate the data once at build time; the checked atlas is kept in ~/.cache/kurilmap for a fast start.
RUN kurilmap areas --year 1905 > /dev/null

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, sys, urllib.request; url = 'http://127.0.0.1:%s/_stcore/health' % os.environ['STREAMLIT_SERVER_PORT']; sys.exit(urllib.request.urlopen(url, timeout=4).read() != b'ok')"
ENTRYPOINT ["tini", "--"]
CMD ["kurilmap", "app"]
