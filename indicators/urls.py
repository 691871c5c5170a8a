from django.urls import include, path

from indicators import opendata_views, variation_views, views

app_name = "indicators"

urlpatterns = [
    path("", views.index, name="index"),
    path("exceptions/", views.exceptions, name="exceptions"),
    path("indicators/<str:reference>/", views.detail, name="detail"),
    path(
        "indicators/<str:reference>/change-points/new/",
        variation_views.record_change_point,
        name="record_change_point",
    ),
    path(
        "indicators/<str:reference>/change-points/<int:pk>/remove/",
        variation_views.remove_change_point,
        name="remove_change_point",
    ),
    path("how-to-read-charts/", variation_views.how_to_read, name="how_to_read"),
    path("entry/", include("indicators.entry.urls")),
    path("open-data/", opendata_views.documentation, name="open_data"),
    path("open-data/performance-index.csv", opendata_views.index_csv, name="index_csv"),
    path("open-data/performance-index.json", opendata_views.index_json, name="index_json"),
    path("open-data/dfe-benchmarking.csv", opendata_views.benchmarking_csv, name="benchmarking_csv"),
    path("open-data/dfe-benchmarking.json", opendata_views.benchmarking_json, name="benchmarking_json"),
]
