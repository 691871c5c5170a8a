# The README's production steps in a container: `make install-production assets` and collectstatic
# when the image is built; migrate, check --deploy and gunicorn when it starts (see compose.yaml).
FROM python:3.12-slim-bookworm

RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      make nodejs npm libpango-1.0-0 libpangoft2-1.0-0 fonts-liberation2 postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/kpi-portal
COPY . .
RUN make install-production assets PYTHON=python3 \
 && DEBUG=true .venv/bin/python manage.py collectstatic --noinput \
 && rm -rf node_modules \
 && useradd --system --home-dir /srv/kpi-portal portal

USER portal
ENV DEBUG=false
EXPOSE 8000
CMD .venv/bin/python manage.py migrate --noinput \
 && .venv/bin/python manage.py check --deploy --fail-level WARNING \
 && exec .venv/bin/gunicorn kpi_portal.wsgi --bind 0.0.0.0:8000 --workers 3 --access-logfile -
