from django.urls import path

from breakdowns import views

app_name = "breakdowns"

urlpatterns = [
    path("localities/", views.members, name="members"),
    path("localities/<slug:slug>/", views.member, name="member"),
    path("indicators/<str:reference>/by-part.csv", views.indicator_csv, name="indicator_csv"),
    path("entry/<str:key>/<str:reference>/by/<int:dimension>/", views.enter, name="entry"),
    path(
        "entry/<str:key>/<str:reference>/by/<int:dimension>/figures.xlsx",
        views.download_template,
        name="template",
    ),
    path("entry/<str:key>/<str:reference>/by/<int:dimension>/upload/", views.upload, name="upload"),
]
