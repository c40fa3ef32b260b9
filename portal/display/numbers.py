"""Numbers as the portal prints them."""


def plain_decimal(value):
    """A Decimal with the decimal places it carries, never in exponent form: '7.7', '24.850', '10'.

    Shares come from their model with the places they were entered with (portal.admin_tools.fields), so
    7.7 is printed as 7.7, not padded to the column's 7.700.
    """
    return f"{value:f}"


def percent(value):
    """'7.7%', or '' when the figure is unknown."""
    return "" if value is None else f"{plain_decimal(value)}%"
