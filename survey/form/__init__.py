"""The online form at ``/s/<site>`` (GUIDE.md §B), and the privacy and accessibility pages."""
