"""Statistics, figures and reports for the survey data. Never imports Flask."""
