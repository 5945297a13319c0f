"""Sites: the offices that collect feedback, with their settings."""
