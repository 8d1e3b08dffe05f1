"""The front door sends each path to the service that owns it."""

import pytest

from redress.frontdoor import owner_of

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("method,path,service", [
    ("POST", "/v1/complaints", "intake"),
    ("GET", "/v1/complaints/01a2074c-cd80-766b-b31a-74725064165a", "analytics"),
])
def test_paths_go_to_their_owner(method, path, service):
    assert owner_of(method, path) == service


@pytest.mark.parametrize("method,path", [("GET", "/v1/complaints"), ("DELETE", "/v1/complaints/x"),
                                         ("POST", "/v1/unknown")])
def test_unknown_paths_have_no_owner(method, path):
    assert owner_of(method, path) is None
