from tests.analysis.conftest import demo  # noqa: F401 - fixture
from tests.survey.staff import isolated_requests, make_user  # noqa: F401 - fixtures
