"""An experiment's reads: each arm's readers exposed and conversions."""

from django.db.models import Count

from .models import Arm, Conversion, Experiment, Exposure
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
