from tests.survey.kiosk.conftest import kiosk_site, pair, token  # noqa: F401 - fixtures
from tests.survey.staff import isolated_requests, make_user  # noqa: F401 - fixtures
