from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.log, name="log"),
    path("settings/", views.reminder_settings, name="settings"),
]
