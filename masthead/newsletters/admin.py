from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from masthead.core.admin import StatusHistoryInline
from masthead.core.errors import MastheadError

from . import mail as issue_mail
from .models import Delivery, Issue, IssueArticle, IssueEvent, IssueStatus, Newsletter
from .selectors import issue_articles
from .services import issue_schedule, issue_send_now, issue_unschedule
from .tasks import send_issue

EDITABLE = {IssueStatus.DRAFT, IssueStatus.SCHEDULED}


@admin.register(Newsletter)
class NewsletterAdmin(admin.ModelAdmin):
    list_display = ["name", "topic", "subscribers_only", "active", "position", "readers"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(reader_count=Count("subscriptions"))

    @admin.display(description="readers", ordering="reader_count")
    def readers(self, newsletter):
        return newsletter.reader_count


class IssueArticleInline(admin.TabularInline):
    model = IssueArticle
    autocomplete_fields = ["article"]
    extra = 3
    fields = ["position", "article"]

    def _editable(self, obj):
        return obj is None or obj.status in EDITABLE

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


class IssueEventInline(StatusHistoryInline):
    model = IssueEvent


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    """Compose (intro and ordered articles), preview, then send now or schedule.

    The buttons under the form (templates/admin/newsletters/issue/change_form.html
    in this app) call the services; the status is never a form field."""

    list_display = ["subject", "newsletter", "status", "scheduled_for", "sent_at", "sent_count", "failed_count"]
    list_filter = ["newsletter", "status"]
    search_fields = ["subject", "intro"]
    inlines = [IssueArticleInline, IssueEventInline]
    readonly_fields = [
        "status", "preview_links", "started_at", "sent_at",
        "recipient_count", "sent_count", "failed_count", "unconfirmed_count",
    ]  # fmt: skip
    fields = ["newsletter", "subject", "intro", "scheduled_for", *readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status not in EDITABLE:
            return ["newsletter", "subject", "intro", "scheduled_for", *self.readonly_fields]
        return self.readonly_fields

    @admin.display(description="preview")
    def preview_links(self, issue):
        if issue.pk is None:
            return "Save the issue to preview it."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">The e-mail (HTML)</a> · <a href="{}" target="_blank" rel="noopener">Plain text</a>',
            reverse("admin:newsletters_issue_preview", args=[issue.pk]),
            reverse("admin:newsletters_issue_preview_text", args=[issue.pk]),
        )

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:pk>/preview/", preview, {"part": "html"}, name="newsletters_issue_preview"),
            path("<int:pk>/preview.txt", preview, {"part": "text"}, name="newsletters_issue_preview_text"),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk, part):
        """The exact message a reader gets (with the editor's own unsubscribe link)."""
        issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)
        if not self.has_view_permission(request, issue):
            return HttpResponse("Only newsletter editors may preview issues.", status=403, content_type="text/plain")
        items = issue_mail.teasers(issue_articles(issue=issue, now=timezone.now()))
        message = issue_mail.issue_message(issue=issue, items=items, user_id=request.user.pk, email=request.user.email)
        if part == "text":
            return HttpResponse(message.body, content_type="text/plain; charset=utf-8")
        html, _ = message.alternatives[0]
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
        # The mail's own inline styles, outside the site's page chrome.
        response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:"
        return response

    def save_model(self, request, issue, form, change):
        if not change:
            issue.created_by = request.user
        super().save_model(request, issue, form, change)

    def has_send_permission(self, request):
        """Composing an issue is not leave to mail it to every reader."""
        return request.user.has_perm(f"{self.opts.app_label}.send_issue")

    def render_change_form(self, request, context, *args, **kwargs):
        context["can_send"] = self.has_send_permission(request)
        return super().render_change_form(request, context, *args, **kwargs)

    def response_change(self, request, issue):
        for button, act in (("_send_now", self._send_now), ("_schedule", self._schedule), ("_unschedule", self._unschedule)):
            if button in request.POST:
                if not self.has_send_permission(request):
                    # Raised inside the form's transaction: the edits go too.
                    raise PermissionDenied
                try:
                    act(request, issue)
                except MastheadError as error:
                    self.message_user(request, error.message, messages.ERROR)
                return HttpResponseRedirect(reverse("admin:newsletters_issue_change", args=[issue.pk]))
        return super().response_change(request, issue)

    def _send_now(self, request, issue):
        issue_send_now(issue=issue, actor=request.user)
        transaction.on_commit(lambda: send_issue(issue.pk))
        self.message_user(request, "The issue is being sent. Refresh to follow the counts.")

    def _schedule(self, request, issue):
        issue = issue_schedule(issue=issue, when=issue.scheduled_for, actor=request.user)
        self.message_user(request, f"Scheduled for {timezone.localtime(issue.scheduled_for):%d %b %Y, %H:%M}.")

    def _unschedule(self, request, issue):
        issue_unschedule(issue=issue, actor=request.user)
        self.message_user(request, "The schedule is cancelled; the issue is a draft again.")

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.status == IssueStatus.DRAFT) and super().has_delete_permission(request, obj)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["issue", "email", "state", "sent_at", "error"]
    list_filter = ["state", "issue__newsletter"]
    search_fields = ["email", "issue__subject"]
    readonly_fields = ["issue", "recipient", "email", "state", "attempted_at", "sent_at", "error"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
