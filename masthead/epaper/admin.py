from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html_join
from django.utils.timezone import localtime

from masthead.core.errors import MastheadError

from .models import Edition, EditionState
from .services import edition_delete, edition_pdf_check, edition_pdf_replace, edition_render_again, edition_upload
from .tasks import edition_render_after_commit


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["date", "pdf"]
        help_texts = {"pdf": "The whole edition as one PDF. Its pages are rendered in the background."}
        # The stock widget links to the file's public URL, which e-paper files do not have.
        widgets = {"pdf": forms.FileInput(attrs={"accept": "application/pdf"})}

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload and "pdf" in self.changed_data:
            # Checked before anything is stored: a broken file leaves no edition behind.
            try:
                edition_pdf_check(upload)
            except MastheadError as error:
                raise ValidationError(error.message, code=error.code) from None
        return upload


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    form = EditionForm
    list_display = ["date", "state", "progress", "error", "uploaded_at"]
    list_filter = ["state"]
    date_hierarchy = "date"
    actions = ["render_again"]

    def get_readonly_fields(self, request, obj=None):
        shown = ["state", "progress", "error", "ready_at", "history"]
        # The date names the edition's files; a wrong date is a new edition.
        return ["date", *shown] if obj else []

    def get_fields(self, request, obj=None):
        return ["date", "pdf", "state", "progress", "error", "ready_at", "history"] if obj else ["date", "pdf"]

    @admin.display(description="pages rendered")
    def progress(self, edition):
        return f"{edition.pages_done} / {edition.page_count}"

    @admin.display(description="what happened")
    def history(self, edition):
        return format_html_join(
            "", "<p>{}: {} → {} {}</p>",
            ((localtime(event.at).strftime("%-d %b %Y %H:%M"), event.from_state, event.to_state, event.message)
             for event in edition.events.all()),
        )  # fmt: skip

    def save_model(self, request, edition, form, change):
        try:
            if not change:
                saved = edition_upload(day=form.cleaned_data["date"], pdf=form.cleaned_data["pdf"])
                edition.pk, edition.date = saved.pk, saved.date
            elif "pdf" in form.changed_data:
                saved = edition_pdf_replace(edition=Edition.objects.get(pk=edition.pk), pdf=form.cleaned_data["pdf"])
            else:
                return
        except MastheadError as error:
            self.message_user(request, f"The edition was not saved: {error.message}", messages.ERROR)
            return
        edition_render_after_commit(saved)
        self.message_user(
            request,
            f"{saved}: {saved.page_count} page(s) are being rendered. Readers will see the edition when every page is ready.",
        )

    def delete_model(self, request, edition):
        edition_delete(edition=edition)

    def delete_queryset(self, request, queryset):
        for edition in queryset:
            edition_delete(edition=edition)

    @admin.action(description="Render the selected failed editions again", permissions=["render"])
    def render_again(self, request, queryset):
        queued = 0
        for edition in queryset.filter(state=EditionState.FAILED):
            edition_render_after_commit(edition_render_again(edition=edition))
            queued += 1
        self.message_user(request, f"{queued} edition(s) queued to be rendered again.")

    def has_render_permission(self, request):
        """Queuing rendering work is a separate right from reading or editing editions."""
        return request.user.has_perm(f"{self.opts.app_label}.render_edition")
