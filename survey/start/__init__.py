"""Where staff land after signing in, and the staff menu by role."""

from .views import bp

__all__ = ["bp"]
