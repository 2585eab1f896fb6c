import pytest

from masthead.newsroom.models import Article
from masthead.testing.newsroom import make_section

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_writes_a_story_in_the_rich_text_editor(page, live_server, django_user_model):
    from django.contrib.auth.models import Permission

    editor = django_user_model.objects.create_user(
        username="desk", email="desk@example.test", password="a long demo password", is_staff=True
    )
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="newsroom"))
    section = make_section(name="Politics", slug="politics")

    # The admin sends staff to the site's sign-in, and back.
    page.goto(live_server.url + "/admin/newsroom/article/add/")
    page.fill("input[name=login]", "desk@example.test")
    page.fill("input[name=password]", "a long demo password")
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/admin/newsroom/article/add/")

    page.locator("#id_headline").press_sequentially("Assembly passes the water bill")
    assert page.input_value("#id_slug") == "assembly-passes-the-water-bill"
    # The body is a ProseMirror editor (loaded from our own static files under the CSP), not a textarea.
    editor_surface = page.locator(".ProseMirror[contenteditable=true]:visible").first
    editor_surface.click()
    page.keyboard.type("The state assembly passed the bill after a long debate.")
    page.keyboard.press("Control+a")
    page.keyboard.press("Control+b")
    page.select_option("#id_section", str(section.pk))
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_load_state()
    assert not page.locator(".errorlist").count(), page.locator(".errornote, .errorlist").all_inner_texts()
    page.wait_for_url("**/admin/newsroom/article/")

    article = Article.objects.get(slug="assembly-passes-the-water-bill")
    assert "<strong>The state assembly passed the bill after a long debate.</strong>" in article.body
    assert article.is_live()
