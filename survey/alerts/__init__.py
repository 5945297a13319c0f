"""Alerts: per-site thresholds on the last N answers (CSAT below X, referral gap above Y),
shown on the dashboards and, with SMTP configured, e-mailed by ``flask alerts check``."""
