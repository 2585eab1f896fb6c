from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from masthead.desk.views import desk_nav, may_open_desk

from .models import Experiment
from .presentation import COLUMNS, interval_chart, result_csv, result_rows
from .selectors import experiment_list, experiment_results


@login_required
def experiment_index(request):
    if not may_open_desk(request.user):
        raise PermissionDenied
    context = {"experiments": experiment_list(), "now": timezone.now(), "desk_nav": desk_nav("experiments:index")}
    return render(request, "experiments/index.html", context)


@login_required
def experiment_detail(request, experiment_id: int):
    if not may_open_desk(request.user):
        raise PermissionDenied
    experiment = get_object_or_404(Experiment.objects.prefetch_related("arms"), pk=experiment_id)
    result = experiment_results(experiment)
    if request.GET.get("format") == "csv":
        response = HttpResponse(result_csv(result), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="experiment-{experiment.key}.csv"'
        return response
    context = {
        "experiment": experiment,
        "result": result,
        "chart": interval_chart(result),
        "columns": COLUMNS,
        "rows": result_rows(result),
        "now": timezone.now(),
        "desk_nav": desk_nav("experiments:detail"),  # one experiment: no page of the list is current
    }
    return render(request, "experiments/detail.html", context)
