"""An experiment's reads: each arm's readers exposed and conversions."""

from django.db.models import Count
from django.utils import timezone

from .models import Arm, Conversion, Experiment, Exposure, plan_slugs
from .stats import ArmFigures, ExperimentResult, experiment_result


def experiment_list() -> list[Experiment]:
    return list(Experiment.objects.prefetch_related("arms"))


def experiment_figures(experiment: Experiment) -> list[ArmFigures]:
    """Per arm, in order (the first is control): readers exposed (once each,
    by the unique exposure) and those of them who converted (once each)."""
    exposed = dict(
        Exposure.objects.filter(experiment=experiment).values_list("arm_id").annotate(n=Count("pk")).values_list("arm_id", "n")
    )
    converted = dict(
        Conversion.objects.filter(exposure__experiment=experiment)
        .values_list("exposure__arm_id")
        .annotate(n=Count("pk"))
        .values_list("exposure__arm_id", "n")
    )
    arms = list(Arm.objects.filter(experiment=experiment))
    return [
        ArmFigures(arm.name, exposed.get(arm.pk, 0), converted.get(arm.pk, 0), is_control=index == 0)
        for index, arm in enumerate(arms)
    ]


def experiment_results(experiment: Experiment) -> ExperimentResult:
    return experiment_result(experiment_figures(experiment), sample_size=experiment.sample_size)


def offer_arm_lock(offer_id: int) -> str:
    """Why an offer's terms cannot change now: an arm of an experiment that
    has started and not ended shows it, and arms are read-only once readers
    are split by them. Switching the offer off or ending it stays possible
    (it is then shown to nobody)."""
    now = timezone.now()
    experiment = Experiment.objects.filter(arms__offer_id=offer_id, starts_at__lte=now, ends_at__gt=now).first()
    if experiment is None:
        return ""
    return (
        f"“{experiment}” shows this offer in one of its arms while it runs: its kind, value, terms and plans "
        "cannot change until the experiment ends (switching the offer off or ending it is allowed)."
    )


def plan_order_arm_lock(slug: str) -> str:
    """Why a plan cannot take another address now: an arm of an experiment
    that has started and not ended lists the plans by their addresses, and
    would silently pass the plan over (arms are read-only once readers are
    split by them)."""
    now = timezone.now()
    for experiment in Experiment.objects.filter(starts_at__lte=now, ends_at__gt=now).exclude(arms__plan_order="").distinct():
        if any(slug in plan_slugs(arm.plan_order) for arm in experiment.arms.all()):
            return f"“{experiment}” lists the plans by their addresses in one of its arms while it runs: this plan's address cannot change until the experiment ends."
    return ""
