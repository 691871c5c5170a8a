"""Django's password forms, with labels and error messages in the GOV.UK style: each error says
what to do ("Enter your current password"), not "This field is required"."""

from django import forms as django_forms
from django.contrib.auth import forms, get_user_model

from indicators.models import Indicator
from indicators.roles import ROLES


def _relabel(form, labels: dict[str, tuple[str, str]]) -> None:
    for name, (label, required) in labels.items():
        form.fields[name].label = label
        form.fields[name].error_messages["required"] = required


NEW_PASSWORD = {
    "new_password1": ("New password", "Enter a new password"),
    "new_password2": ("New password again", "Enter the new password again"),
}


class SetPasswordForm(forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, NEW_PASSWORD)


class PasswordChangeForm(forms.PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"old_password": ("Current password", "Enter your current password"), **NEW_PASSWORD})


class PasswordResetForm(forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": ("E-mail address", "Enter your e-mail address")})
        self.fields["email"].error_messages["invalid"] = "Enter an e-mail address like name@council.gov.uk"


class PersonForm(django_forms.Form):
    """A person's role and the indicators they answer for."""

    role = django_forms.ChoiceField(
        label="Role",
        choices=[(role.name, role.name) for role in ROLES],
        error_messages={"required": "Choose their role"},
    )
    lead_for = django_forms.ModelMultipleChoiceField(
        Indicator.objects.order_by("display_order", "reference"),
        required=False,
        label="Lead officer for",
        help_text="They answer for these indicators' figures and validate them.",
    )
    owner_for = django_forms.ModelMultipleChoiceField(
        Indicator.objects.order_by("display_order", "reference"),
        required=False,
        label="Data owner for",
        help_text="They enter these indicators' figures by their due date and are reminded of them.",
    )

    @property
    def indicator_fields(self):
        return [self["lead_for"], self["owner_for"]]


class InviteForm(PersonForm):
    name = django_forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter their full name"}
    )
    email = django_forms.EmailField(
        label="Work e-mail address",
        max_length=254,
        error_messages={
            "required": "Enter their work e-mail address",
            "invalid": "Enter an e-mail address like name@council.gov.uk",
        },
    )
    field_order = ["name", "email", "role", "lead_for", "owner_for"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        User = get_user_model()
        if (
            User.objects.filter(email__iexact=email).exists()
            or User.objects.filter(username__iexact=email).exists()
        ):
            raise django_forms.ValidationError(
                f"{email} already has an account: find them in the list of people"
            )
        return email
