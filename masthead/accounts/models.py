from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models

from .services import email_address_vouch_for


class UserManager(DjangoUserManager):
    """Accounts made from code (the demo, ``createsuperuser``, imports) have
    their address vouched for by whoever ran the code.

    E-mail verification is mandatory (it is what lets sign-up answer the same
    for a registered address), so an account whose address was never recorded
    as verified would be asked to confirm it at its first sign-in. Readers who
    sign up themselves still confirm by mail: allauth makes their accounts
    without this method.
    """

    def create_user(self, username, email=None, password=None, **extra_fields):
        user = super().create_user(username, email, password, **extra_fields)
        email_address_vouch_for(user=user)
        return user

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        user = super().create_superuser(username, email, password, **extra_fields)
        email_address_vouch_for(user=user)
        return user


class User(AbstractUser):
    """A reader, subscriber or member of staff.

    Readers and staff sign in with their e-mail address, so it is unique
    (compared without regard to case). The username is only a handle.
    """

    email = models.EmailField("e-mail address", unique=True)

    complimentary_access = models.BooleanField(
        default=False, help_text="Granted by staff: reads everything, as a subscriber does."
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    class Meta:
        constraints = [
            models.UniqueConstraint(models.functions.Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email or self.username
