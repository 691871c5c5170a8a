"""Assigning officers to a set of indicators at once: the data owner who supplies the figures, the
lead officer who validates them, and the second officer who may validate them too.

Administrators do it from the indicators' list in the administration pages (tick the indicators,
choose "Assign officers to the selected indicators"). Only performance officers and administrators
can be chosen, since only they may enter or validate figures; a role left blank is left as it is.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from indicators.access import ENTER_OUTTURNS

ROLES = {
    "data_owner_user": "Data owner",
    "lead_officer_user": "Lead officer",
    "second_officer_user": "Second officer",
}


def officers():
    """Active users who may enter figures: the people an indicator can be assigned to."""
    app_label, codename = ENTER_OUTTURNS.split(".")
    granted = Q(
        groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label
    )
    direct = Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(granted | direct | Q(is_superuser=True)).distinct().order_by("last_name", "username")


class OfficerChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name() or user.get_username()
        return f"{name} ({user.get_username()})"


class AssignOfficersForm(forms.Form):
    data_owner_user = OfficerChoice(queryset=None, required=False, label="Data owner")
    lead_officer_user = OfficerChoice(queryset=None, required=False, label="Lead officer")
    second_officer_user = OfficerChoice(queryset=None, required=False, label="Second officer")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ROLES:
            self.fields[name].queryset = officers()
            self.fields[name].help_text = "Leave blank to keep each indicator's own."

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ROLES):
            raise forms.ValidationError("Choose at least one officer to assign.")
        lead, second = cleaned.get("lead_officer_user"), cleaned.get("second_officer_user")
        if lead and second and lead == second:
            raise forms.ValidationError("The second officer must be someone other than the lead officer.")
        return cleaned

    @property
    def chosen(self) -> dict:
        return {name: user for name in ROLES if (user := self.cleaned_data.get(name))}


def assign_officers(indicators, chosen: dict) -> int:
    """Give every indicator of the queryset the chosen officers, in one transaction; each save is
    recorded in the indicator's history. Returns how many indicators changed."""
    with transaction.atomic():
        changed = 0
        for indicator in indicators.select_for_update():
            if all(getattr(indicator, f"{name}_id") == user.pk for name, user in chosen.items()):
                continue
            for name, user in chosen.items():
                setattr(indicator, name, user)
            indicator.save(update_fields=list(chosen))
            changed += 1
        return changed
