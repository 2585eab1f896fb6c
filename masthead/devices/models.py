from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from masthead.core.models import SingletonSettings


class DeviceSettings(SingletonSettings):
    """The device limit, changed by staff at run time (one row)."""

    devices_per_account = models.PositiveSmallIntegerField(
        "devices signed in at once",
        default=5,
        validators=[MaxValueValidator(100)],
        help_text="Web browsers and apps one account may be signed in on at the same time. Signing in on one more "
        "signs out the least recently used. 0 means no limit.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "device settings"

    def __str__(self):
        return f"{self.devices_per_account} devices at once"


class SignOutReason(models.TextChoices):
    BY_OWNER = "by_owner", "Signed out from another device"
    DEVICE_LIMIT = "device_limit", "Signed out to keep within the device limit"


class DeviceSignOut(models.Model):
    """A device signed out by something other than itself, so its owner can be told."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="device_sign_outs")
    device_name = models.CharField(max_length=80)
    reason = models.CharField(max_length=20, choices=SignOutReason.choices)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.device_name}: {self.get_reason_display()}"
