from django.conf import settings
from django.db import models


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
