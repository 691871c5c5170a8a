"""Report cards where the indicators app draws a page: indicators never imports reports, so its
templates ask for the card and the published commentary here."""

from django import template

from indicators.entry.due import person_text
from indicators.lines import line_from_assessment
from reports.access import can_prepare
from reports.actions import open_actions_for
from reports.cards import Card, card_for
from reports.selectors import PublishedCommentary, latest_published_commentary

register = template.Library()


@register.simple_tag(takes_context=True)
def indicator_card(context, assessment) -> Card:
    """The indicator's card as it stands: its figures as this reader sees them, and the story and
    actions of the latest published report that has commentary on it."""
    request = context["request"]
    reader = request.reader
    indicator = assessment.indicator
    published = latest_published_commentary([indicator.pk], reader=reader).get(indicator.pk)
    return card_for(
        line_from_assessment(assessment, reader=reader),
        story=published.text if published else "",
        actions_text=published.actions if published else "",
        source=published.source if published else None,
        lead_officer=person_text(indicator.lead_officer_user, indicator.lead_officer),
        data_owner=person_text(indicator.data_owner_user, indicator.data_owner),
        success_looks_like=indicator.success_looks_like,
        open_actions=open_actions_for([indicator], reader, live=can_prepare(request.user)).get(
            indicator.pk, []
        ),
    )


@register.simple_tag(takes_context=True)
def published_commentaries(context, indicator_ids) -> dict[int, PublishedCommentary]:
    """Each indicator's latest published commentary, read for the whole page at once."""
    return latest_published_commentary(indicator_ids, reader=context["request"].reader)


@register.filter
def commentary_of(commentaries: dict, indicator_id: int) -> PublishedCommentary | None:
    return commentaries.get(indicator_id)
