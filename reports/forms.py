"""Forms for preparing a committee report. They validate and normalise; services save."""

from django import forms

TEXT_LIMIT = 5000
TEXTS = ("commentary", "actions", "caveat")


class CommentaryForm(forms.Form):
    # The commentary's version when the form was opened; none posted reads as "there was none yet",
    # so a form without it never replaces someone's words.
    version = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    commentary = forms.CharField(
        label="Management commentary",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(
            attrs={"class": "govuk-textarea", "rows": 6, "aria-describedby": "id_commentary-hint"}
        ),
        help_text="Why the indicator is where it is, as the lead officer explains it to the committee.",
    )
    actions = forms.CharField(
        label="Corrective actions",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(
            attrs={"class": "govuk-textarea", "rows": 4, "aria-describedby": "id_actions-hint"}
        ),
        help_text="What is being done about it, and by when.",
    )
    caveat = forms.CharField(
        label="Data caveat",
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(
            attrs={"class": "govuk-textarea", "rows": 3, "aria-describedby": "id_caveat-hint"}
        ),
        help_text="Only if the figure cannot be reported this time, or must be read with care: say why.",
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["version"] = cleaned.get("version") or 0
        for name in TEXTS:
            cleaned[name] = "\n".join(line.rstrip() for line in cleaned.get(name, "").strip().splitlines())
        return cleaned
