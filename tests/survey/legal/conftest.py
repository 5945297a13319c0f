from tests.survey.staff import isolated_requests, make_user  # noqa: F401 - fixtures
