"""What each role may do with breakdowns.

- Everyone who reads the index reads localities, teams and their figures; small numbers in a part,
  and a part that would give one away, are withheld as they are for the council's figure.
- Performance officers enter parts through the portal's own pages, with the council total.
- Administrators define the dimensions, their members and which indicators are reported by them.
"""

from indicators.roles import ADMINISTRATORS, MEMBERS, OFFICERS

READ = ["view_dimension", "view_member", "view_breakdown", "view_partfigure"]
ROLE_PERMISSIONS = {
    MEMBERS: READ,
    OFFICERS: READ,
    ADMINISTRATORS: [
        *READ,
        "add_dimension",
        "change_dimension",
        "add_member",
        "change_member",
        "add_breakdown",
        "change_breakdown",
        "delete_breakdown",
    ],
}
