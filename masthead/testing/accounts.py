"""Staff accounts for tests."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission


def make_staff(*permissions: str, username: str = "desk"):
    """A staff account holding exactly ``permissions`` ("app_label.codename"),
    never a superuser: a test of who may do what must not pass on a bypass."""
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.test", password="a long password here", is_staff=True
    )
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return user
