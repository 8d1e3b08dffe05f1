"""Session-wide real servers; see tests/infra.py for how each is chosen."""

import pytest

from tests import infra


@pytest.fixture(scope="session")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("redress")


@pytest.fixture(scope="session")
def postgres_url(workdir):
    with infra.postgres_server(workdir) as url:
        yield url


@pytest.fixture(scope="session")
def kafka_servers(workdir):
    with infra.kafka_broker(workdir) as servers:
        yield servers
