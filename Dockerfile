# One image for every ReportSuite container: each service and worker is a console script
# (reportsuite-catalog, reportsuite-generator worker, ...) chosen by docker-compose.yml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# GnuPG encrypts reports for the PGP output option (the delivery service streams through gpg).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gnupg \
    && rm -rf /var/lib/apt/lists/*

# Only what the package needs: the build context is trimmed further by .dockerignore.
COPY pyproject.toml README.md /tmp/src/
COPY protos /tmp/src/protos
COPY reportsuite /tmp/src/reportsuite
COPY services /tmp/src/services
RUN pip install /tmp/src \
    && rm -rf /tmp/src \
    && useradd --system --uid 10001 --user-group --home-dir /var/lib/reportsuite --create-home reportsuite \
    && mkdir -p /var/lib/reportsuite/files \
    && chown -R reportsuite:reportsuite /var/lib/reportsuite

# The artifact store is a named volume mounted here; Docker seeds a new volume with this
# directory's owner, so the non-root user can write to it.
ENV REPORTSUITE_FILE_STORE=/var/lib/reportsuite/files \
    REPORTSUITE_SFTP_KNOWN_HOSTS=/var/lib/reportsuite/known_hosts
WORKDIR /var/lib/reportsuite
USER reportsuite

EXPOSE 50051 50052 50053 50054
CMD ["reportsuite", "--help"]
