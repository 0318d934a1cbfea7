from django.contrib.auth import views as auth
from django.urls import path

from portal import api, views

urlpatterns = [
    path("masuk/", auth.LoginView.as_view(template_name="portal/login.html", redirect_authenticated_user=True), name="login"),
    path("keluar/", auth.LogoutView.as_view(), name="logout"),
    path("", views.home, name="home"),
    path("opd/", views.opd_home, name="opd"),
    path("opd/templat/", views.template_download, name="template"),
    path("pemeriksa/", views.reviewer_home, name="reviewer"),
    path("pemeriksa/<str:region_code>/<int:year>/", views.review_table, name="review_table"),
    path("pengiriman/<str:submission_id>/", views.submission_page, name="submission"),
    path("pengiriman/<str:submission_id>/umpan-balik.xlsx", api.feedback, name="feedback"),
    path("api/check", api.check),
    path("api/submissions", api.submissions),
    path("api/submissions/<str:submission_id>", api.submission),
    path("api/submissions/<str:submission_id>/feedback.xlsx", api.feedback),
    path("api/submissions/<str:submission_id>/decision", api.decision),
]
