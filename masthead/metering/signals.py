from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import MeterSettings
from .rules import forget_rules


@receiver(post_save, sender=MeterSettings)
def meter_settings_saved(sender, **kwargs):
    forget_rules()
