from django.urls import path

from reports import action_views, opendata_views, views

app_name = "reports"

urlpatterns = [
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/add/", views.meeting_add, name="meeting_add"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/appendix.xlsx", views.appendix, name="appendix"),
    path("meetings/<int:pk>/pack.pdf", views.pack, name="pack"),
    path("meetings/<int:pk>/report.csv", opendata_views.report_csv, name="report_csv"),
    path("meetings/<int:pk>/report.json", opendata_views.report_json, name="report_json"),
    path("meetings/<int:pk>/report-by-part.csv", opendata_views.report_parts_csv, name="report_parts_csv"),
    path("meetings/<int:pk>/report-by-part.json", opendata_views.report_parts_json, name="report_parts_json"),
    path(
        "meetings/<int:pk>/tables/<slug:table>.csv", opendata_views.report_table_csv, name="report_table_csv"
    ),
    path("meetings/<int:pk>/publish/", views.publish, name="publish"),
    path("meetings/<int:pk>/commentary/<str:reference>/", views.commentary, name="commentary"),
    path("meetings/<int:pk>/actions/<str:reference>/", action_views.meeting_actions, name="meeting_actions"),
    path("actions/<int:pk>/", action_views.action_edit, name="action_edit"),
    path("actions/<int:pk>/update/", action_views.action_update, name="action_update"),
    path("committees/", views.committees, name="committees"),
    path("committees/add/", views.committee_add, name="committee_add"),
    path("committees/<int:pk>/edit/", views.committee_edit, name="committee_edit"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions/<int:pk>/apply/", views.apply, name="apply_decision"),
]
