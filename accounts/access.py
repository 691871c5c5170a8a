"""Who may manage people: administrators (Django's "change user" permission), nobody else."""

from indicators.access import permission_page

MANAGE_PEOPLE = "auth.change_user"


def can_manage_people(user) -> bool:
    return user.is_authenticated and user.has_perm(MANAGE_PEOPLE)


def people_page(view):
    """A page where administrators invite, change and deactivate people."""
    return permission_page(MANAGE_PEOPLE, "administrators")(view)
