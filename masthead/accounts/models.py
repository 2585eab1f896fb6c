from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A reader, subscriber or member of staff.

    Readers and staff sign in with their e-mail address, so it is unique
    (compared without regard to case). The username is only a handle.
    """

    email = models.EmailField("e-mail address", unique=True)

    complimentary_access = models.BooleanField(
        default=False, help_text="Granted by staff: reads everything, as a subscriber does."
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["username"]

    class Meta:
        constraints = [
            models.UniqueConstraint(models.functions.Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email or self.username
