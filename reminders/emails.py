"""The reminder e-mail: everything one person is reminded of in a run, in plain text and HTML."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from indicators.entry.presentation import period_title
from indicators.entry.selectors import period_key
from indicators.rules.references import reference_order
from reminders.rules import ReminderKind

SECTIONS = {
    ReminderKind.OVERDUE: (
        "Overdue",
        "These figures were due and have not been entered. Please enter them as soon as you can, or"
        " record why they are not available.",
        "Enter the figures",
    ),
    ReminderKind.DUE_SOON: (
        "Due soon",
        "These figures are due in the next {days} working days.",
        "Enter the figures",
    ),
    ReminderKind.AWAITING_VALIDATION: (
        "Awaiting your validation",
        "These figures have been entered as provisional. Please check and validate them, so that they"
        " can be reported to members.",
        "Check and validate the figures",
    ),
    ReminderKind.ACTION_LATE: (
        "Your actions now late",
        "The committee agreed these actions and they are past their due date. Please write an update"
        " saying where each stands: the next report shows it to members.",
        "Write your update",
    ),
    ReminderKind.ACTION_DUE_SOON: (
        "Your actions due soon",
        "The committee agreed these actions and they are due in the next {days} working days. Please"
        " write an update saying where each stands: the next report shows it to members.",
        "Write your update",
    ),
}


SUBJECT_WORDS = {
    ReminderKind.OVERDUE: "overdue",
    ReminderKind.DUE_SOON: "due soon",
    ReminderKind.AWAITING_VALIDATION: "awaiting validation",
    ReminderKind.ACTION_LATE: "actions late",
    ReminderKind.ACTION_DUE_SOON: "actions due soon",
}


def portal_url(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path


def figure_url(reminder) -> str:
    """Where the person acts on the reminder: the officers' validation page, or the entry page for
    the figure's period; for an action, its owner's update."""
    if reminder.action_id is not None:
        return portal_url(reverse("reports:action_update", args=[reminder.action_id]))
    if reminder.kind == ReminderKind.AWAITING_VALIDATION:
        return portal_url(reverse("indicators:entry:validate"))
    return portal_url(reverse("indicators:entry:period", kwargs={"key": period_key(reminder.period)}))


def email_sections(reminders) -> list[dict]:
    """The reminders grouped by kind, overdue first, each figure with its period, due date and link."""
    sections = []
    for kind, (heading, intro, action) in SECTIONS.items():
        items = [
            {
                "indicator": f"{log.indicator.reference}: {log.indicator.title}",
                "period": log.action.text if log.action_id else period_title(log.period),
                "due": log.due,
                "url": figure_url(log),
            }
            for log in sorted(reminders, key=lambda log: (log.due, reference_order(log.indicator.reference)))
            if log.kind == kind
        ]
        if items:
            intro = intro.format(days=settings.REMINDER_DAYS_BEFORE)
            # One link for the section when its figures are all on one page.
            urls = {item["url"] for item in items}
            url = urls.pop() if len(urls) == 1 else ""
            sections.append(
                {"heading": heading, "intro": intro, "action": action, "items": items, "url": url}
            )
    return sections


def subject_for(logs) -> str:
    counts = [(sum(log.kind == kind for log in logs), words) for kind, words in SUBJECT_WORDS.items()]
    listed = ", ".join(f"{count} {words}" for count, words in counts if count)
    return f"Performance figures: {listed}"


def reminder_email(person, logs) -> EmailMultiAlternatives:
    context = {
        "name": person.first_name or person.get_full_name() or person.get_username(),
        "council_name": settings.COUNCIL_NAME,
        "sections": email_sections(logs),
        "settings_url": portal_url(reverse("reminders:settings")),
        "due_url": portal_url(reverse("indicators:entry:due") + "?mine=1"),
    }
    message = EmailMultiAlternatives(
        subject=subject_for(logs),
        body=render_to_string("reminders/email/reminders.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
    )
    message.attach_alternative(render_to_string("reminders/email/reminders.html", context), "text/html")
    return message
