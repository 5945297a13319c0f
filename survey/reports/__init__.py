"""PDF reports from the web and the command line (the content is built in analysis.reports)."""
