import pytest
from django.core.cache import cache

from tests.certificates.factories import enrol_participant, make_completed_cohort, make_trainer


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The verification rate limit counts in the cache; each test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def trainer(db):
    return make_trainer()


@pytest.fixture
def cohort(trainer):
    return make_completed_cohort(trainer=trainer, days=2)


@pytest.fixture
def enrolment(cohort):
    return enrol_participant(cohort, first_name="Ingrid", last_name="van der Meer")
