"""Who may do what with committee reports.

- Anyone who may read the public pages reads published reports and the decision log.
- Performance officers set up committees (their suites and exception criteria) and meetings,
  prepare reports (see drafts, write commentary and caveats), publish them after the checklist,
  and apply the committee's agreed decisions to its suite. They record the actions the committee
  agrees, and their progress.
- An action's owner may write their update on it; so may the officers who prepare reports.
- Administrators also record decisions in the administration pages, and may put an action right
  there (a new owner when one leaves, its words or dates); no one deletes an action.
"""

from django.contrib.auth.decorators import login_required

from indicators.access import permission_page, with_access
from indicators.roles import ADMINISTRATORS, MEMBERS, OFFICERS

PREPARE_MEETING = "reports.prepare_meeting"
PUBLISH_MEETING = "reports.publish_meeting"
APPLY_DECISION = "reports.apply_decision"
ADD_COMMITTEE = "reports.add_committee"
CHANGE_COMMITTEE = "reports.change_committee"
ADD_MEETING = "reports.add_meeting"
CHANGE_MEETING = "reports.change_meeting"

READ = ["view_committee", "view_meeting", "view_decision"]
OFFICER = [
    *READ,
    "view_meetingcommentary",
    "prepare_meeting",
    "publish_meeting",
    "apply_decision",
    "add_committee",
    "change_committee",
    "add_meeting",
    "change_meeting",
]
ROLE_PERMISSIONS = {
    MEMBERS: READ,
    OFFICERS: OFFICER,
    ADMINISTRATORS: [
        *OFFICER,
        "add_decision",
        "change_decision",
        "view_action",
        "add_action",
        "change_action",
    ],
}
"""What each role of `indicators.roles` may do here (registered with indicators/extensions.py)."""


def can_prepare(user) -> bool:
    return user.is_authenticated and user.has_perm(PREPARE_MEETING)


def can_publish(user) -> bool:
    return user.is_authenticated and user.has_perm(PUBLISH_MEETING)


def can_set_up_committees(user) -> bool:
    return user.is_authenticated and user.has_perm(CHANGE_COMMITTEE)


def can_add(user, permission: str) -> bool:
    return user.is_authenticated and user.has_perm(permission)


def can_apply_decisions(user) -> bool:
    return user.is_authenticated and user.has_perm(APPLY_DECISION)


def requires(permission: str):
    """A view for signed-in people with `permission`: others are asked to sign in, or refused."""
    return permission_page(permission)


def may_update_action(user, action) -> bool:
    """The action's owner writes their update on it; officers who prepare reports may too."""
    return user.is_authenticated and (user.pk == action.owner_id or can_prepare(user))


def owner_or_officer(view):
    """A page about one action for its owner, or officers who prepare reports: anyone signed in
    reaches it, and the view refuses who is neither (`may_update_action`)."""
    return with_access(login_required(view), "the action's owner, or officers who prepare reports")
