from django import forms

CHOICES = [("on", "Yes, e-mail me reminders"), ("off", "No, do not e-mail me reminders")]


class ReminderSettingsForm(forms.Form):
    reminders = forms.ChoiceField(
        label="Do you want reminders by e-mail?",
        choices=CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you want reminders by e-mail."},
    )

    @property
    def reminders_on(self) -> bool:
        return self.cleaned_data["reminders"] == "on"
