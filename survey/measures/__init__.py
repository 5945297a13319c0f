"""Measures: dated changes a site records (e.g. "new appointment system"), drawn as
marks on the trend charts of the dashboard and the site report."""
