"""The demo council's figures have a person to enter them, beside the job titles the reports print."""

import pytest
from django.core.management import call_command

from indicators.models import Indicator

pytestmark = pytest.mark.django_db


def test_demo_officer_owns_the_demo_figures_and_the_job_titles_stay():
    call_command("load_demo", verbosity=0)
    indicator = Indicator.objects.select_related("data_owner_user").get(reference="2")
    assert indicator.data_owner_user.get_full_name() == "Priya Officer"
    assert indicator.data_owner == "Performance and Information Officer"
    assert indicator.success_looks_like
    assert indicator.lead_officer.startswith("Head of ")
    assert not Indicator.objects.filter(data_owner_user__isnull=True).exists()
