"""The README's production section, run word for word on PostgreSQL with DEBUG off.

The steps are read out of README.md, so the README cannot promise what this test does not do. Only
the values an operator types differ: the `export` line's variables get this test's values (a fresh
PostgreSQL database, a Redis database of its own), and gunicorn binds loopback ports instead of
0.0.0.0:8000. Two gunicorn servers share the database and the cache, as two machines behind a load
balancer would; requests reach them as from a proxy that terminated TLS (X-Forwarded-Proto: https).
"""

import os
import re
import secrets
import shlex
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import date
from html import unescape
from html.parser import HTMLParser
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

import psycopg2
import pytest
import redis

pytestmark = pytest.mark.production

ROOT = Path(__file__).resolve().parents[2]
SERVER = os.environ.get("PRODUCTION_TEST_SERVER", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS = os.environ.get("PRODUCTION_TEST_REDIS", "redis://127.0.0.1:6379/15")
HOST = "performance.example.gov.uk"
DATABASE, RESTORED = "kpi_production_start", "kpi_production_restore"
OFFICER_PASSWORD = secrets.token_urlsafe(24)

# A tiny suite and a performance officer, made through the portal's own models.
SEED = f"""
from datetime import date
from django.contrib.auth import get_user_model
from indicators.models import Indicator, ServiceArea, Target
from indicators.roles import OFFICERS, ensure_roles
from indicators.services import period_for
from indicators.models import Outturn
from indicators.rules.periods import Period, PeriodKind
area = ServiceArea.objects.create(name="Child Protection", order=1)
indicator = Indicator.objects.create(
    reference="P1", title="Child protection visits on time", service_area=area, unit="percent",
    polarity="higher", frequency=PeriodKind.QUARTER, display_order=1,
)
Target.objects.create(indicator=indicator, year=2024, value=90, tolerance=5)
Outturn.objects.create(
    indicator=indicator, period=period_for(Period(date(2024, 4, 1), PeriodKind.QUARTER)),
    value=88, status="validated",
)
officer = get_user_model().objects.create_user("olive", password={OFFICER_PASSWORD!r})
officer.groups.add(ensure_roles()[OFFICERS])
from breakdowns.models import Breakdown, Dimension, Member, PartFigure
from reports.models import Committee, Meeting
from reports.services import publish_meeting
quarter = period_for(Period(date(2024, 4, 1), PeriodKind.QUARTER))
Outturn.objects.filter(indicator=indicator).update(numerator=88, denominator=100)
localities = Dimension.objects.create(name="Locality", plural="Localities")
for order, (name, numerator) in enumerate([("North", 40), ("South", 48)]):
    member = Member.objects.create(dimension=localities, name=name, slug=name.lower(), order=order)
    PartFigure.objects.create(
        indicator=indicator, period=quarter, member=member, value=numerator * 2, numerator=numerator,
        denominator=50, status="validated",
    )
breakdown = Breakdown.objects.create(indicator=indicator, dimension=localities)
committee = Committee.objects.create(name="Children's Scrutiny Panel")
committee.indicators.set([indicator])
meeting = Meeting.objects.create(committee=committee, date=date(2024, 9, 12), as_at=date(2024, 6, 30))
meeting.breakdowns.set([breakdown])
publish_meeting(meeting=meeting, user=officer)
"""


def production_steps() -> list[str]:
    """The shell commands of the README's "Production" section, continuation lines joined."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n## Production\n", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    return [line.strip() for line in block.replace("\\\n", " ").splitlines() if line.strip()]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(name: str) -> str:
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(SERVER)._replace(path=f"/{name}"))


def recreate_database(name: str) -> None:
    connection = psycopg2.connect(SERVER)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def environment(steps: list[str]) -> dict[str, str]:
    """The operator's `export` line, with this test's values for the variables it names."""
    [export] = [step for step in steps if step.startswith("export ")]
    names = [word.split("=", 1)[0] for word in shlex.split(export)[1:]]
    values = {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url(DATABASE),
        "CACHE_URL": REDIS,
        "COUNCIL_NAME": "Production Test Council",
        "PUBLIC_ACCESS": "true",
    }
    missing = [name for name in names if name not in values]
    assert not missing, f"the README exports {missing}, which this test does not know how to set"
    env = {k: v for k, v in os.environ.items() if k not in values and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({name: values[name] for name in names})
    return env


class Server:
    def __init__(self, command: str, env: dict[str, str]):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = env
        # exec: the shell becomes gunicorn, so stopping the process stops the server.
        command = "exec " + command.replace("0.0.0.0:8000", f"127.0.0.1:{self.port}")
        assert str(self.port) in command, "the README's gunicorn line no longer binds 0.0.0.0:8000"
        self.log = (ROOT / "var").joinpath(f"gunicorn-{self.port}.log")
        self.log.parent.mkdir(exist_ok=True)
        self.process = subprocess.Popen(  # noqa: S602 - the README's own command line
            command, shell=True, cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT
        )
        for _ in range(100):
            try:
                if get(self.url + "/healthz").status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        pytest.fail(f"gunicorn did not answer on {self.url}:\n{self.log.read_text()[-3000:]}")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=20)


class BehindTheProxy(DefaultCookiePolicy):
    """Secure cookies travel: the browser spoke HTTPS to the proxy, which passes plain HTTP on."""

    def return_ok_secure(self, cookie, request):
        return True


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url, *, opener=None, data=None, headers=None, proxied=True):
    """A request as the proxy passes it on: the public host name, and HTTPS already terminated."""
    sent = {"Host": HOST, **({"X-Forwarded-Proto": "https"} if proxied else {}), **(headers or {})}
    request = urllib.request.Request(url, data=data, headers=sent)  # noqa: S310 - loopback http only
    opener = opener or urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        return error


class FormReader(HTMLParser):
    """Every named field of a page's forms with the value it was served with."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("checkbox", "submit"):
            self.fields[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea, self.fields[name] = name, ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        if tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def form_fields(html: str) -> dict[str, str]:
    reader = FormReader()
    reader.feed(html)
    return reader.fields


@pytest.fixture(scope="module")
def portal():
    """Both servers started as the README says, on a database migrated as the README says."""
    recreate_database(DATABASE)
    redis.Redis.from_url(REDIS).flushdb()
    steps = production_steps()
    env = environment(steps)
    # The council's mail server, for the invitations and links the portal e-mails.
    sink = MailSink()
    env.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(sink.port))
    gunicorn = [step for step in steps if "gunicorn" in step]
    assert len(gunicorn) == 1, "the README's production section should start gunicorn once"
    for step in steps:
        if step.startswith("export ") or step in gunicorn:
            continue
        result = subprocess.run(  # noqa: S602 - the README's own command line
            step, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
        )
        assert result.returncode == 0, f"`{step}` failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
        if step.endswith("migrate --noinput") or " migrate" in step:
            seed = subprocess.run(  # noqa: S603
                [str(ROOT / ".venv/bin/python"), "manage.py", "shell", "-c", SEED],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            assert seed.returncode == 0, seed.stderr
    servers = [Server(gunicorn[0], env), Server(gunicorn[0], env)]
    for server in servers:
        server.sink = sink
    yield servers
    for server in servers:
        server.stop()
    sink.stop()


def test_the_login_page_is_served(portal):
    response = get(portal[0].url + "/accounts/login/")
    assert response.status == 200
    assert "Sign in" in response.read().decode()


def test_the_public_index_and_its_stylesheet_are_served(portal):
    response = get(portal[0].url + "/")
    assert response.status == 200
    page = response.read().decode()
    assert "Child protection visits on time" in page
    stylesheet = re.search(r'href="(/static/build/portal\.[0-9a-f]+\.css)"', page)
    assert stylesheet, "the index links no hashed stylesheet from the manifest"
    css = get(portal[0].url + stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
    assert css.status == 200
    assert css.headers["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("path", ["/exceptions/", "/meetings/", "/decisions/", "/indicators/P1/"])
def test_every_page_answers_under_debug_off(portal, path):
    assert get(portal[1].url + path).status == 200


def test_plain_http_is_sent_to_https(portal):
    response = get(portal[0].url + "/", proxied=False)
    assert response.status == 301
    assert response.headers["Location"] == f"https://{HOST}/"


def test_healthz_reports_the_database_and_the_shared_cache(portal):
    response = get(portal[0].url + "/healthz")
    assert response.status == 200
    assert response.read().decode() == '{"status": "ok", "database": "ok", "cache": "ok"}'


def signed_in_officer(server):
    """An opener holding the officer's session, signed in through `server`."""
    jar = CookieJar(BehindTheProxy())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    login = form_fields(get(server.url + "/accounts/login/", opener=opener).read().decode())
    login.update(username="olive", password=OFFICER_PASSWORD)
    signed_in = get(
        server.url + "/accounts/login/",
        opener=opener,
        data=urllib.parse.urlencode(login).encode(),
        headers={"Referer": f"https://{HOST}/accounts/login/"},
    )
    assert signed_in.status == 302, signed_in.read().decode()[:2000]
    return opener


def links_on(html: str) -> set[str]:
    """The portal's own addresses a page links to (not signing out, not the administration)."""
    found = {unescape(href) for href in re.findall(r'href="(/[^"#]*)', html)}
    return {href for href in found if not href.startswith(("/static/", "/accounts/logout", "/admin/"))}


def test_every_page_an_officer_reaches_from_the_index_and_a_report_answers(portal):
    """Every link on the index, an indicator's page and a published report's page, followed as the
    officer under DEBUG=false: pages, the appendix, the committee pack (WeasyPrint, with its system
    libraries), open data and the figures by locality. None answers with an error."""
    opener = signed_in_officer(portal[0])
    index = get(portal[0].url + "/", opener=opener).read().decode()
    meetings = get(portal[0].url + "/meetings/", opener=opener).read().decode()
    [report] = [href for href in links_on(meetings) if re.fullmatch(r"/meetings/\d+/", href)]
    page = get(portal[0].url + report, opener=opener).read().decode()
    indicator = get(portal[0].url + "/indicators/P1/", opener=opener).read().decode()
    links = links_on(index) | links_on(page) | links_on(indicator)
    assert {f"{report}appendix.xlsx", f"{report}pack.pdf", "/localities/"} <= links, sorted(links)
    failed = {}
    for href in sorted(links):
        response = get(portal[1].url + href, opener=opener)
        if response.status >= 400:
            failed[href] = response.status
    assert failed == {}
    pack = get(portal[1].url + f"{report}pack.pdf", opener=opener)
    assert pack.headers["Content-Type"] == "application/pdf"
    assert pack.read().startswith(b"%PDF")


def test_a_figure_saved_through_one_server_is_on_the_index_of_the_other_at_once(portal):
    first, second = portal
    opener = signed_in_officer(first)

    key = f"quarter-financial-{date(2024, 7, 1).isoformat()}"
    entry = get(f"{first.url}/entry/{key}/", opener=opener)
    assert entry.status == 200
    fields = form_fields(entry.read().decode())
    [value_field] = [name for name in fields if re.fullmatch(r"rows-\d+-value", name)]
    fields[value_field] = "93"
    saved = get(
        f"{first.url}/entry/{key}/",
        opener=opener,
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Referer": f"https://{HOST}/entry/{key}/"},
    )
    assert saved.status == 302, saved.read().decode()[:3000]

    # The session made on the first server signs the officer in on the second one too.
    assert get(f"{second.url}/entry/{key}/", opener=opener).status == 200
    # Officers see the new figure at once, while it is provisional (members once it is validated).
    index = get(second.url + "/", opener=opener).read().decode()
    assert re.search(r"\b93(\.0)?%", index), "the figure saved through the first server is not on the second"


def test_a_database_dump_restores_with_the_same_figures(portal, tmp_path):
    dump = tmp_path / "kpi.dump"
    backup, restore = backup_commands()
    env = {**os.environ, "DATABASE_URL": database_url(DATABASE)}
    subprocess.run(backup.replace("kpi.dump", str(dump)), shell=True, env=env, check=True)  # noqa: S602
    recreate_database(RESTORED)
    env["DATABASE_URL"] = database_url(RESTORED)
    subprocess.run(restore.replace("kpi.dump", str(dump)), shell=True, env=env, check=True)  # noqa: S602

    figures = "SELECT indicator_id, period_id, value, status FROM indicators_outturn ORDER BY 1, 2"
    assert read(DATABASE, figures) == read(RESTORED, figures)
    assert len(read(RESTORED, figures)) >= 1


def backup_commands() -> tuple[str, str]:
    """The README's backup and restore lines (section "Backup and restore")."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("\n### Backup and restore\n", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    lines = [line.strip() for line in block.splitlines() if line.strip() and not line.startswith("#")]
    [backup] = [line for line in lines if line.startswith("pg_dump")]
    [restore] = [line for line in lines if line.startswith("pg_restore")]
    return backup, restore


def read(name: str, sql: str) -> list[tuple]:
    connection = psycopg2.connect(database_url(name))
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    connection.close()
    return rows


def first_administrator_step() -> str:
    """The README's command that creates the first administrator."""
    section = (ROOT / "README.md").read_text().split("\n### The first administrator\n", 1)[1]
    return re.search(r"```sh\n(.*?)\n```", section, re.DOTALL).group(1).strip()


def test_the_first_administrator_sets_a_password_and_reaches_the_administration(portal):
    """On the freshly migrated database: the README's create_admin line, then the printed link
    followed through gunicorn as the new administrator would, then signing in."""
    made = subprocess.run(  # noqa: S602 - the README's own command line
        first_administrator_step(),
        shell=True,
        cwd=ROOT,
        env=portal[0].env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    link = re.search(rf"https://{re.escape(HOST)}(/accounts/password/set/\S+)", made.stdout).group(1)

    jar = CookieJar(BehindTheProxy())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    form_page = get(portal[0].url + link, opener=opener)
    assert form_page.status == 302
    form_url = form_page.headers["Location"]
    fields = form_fields(get(portal[0].url + form_url, opener=opener).read().decode())
    password = secrets.token_urlsafe(18)
    fields.update(new_password1=password, new_password2=password)
    set_password = get(
        portal[0].url + form_url,
        opener=opener,
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Referer": f"https://{HOST}{form_url}"},
    )
    assert set_password.status == 302

    login = form_fields(get(portal[1].url + "/accounts/login/", opener=opener).read().decode())
    login.update(username="asha.patel@council.gov.uk", password=password)
    signed_in = get(
        portal[1].url + "/accounts/login/",
        opener=opener,
        data=urllib.parse.urlencode(login).encode(),
        headers={"Referer": f"https://{HOST}/accounts/login/"},
    )
    assert signed_in.status == 302
    assert get(portal[1].url + "/admin/auth/user/", opener=opener).status == 200
    assert get(portal[1].url + "/entry/", opener=opener).status in (200, 302)


class MailSink:
    """A tiny SMTP server on the loopback address that keeps what it is sent, as the council's mail
    server would receive the portal's invitations."""

    def __init__(self):
        import socketserver
        import threading

        self.messages: list[str] = []
        sink = self

        class Session(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 sink ESMTP\r\n")
                while line := self.rfile.readline():
                    command = line.decode(errors="replace").strip().upper()
                    if command.startswith("DATA"):
                        self.wfile.write(b"354 go on\r\n")
                        body = []
                        while (data := self.rfile.readline()) not in (b".\r\n", b""):
                            body.append(data.decode(errors="replace"))
                        sink.messages.append("".join(body))
                        self.wfile.write(b"250 kept\r\n")
                    elif command.startswith("QUIT"):
                        self.wfile.write(b"221 bye\r\n")
                        return
                    elif command.startswith(("EHLO", "HELO")):
                        self.wfile.write(b"250 sink\r\n")
                    else:
                        self.wfile.write(b"250 ok\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Session)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()


def set_password_through(server, opener, link: str) -> str:
    """Follow a one-time link and set a password, as the person it was sent to would."""
    form_page = get(server.url + link, opener=opener)
    assert form_page.status == 302, form_page.read().decode()[:500]
    form_url = form_page.headers["Location"]
    fields = form_fields(get(server.url + form_url, opener=opener).read().decode())
    password = secrets.token_urlsafe(18)
    fields.update(new_password1=password, new_password2=password)
    done = get(
        server.url + form_url,
        opener=opener,
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Referer": f"https://{HOST}{form_url}"},
    )
    assert done.status == 302
    return password


def signed_in(server, username: str, password: str):
    jar = CookieJar(BehindTheProxy())
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    login = form_fields(get(server.url + "/accounts/login/", opener=opener).read().decode())
    login.update(username=username, password=password)
    answer = get(
        server.url + "/accounts/login/",
        opener=opener,
        data=urllib.parse.urlencode(login).encode(),
        headers={"Referer": f"https://{HOST}/accounts/login/"},
    )
    assert answer.status == 302, answer.read().decode()[:1000]
    return opener


def test_the_first_administrator_invites_a_member_and_an_officer_who_see_what_their_roles_allow(portal):
    """On the freshly migrated database, through gunicorn with DEBUG off: the README's create_admin,
    then the administrator invites two people from "People"; each follows the e-mailed link, sets a
    password and signs in to what their role allows."""
    sink = portal[0].sink
    env = portal[0].env
    command = first_administrator_step().replace("asha.patel@council.gov.uk", "lee.admin@council.gov.uk")
    made = subprocess.run(  # noqa: S602 - the README's own command line
        command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert made.returncode == 0, made.stderr
    link = re.search(rf"https://{re.escape(HOST)}(/accounts/password/set/\S+)", made.stdout).group(1)
    admin_password = set_password_through(portal[0], signed_in_nobody(), link)
    admin = signed_in(portal[0], "lee.admin@council.gov.uk", admin_password)

    from indicators.roles import MEMBERS, OFFICERS

    for name, email, role in (
        ("Morgan Member", "morgan@council.gov.uk", MEMBERS),
        ("Olu Officer", "olu@council.gov.uk", OFFICERS),
    ):
        form = form_fields(get(portal[0].url + "/people/invite/", opener=admin).read().decode())
        form.update(name=name, email=email, role=role)
        invited = get(
            portal[0].url + "/people/invite/",
            opener=admin,
            data=urllib.parse.urlencode(form).encode(),
            headers={"Referer": f"https://{HOST}/people/invite/"},
        )
        assert invited.status == 302, invited.read().decode()[:2000]

    import email
    from email import policy

    received = [email.message_from_string(message, policy=policy.default) for message in sink.messages]
    invitations = [message for message in received if "invited" in message["Subject"]]
    assert len(invitations) == 2, sink.messages
    links = {}
    for message in invitations:
        body = message.get_body(preferencelist=("plain",)).get_content()
        link = re.search(rf"https://{re.escape(HOST)}(/accounts/password/set/\S+)", body).group(1)
        links[str(message["To"])] = link

    morgan = signed_in(
        portal[1],
        "morgan@council.gov.uk",
        set_password_through(portal[1], signed_in_nobody(), links["morgan@council.gov.uk"]),
    )
    assert get(portal[1].url + "/", opener=morgan).status == 200
    assert get(portal[1].url + "/entry/", opener=morgan).status == 403
    assert get(portal[1].url + "/people/", opener=morgan).status == 403

    olu = signed_in(
        portal[0],
        "olu@council.gov.uk",
        set_password_through(portal[0], signed_in_nobody(), links["olu@council.gov.uk"]),
    )
    assert get(portal[0].url + "/entry/", opener=olu).status in (200, 302)
    assert get(portal[0].url + "/indicators/P1/", opener=olu).status == 200
    assert get(portal[0].url + "/people/", opener=olu).status == 403


def signed_in_nobody():
    jar = CookieJar(BehindTheProxy())
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
