"""Who may manage people: administrators (Django's "change user" permission), nobody else."""

from django.contrib.auth.decorators import login_required, permission_required

MANAGE_PEOPLE = "auth.change_user"


def can_manage_people(user) -> bool:
    return user.is_authenticated and user.has_perm(MANAGE_PEOPLE)


def people_page(view):
    """A page where administrators invite, change and deactivate people."""
    wrapper = login_required(permission_required(MANAGE_PEOPLE, raise_exception=True)(view))
    wrapper.access = "administrators"
    return wrapper
