from django.urls import include, path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.index, name="index"),
    path("exceptions/", views.exceptions, name="exceptions"),
    path("indicators/<str:reference>/", views.detail, name="detail"),
    path("entry/", include("indicators.entry.urls")),
]
