import pytest

from tests.stack import running_stack


@pytest.fixture(scope="module")
def stack(postgres_url, workdir):
    with running_stack(postgres_url, workdir) as running:
        yield running
