from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.urls import people_urls
from indicators.views import healthz

admin.site.site_header = "Performance portal administration"
admin.site.site_title = "Performance portal"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("accounts.urls")),
    path("people/", include(people_urls)),
    path("import-index/", include("indicators.suite_import.urls")),
    path("", include("statutory.urls")),
    path("admin/", admin.site.urls),
    path("reminders/", include("reminders.urls")),
    path("", include("reports.urls")),
    path("", include("indicators.urls")),
    path("", include("breakdowns.urls")),
]
