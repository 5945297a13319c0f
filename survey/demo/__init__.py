"""Demo: sites, users and synthetic responses with a believable story."""
