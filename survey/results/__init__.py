"""Results: the statistics of :mod:`analysis` for the web app and the command line."""
