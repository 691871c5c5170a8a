"""What a reader may see is decided once, from their permissions, and carried as data."""

from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser

from indicators.reader import Reader


def test_an_anonymous_visitor_reads_as_the_public():
    assert Reader.for_user(AnonymousUser()) == Reader.PUBLIC
    assert not Reader.PUBLIC.sees_restricted
    assert not Reader.PUBLIC.sees_small_numbers
    assert not Reader.PUBLIC.sees_provisional


def test_a_member_sees_no_restricted_indicator_small_number_or_provisional_figure(alice):
    assert Reader.for_user(alice) == Reader.PUBLIC


def test_a_member_sees_provisional_figures_where_the_council_lets_them(alice, settings):
    settings.MEMBERS_SEE_PROVISIONAL = True
    assert Reader.for_user(alice) == Reader(sees_provisional=True)
    assert Reader.for_user(AnonymousUser()) == Reader.PUBLIC


def test_an_officer_sees_everything(bob):
    assert Reader.for_user(bob) == Reader(
        sees_restricted=True, sees_small_numbers=True, sees_provisional=True
    )


def test_each_request_carries_its_readers_view(client, bob, public_access):
    client.force_login(bob)
    response = client.get("/exceptions/")
    assert response.wsgi_request.reader == Reader.for_user(bob)


def test_a_restricted_indicator_and_what_is_of_it_are_seen_only_with_permission(alice, bob):
    restricted, open_ = SimpleNamespace(is_restricted=True), SimpleNamespace(is_restricted=False)
    assert Reader.for_user(bob).may_see(restricted)
    assert not Reader.for_user(alice).may_see(restricted)
    assert Reader.for_user(alice).may_see(open_)
    assert Reader.PUBLIC.may_see(open_)
