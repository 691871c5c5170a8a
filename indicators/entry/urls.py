from django.urls import path

from indicators.entry import views

app_name = "entry"

urlpatterns = [
    path("", views.choose_period, name="choose"),
    path("due/", views.due, name="due"),
    path("validate/", views.validate, name="validate"),
    path("<str:key>/", views.period_figures, name="period"),
    path("<str:key>/template.xlsx", views.download_template, name="template"),
    path("<str:key>/upload/", views.upload, name="upload"),
    path("<str:key>/upload/confirm/", views.confirm_upload, name="confirm"),
]
