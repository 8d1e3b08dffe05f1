"""Configuration from the environment only; a missing required value fails at start.

Every service reads `ServiceSettings`; the front door reads `FrontDoorSettings`.
`docker-compose.yml` and the embedded stack (`redress up`) set the same variables,
and tests/contract/test_compose.py checks that compose sets every one the code reads.
"""

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServiceSettings(BaseSettings):
    """What every Redress service process needs."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", frozen=True)

    database_url: str = Field(validation_alias="DATABASE_URL")
    kafka_bootstrap_servers: str = Field(validation_alias="KAFKA_BOOTSTRAP_SERVERS")
    http_host: str = Field("127.0.0.1", validation_alias="REDRESS_HTTP_HOST")
    http_port: int = Field(8081, validation_alias="REDRESS_HTTP_PORT")
    internal_token: str = Field(validation_alias="REDRESS_INTERNAL_TOKEN", min_length=16)
    log_level: str = Field("INFO", validation_alias="REDRESS_LOG_LEVEL")
    # Short fetch waits keep per-hop latency in milliseconds (platform notes: ~4.5 ms p50).
    fetch_max_wait_ms: int = Field(20, validation_alias="REDRESS_FETCH_MAX_WAIT_MS", ge=1)
    # Run the outbox relay inside the service process; `python -m services.X relay` runs it alone.
    relay_enabled: bool = Field(True, validation_alias="REDRESS_RELAY_ENABLED")


class FrontDoorSettings(BaseSettings):
    """The single HTTP entry point for integrations, routing paths to the owning service."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", frozen=True)

    http_host: str = Field("127.0.0.1", validation_alias="REDRESS_HTTP_HOST")
    http_port: int = Field(8080, validation_alias="REDRESS_HTTP_PORT")
    internal_token: str = Field(validation_alias="REDRESS_INTERNAL_TOKEN", min_length=16)
    log_level: str = Field("INFO", validation_alias="REDRESS_LOG_LEVEL")
    intake_url: str = Field(validation_alias="REDRESS_INTAKE_URL")
    routing_url: str = Field(validation_alias="REDRESS_ROUTING_URL")
    sla_url: str = Field(validation_alias="REDRESS_SLA_URL")
    settlement_url: str = Field(validation_alias="REDRESS_SETTLEMENT_URL")
    analytics_url: str = Field(validation_alias="REDRESS_ANALYTICS_URL")

    def service_urls(self) -> dict[str, str]:
        return {
            "intake": self.intake_url,
            "routing": self.routing_url,
            "sla": self.sla_url,
            "settlement": self.settlement_url,
            "analytics": self.analytics_url,
        }
