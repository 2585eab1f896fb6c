from django.db import models


class SingletonSettings(models.Model):
    """Settings staff change at run time, kept in one row (pk 1): each app
    that has such settings keeps its own (the meter's, the gift allowance,
    the device limit), read with ``current()``."""

    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        """The row, or the defaults while staff have not saved it."""
        return cls.objects.filter(pk=1).first() or cls()
