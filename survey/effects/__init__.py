"""Effects of measures on the web: the catalogue of what worked (provider), a site's own
measures with their effects (lead), and one measure's event study."""
