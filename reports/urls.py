from django.urls import path

from reports import opendata_views, views

app_name = "reports"

urlpatterns = [
    path("meetings/", views.meetings, name="meetings"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>/appendix.xlsx", views.appendix, name="appendix"),
    path("meetings/<int:pk>/pack.pdf", views.pack, name="pack"),
    path("meetings/<int:pk>/report.csv", opendata_views.report_csv, name="report_csv"),
    path("meetings/<int:pk>/report.json", opendata_views.report_json, name="report_json"),
    path("meetings/<int:pk>/publish/", views.publish, name="publish"),
    path("meetings/<int:pk>/commentary/<str:reference>/", views.commentary, name="commentary"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions/<int:pk>/apply/", views.apply, name="apply_decision"),
]
