"""How a plan's term reads to people: "3 Months", "1 Year", "2 Years"."""


def term_label(months: int) -> str:
    if months <= 0:
        raise ValueError("a term is at least one month")
    if months % 12 == 0:
        years = months // 12
        return f"{years} Year" if years == 1 else f"{years} Years"
    return f"{months} Month" if months == 1 else f"{months} Months"
