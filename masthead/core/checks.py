"""Every app's own settings (its ``app_settings.py``), read once at start-up:
a wrong value stops `manage.py check` (and so `serve` and `migrate`) rather
than the first request that reads it. Apps still read them when used."""

from importlib import import_module

from django.apps import apps
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule


def app_settings_problems(app_settings) -> list[str]:
    """What is wrong with each of ``app_settings``' values, in words."""
    problems = []
    for name, value in sorted(vars(type(app_settings)).items()):
        if not isinstance(value, property):
            continue
        try:
            getattr(app_settings, name)
        except ImproperlyConfigured as problem:
            problems.append(str(problem))
    return problems


@checks.register()
def app_settings_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for config in app_configs or apps.get_app_configs():
        if not config.name.startswith("masthead.") or not module_has_submodule(config.module, "app_settings"):
            continue
        app_settings = getattr(import_module(f"{config.name}.app_settings"), "app_settings", None)
        for problem in app_settings_problems(app_settings) if app_settings is not None else ():
            errors.append(checks.Error(problem, obj=config.label, id="core.E001"))
    return errors
