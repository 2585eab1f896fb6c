# Included at the site root: path("", include("masthead.invoicing.urls")).
from django.urls import path

from . import views

app_name = "invoicing"

urlpatterns = [
    path("account/invoices/", views.invoice_list, name="list"),
    path("account/invoices/<slug:slug>/", views.invoice_detail, name="detail"),
    path("account/invoices/<slug:slug>/pdf/", views.invoice_download, name="pdf"),
    path("account/credit-notes/<slug:slug>/", views.credit_note_detail, name="credit_note"),
    path("account/credit-notes/<slug:slug>/pdf/", views.credit_note_download, name="credit_note_pdf"),
]
