"""Django's password forms, with labels and error messages in the GOV.UK style: each error says
what to do ("Enter your current password"), not "This field is required"."""

from django.contrib.auth import forms


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
