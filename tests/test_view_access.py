"""Every page of the portal states who may use it: each view carries the `access` its decorator
gives it (indicators/access.py, reports/access.py, reminders/access.py), so a new page cannot go
live without a decision about its readers. The sign-in pages, the administration site and the load
balancer's health check are the only pages open to anyone, and each is named here."""

from django.urls import URLPattern, URLResolver, get_resolver

OPEN_TO_ANYONE = {"healthz", "login", "logout"}
"""Pages with no reader to check: the health check says only whether the database and cache
answer; signing in and out must be reachable before anyone is known."""


def portal_views(patterns=None, prefix=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # The administration site checks staff status itself.
            yield from portal_views(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name, entry.callback


def test_every_portal_page_states_who_may_use_it():
    undeclared = [
        route
        for route, name, view in portal_views()
        if name not in OPEN_TO_ANYONE and not getattr(view, "access", None)
    ]
    assert undeclared == []


def test_the_portal_has_the_pages_this_test_walks():
    routes = {route for route, _, _ in portal_views()}
    assert {"", "exceptions/", "meetings/", "decisions/", "entry/due/"} <= routes


def test_change_points_are_for_officers_and_the_guide_to_charts_for_every_reader():
    access = {route: getattr(view, "access", None) for route, _, view in portal_views()}
    assert access["indicators/<str:reference>/change-points/new/"] == "officers"
    assert access["indicators/<str:reference>/change-points/<int:pk>/remove/"] == "officers"
    assert access["how-to-read-charts/"] == "public"


def test_actions_are_recorded_by_officers_and_updated_by_their_owners():
    access = {route: getattr(view, "access", None) for route, _, view in portal_views()}
    assert access["meetings/<int:pk>/actions/<str:reference>/"] == "reports.prepare_meeting"
    assert access["actions/<int:pk>/"] == "reports.prepare_meeting"
    assert access["actions/<int:pk>/update/"] == "the action's owner, or officers who prepare reports"
