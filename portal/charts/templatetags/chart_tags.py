"""Inclusion tags drawing the portal's inline SVG charts (see portal/charts/drawing.py)."""

from django import template

from portal.charts import drawing as charts

register = template.Library()


@register.inclusion_tag("includes/_share_chart.html")
def share_chart(episodes):
    return {"chart": charts.share_chart(episodes), "figure_id": "share-chart"}


@register.inclusion_tag("includes/_peaks_chart.html")
def peaks_chart(songs, chart_list):
    return {"chart": charts.peaks_chart(songs, chart_list), "figure_id": "peaks-chart"}


@register.inclusion_tag("includes/_result_bars.html")
def result_bars(rows, title, row_name, caption):
    return {
        "chart": charts.result_bars(rows),
        "figure_id": "result-bars",
        "title": title,
        "row_name": row_name,
        "caption": caption,
    }
