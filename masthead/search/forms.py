from django import forms

from masthead.core.inputs import validate_calendar_day
from masthead.newsroom.models import Section

from .backends import Order
from .query import MAX_QUERY_CHARS


class SearchForm(forms.Form):
    """The search page's question. Anything in ``q`` is accepted (it is cut
    into plain words later); the filters must be real sections and dates."""

    q = forms.CharField(label="Search the archive", required=False, strip=True)
    section = forms.ModelChoiceField(
        label="Section", queryset=Section.objects.all(), to_field_name="slug", required=False, empty_label="All sections"
    )
    start = forms.DateField(label="From", required=False, input_formats=["%Y-%m-%d"], validators=[validate_calendar_day])
    end = forms.DateField(label="To", required=False, input_formats=["%Y-%m-%d"], validators=[validate_calendar_day])
    sort = forms.TypedChoiceField(
        label="Order",
        choices=[(Order.RELEVANCE, "Best match first"), (Order.NEWEST, "Newest first")],
        coerce=Order,
        required=False,
        empty_value=Order.RELEVANCE,
    )

    # The address says ``from`` and ``to``; those are keywords in Python.
    address_names = {"from": "start", "to": "end"}

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = data.copy()
            for outer, inner in self.address_names.items():
                if outer in data:
                    data[inner] = data[outer]
        super().__init__(data, **kwargs)

    def clean_q(self):
        return self.cleaned_data["q"][:MAX_QUERY_CHARS]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "The end date comes before the start date.")
        return cleaned
