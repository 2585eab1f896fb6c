from django.contrib import admin, messages
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timeuntil

from masthead.access.policy import REASON_WORDS
from masthead.metering.models import FunnelEvent

from . import services
from .models import Agency, Article, ArticleStatus, Author, Section, UpcomingArticle


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "in_navigation"]
    list_editable = ["position", "in_navigation"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "role"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "status_label", "publish_at", "is_premium", "credit"]
    list_filter = ["status", "is_premium", "section", "agency", ("publish_at", admin.DateFieldListFilter)]
    list_select_related = ["section", "agency"]
    search_fields = ["headline", "standfirst", "slug", "dateline"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["authors"]
    readonly_fields = ["preview_link", "lead_in_preview", "revised_at", "created_at", "updated_at"]
    actions = ["publish_now", "unpublish"]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body"]}),
        ("Credit", {"fields": ["section", "authors", "agency", "dateline"]}),
        (
            "Publishing",
            {
                "fields": ["status", "publish_at", "is_premium", "preview_link"],
                "description": "Scheduled articles go live by themselves at their time.",
            },
        ),
        ("Image", {"fields": ["image", "image_alt", "image_caption"], "classes": ["collapse"]}),
        ("What non-subscribers see", {"fields": ["lead_in_preview"], "classes": ["collapse"]}),
        ("History", {"fields": ["revised_at", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    def get_readonly_fields(self, request, obj=None):
        if self.has_publish_permission(request):
            return self.readonly_fields
        # Without the right to publish, the status and time are shown, not
        # edited: a draft saved here stays a draft.
        return [*self.readonly_fields, "status", "publish_at"]

    def has_publish_permission(self, request):
        """Writing articles is not leave to put them in front of readers (or
        take them off): that is ``newsroom.publish_article``, for this admin
        and for the upcoming-articles list alike."""
        return request.user.has_perm(f"{Article._meta.app_label}.publish_article")

    @admin.display(description="status", ordering="status")
    def status_label(self, article):
        if article.status == ArticleStatus.SCHEDULED and article.is_live():
            return "Published"
        if article.status == ArticleStatus.SCHEDULED:
            return f"Scheduled (in {timeuntil(article.publish_at)})"
        return article.get_status_display()

    @admin.display(description="by")
    def credit(self, article):
        if article.agency_id:
            return article.agency.name
        return ", ".join(author.name for author in article.authors.all())

    @admin.display(description="preview")
    def preview_link(self, article):
        if not article.pk:
            return "Save the article to preview it."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview as readers will see it</a>',
            reverse("newsroom:preview", args=[article.pk]),
        )

    @admin.display(description="lead-in")
    def lead_in_preview(self, article):
        return format_html("<div>{}</div>", article.lead_in) if article.lead_in else "—"

    def view_on_site(self, article):
        return reverse("newsroom:preview", args=[article.pk])

    def save_model(self, request, article, form, change):
        if not change:
            article.created_by = request.user
        services.article_save(article=article, changed_fields=set(form.changed_data))

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        for article in queryset:
            services.article_publish(article=article)
        self.message_user(request, f"{queryset.count()} article(s) published.", messages.SUCCESS)

    @admin.action(description="Take off the site (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        for article in queryset:
            services.article_unpublish(article=article)
        self.message_user(request, f"{queryset.count()} article(s) back to draft.", messages.SUCCESS)


@admin.register(UpcomingArticle)
class UpcomingArticleAdmin(ArticleAdmin):
    """Scheduled articles in the order they will go live."""

    list_display = ["headline", "section", "publish_at", "goes_live_in", "is_premium"]
    list_filter = ["section", "is_premium"]
    date_hierarchy = None
    ordering = ["publish_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).upcoming(timezone.now())

    @admin.display(description="goes live in")
    def goes_live_in(self, article):
        return timeuntil(article.publish_at)


class WhyFilter(admin.SimpleListFilter):
    """The funnel's reasons in the words of the list's "why" column, not as
    stored codes; only the reasons that have happened are offered."""

    title = "why"
    parameter_name = "reason"

    def lookups(self, request, model_admin):
        stored = FunnelEvent.objects.exclude(reason="").order_by("reason").values_list("reason", flat=True).distinct()
        return [(reason, REASON_WORDS.get(reason, reason)) for reason in stored]

    def queryset(self, request, queryset):
        return queryset.filter(reason=self.value()) if self.value() else queryset


@admin.register(FunnelEvent)
class FunnelEventAdmin(admin.ModelAdmin):
    """The paywall's funnel, step by step, with the story each step happened
    on. Kept here rather than in metering: an event holds only its article's
    id (the meter sits below the newsroom), and the newsroom names the story."""

    list_display = ["occurred_at", "kind", "article", "why", "count"]
    list_filter = ["kind", WhyFilter]
    date_hierarchy = "occurred_at"

    def get_queryset(self, request):
        # The headline and address in the list's own query: one query for the
        # page, however many stories it shows.
        story = Article.objects.filter(pk=OuterRef("article_id"))
        return (
            super()
            .get_queryset(request)
            .annotate(story_headline=Subquery(story.values("headline")[:1]), story_slug=Subquery(story.values("slug")[:1]))
        )

    @admin.display(description="article", ordering="story_headline")
    def article(self, event):
        if event.article_id is None:
            return "—"
        if event.story_headline is None:
            return f"Article {event.article_id} (since deleted)"
        return format_html('<a href="{}">{}</a>', reverse("newsroom:article", args=[event.story_slug]), event.story_headline)

    @admin.display(description="why", ordering="reason")
    def why(self, event):
        return REASON_WORDS.get(event.reason, event.reason) or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
