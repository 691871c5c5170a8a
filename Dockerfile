# The README's production steps in a container: `make install-production assets` when the image is
# built; migrate, collectstatic, check --deploy and gunicorn when it starts, with the settings the
# container is given (see compose.yaml).
FROM python:3.12-slim-bookworm

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      make nodejs npm libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/kpi-portal
COPY . .
RUN make install-production assets PYTHON=python3 \
 && rm -rf node_modules \
 && useradd --system --home-dir /srv/kpi-portal portal \
 && mkdir staticfiles && chown portal staticfiles

USER portal
ENV DEBUG=false
EXPOSE 8000
CMD .venv/bin/python manage.py migrate --noinput \
 && .venv/bin/python manage.py collectstatic --noinput \
 && .venv/bin/python manage.py check --deploy --fail-level WARNING \
 && exec .venv/bin/gunicorn kpi_portal.wsgi --bind 0.0.0.0:8000 --workers 3 --access-logfile -
