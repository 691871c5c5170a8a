from django.urls import path

from indicators.suite_import import views

app_name = "suite_import"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("confirm/", views.confirm, name="confirm"),
    path("performance-index.xlsx", views.template, name="template"),
]
