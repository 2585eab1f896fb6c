from datetime import date

from django.urls import path, register_converter

from . import views


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        return date.fromisoformat(value)  # a ValueError (2026-02-30) is a 404

    def to_url(self, value):
        return value.isoformat() if isinstance(value, date) else value


register_converter(IsoDateConverter, "isodate")

app_name = "epaper"

urlpatterns = [
    path("epaper/", views.calendar_page, name="calendar"),
    path("epaper/shared/<str:token>/", views.shared_page, name="shared"),
    path("epaper/<isodate:day>/", views.reader, name="reader"),
    path("epaper/<isodate:day>/edition.pdf", views.edition_download, name="edition-download"),
    path("epaper/<isodate:day>/pages/<int:number>.webp", views.page_image, name="page-image"),
    path("epaper/<isodate:day>/pages/<int:number>/thumbnail.webp", views.page_thumbnail, name="page-thumbnail"),
    path("epaper/<isodate:day>/pages/<int:number>/save.webp", views.page_save_image, name="page-save-image"),
    path("epaper/<isodate:day>/pages/<int:number>/save.pdf", views.page_save_pdf, name="page-save-pdf"),
    path("epaper/<isodate:day>/pages/<int:number>/share/", views.page_share, name="page-share"),
]
