"""docker-compose.yml and deploy/ agree with the code, checked statically (no Docker engine here).

The environment variables come from runtime.settings (the code is the source of truth); the
ports, service names and metric names from the constants below. Every check is a function that
returns its problems, so `test_check_catches` can prove each one fails on a broken deployment.
"""

import copy
import fnmatch
import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from pydantic import AliasChoices
from pydantic_settings import BaseSettings

from runtime.settings import FrontDoorSettings, ServiceSettings
from services.intake.settings import IntakeSettings

pytestmark = pytest.mark.contract

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = "deploy/Dockerfile"
SERVICES = {"intake": 8081, "routing": 8082, "sla": 8083, "settlement": 8084, "analytics": 8085}
PROCESSES = {**SERVICES, "frontdoor": 8080}
COMMANDS = {name: ["python", "-m", f"services.{name}"] for name in SERVICES} | {
    "frontdoor": ["python", "-m", "redress.frontdoor"],
    "init": ["redress", "init"],
}
INFRASTRUCTURE = {"kafka", "postgres", "prometheus", "grafana"}
SHARED_ENV_ANCHOR = "x-redress-env"
SHARED_ENV = {"DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS", "REDRESS_INTERNAL_TOKEN", "REDRESS_LOG_LEVEL",
              "REDRESS_FETCH_MAX_WAIT_MS", "REDRESS_RELAY_ENABLED"}
# `redress init` has no settings class yet; these are the variables the lead specified for it.
# Settings classes a single service reads beside ServiceSettings.
SERVICE_OWN_SETTINGS = {"intake": (IntakeSettings,)}
INIT_VARIABLES = {"DATABASE_URL", "KAFKA_BOOTSTRAP_SERVERS", "REDRESS_KAFKA_PARTITIONS"}

# The metrics the code exposes, with their labels. The only names alerts and dashboards may use.
# TODO(lead): derive from the services' metrics modules once they exist.
EXPOSED_METRICS: dict[str, tuple[str, frozenset[str]]] = {
    name: (kind, frozenset(labels.split())) for name, kind, labels in [
        ("redress_service_ready", "gauge", "service"),
        ("redress_events_appended_total", "counter", "service type"),
        ("redress_outbox_pending", "gauge", "service"),
        ("redress_outbox_published_total", "counter", "service"),
        ("redress_consumer_messages_total", "counter", "service topic outcome"),
        ("redress_http_requests_total", "counter", "service method route status"),
        ("redress_http_request_duration_seconds", "histogram", "service method route"),
        ("redress_complaints_received_total", "counter", "branch channel"),
        ("redress_complaints_classified_total", "counter", "level"),
        ("redress_clocks_open", "gauge", "clock"),
        ("redress_deadlines_breached_total", "counter", "clock"),
        ("redress_settlement_cases_opened_total", "counter", "level"),
        ("redress_trail_events_total", "counter", "source"),
        ("redress_trail_head_position", "gauge", ""),
        # FastStream's KafkaPrometheusMiddleware (faststream/prometheus/container.py, 0.7.8).
        ("faststream_received_messages_total", "counter", "app_name broker handler"),
        ("faststream_received_messages_size_bytes", "histogram", "app_name broker handler"),
        ("faststream_received_messages_in_process", "gauge", "app_name broker handler"),
        ("faststream_received_processed_messages_total", "counter", "app_name broker handler status"),
        ("faststream_received_processed_messages_duration_seconds", "histogram", "app_name broker handler"),
        ("faststream_received_processed_messages_exceptions_total", "counter",
         "app_name broker handler exception_type"),
        ("faststream_published_messages_total", "counter", "app_name broker destination status"),
        ("faststream_published_messages_duration_seconds", "histogram", "app_name broker destination"),
        ("faststream_published_messages_exceptions_total", "counter",
         "app_name broker destination exception_type"),
        ("up", "gauge", ""),  # Prometheus' own per-target series
    ]
}
TARGET_LABELS = frozenset({"job", "instance"})
ALERTED_METRICS = {"redress_service_ready", "redress_outbox_pending", "redress_consumer_messages_total",
                   "redress_deadlines_breached_total", "redress_http_requests_total",
                   "faststream_received_processed_messages_total"}


@dataclass
class Deployment:
    compose: dict
    dockerfile: str
    dockerignore: str
    prometheus: dict
    alerts: dict
    dashboard: dict
    datasources: dict
    dashboard_provider: dict


def load_deployment() -> Deployment:
    def read_yaml(path: str) -> dict:
        return yaml.safe_load((ROOT / path).read_text())

    return Deployment(
        # through JSON so that nodes shared by YAML aliases become separate copies
        compose=json.loads(json.dumps(read_yaml("docker-compose.yml"))),
        dockerfile=(ROOT / DOCKERFILE).read_text(),
        dockerignore=(ROOT / ".dockerignore").read_text(),
        prometheus=read_yaml("deploy/prometheus/prometheus.yml"),
        alerts=read_yaml("deploy/prometheus/alerts.yml"),
        dashboard=json.loads((ROOT / "deploy/grafana/dashboards/redress-overview.json").read_text()),
        datasources=read_yaml("deploy/grafana/provisioning/datasources/prometheus.yml"),
        dashboard_provider=read_yaml("deploy/grafana/provisioning/dashboards/redress.yml"),
    )


# --- compose reading -------------------------------------------------------------------------

_INTERPOLATION = re.compile(r"\$(?:(?P<escaped>\$)|\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}|(?P<bare>\w+))")


def interpolate(value: object, host_env: dict[str, str] | None = None) -> str:
    """Compose's `${VAR:-default}` substitution, as on a machine that exports nothing."""
    host_env = host_env or {}

    def substitute(match: re.Match) -> str:
        if match["escaped"]:
            return "$"
        name = match["name"] or match["bare"]
        current, op = host_env.get(name), match["op"] or ""
        if op.endswith("-"):
            return current if current or (current is not None and op == "-") else match["arg"]
        if (op == ":?" and not current) or (op == "?" and current is None):
            raise ValueError(f"${{{name}}} must be set on the host: {match['arg']}")
        return current or ""

    return _INTERPOLATION.sub(substitute, str(value))


def environment(service: dict) -> dict[str, str]:
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        raw = dict(item.split("=", 1) if "=" in item else (item, None) for item in raw)
    return {name: None if value is None else interpolate(value) for name, value in raw.items()}


def aliases(settings: type[BaseSettings]) -> dict[str, tuple[str, ...]]:
    """Field name -> the environment variable names the code reads for it."""
    names = {}
    for field_name, field in settings.model_fields.items():
        alias = field.validation_alias
        names[field_name] = tuple(alias.choices) if isinstance(alias, AliasChoices) else (alias or field_name,)
    return names


def validate_settings(settings: type[BaseSettings], env: dict[str, str]) -> BaseSettings:
    """Build the settings from `env` alone, never from this machine's environment."""
    class FromComposeOnly(settings):
        @classmethod
        def settings_customise_sources(cls, settings_cls, init_settings, **others):
            return (init_settings,)

    return FromComposeOnly(**{k: v for k, v in env.items() if v is not None})


def container_ports(service: dict) -> set[int]:
    ports = {int(str(p).split("/")[0]) for p in service.get("expose", [])}
    for p in service.get("ports", []):
        target = p.get("target") if isinstance(p, dict) else str(p).split(":")[-1]
        ports.add(int(str(target).split("/")[0]))
    return ports


def healthcheck_url(service: dict) -> str | None:
    test = (service.get("healthcheck") or {}).get("test") or []
    found = re.search(r"https?://[^'\"\s]+", " ".join(map(str, test)))
    return found and found[0]


def scrape_targets(prometheus: dict) -> dict[str, set[tuple[str, int]]]:
    targets: dict[str, set[tuple[str, int]]] = {}
    for job in prometheus.get("scrape_configs", []):
        found = targets.setdefault(job["job_name"], set())
        for static in job.get("static_configs", []):
            found |= {(t.rsplit(":", 1)[0], int(t.rsplit(":", 1)[1])) for t in static.get("targets", [])}
        for dns in job.get("dns_sd_configs", []):
            found |= {(name, int(dns["port"])) for name in dns.get("names", [])}
        if job.get("metrics_path", "/metrics") != "/metrics":
            found.add(("wrong metrics_path", 0))
    return targets


# --- PromQL reading --------------------------------------------------------------------------

_KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless",
             "bool", "offset", "inf", "nan", "atan2"}
_GROUPING = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)")


def read_promql(expr: str) -> tuple[set[str], set[str], set[str]]:
    """(series names, label names, grouping labels) of a PromQL expression."""
    expr = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`', '""', expr)
    expr = re.sub(r"\[[^\]]*\]", "", expr)
    grouping = {label.strip() for _, labels in _GROUPING.findall(expr) for label in labels.split(",")} - {""}
    matched = {label for block in re.findall(r"\{([^}]*)\}", expr)
               for label in re.findall(r"(\w+)\s*(?:=~|!~|!=|=)", block)}
    rest = re.sub(r"\{[^}]*\}", " ", _GROUPING.sub(" ", expr))
    series = {m[0] for m in re.finditer(r"(?<![\w.$])[A-Za-z_:][\w:]*(?![\w:])(?!\s*\()", rest)} - _KEYWORDS
    return series, matched | grouping, grouping


def series_names() -> dict[str, tuple[str, str]]:
    """Every series name a scrape can show -> (metric, kind)."""
    names = {}
    for metric, (kind, _) in EXPOSED_METRICS.items():
        suffixes = {"counter": ["", "_created"], "gauge": [""],
                    "histogram": ["_bucket", "_sum", "_count", "_created"]}[kind]
        names |= {metric + suffix: (metric, kind) for suffix in suffixes}
    return names


def query_problems(where: str, expr: str, templates: list[str] = ()) -> list[str]:
    """Unknown metrics, labels the metrics do not carry, and {{labels}} the result will not have."""
    known = series_names()
    series, labels, grouping = read_promql(expr)
    unknown = sorted(series - known.keys())
    if unknown or not series:
        return [f"{where}: unknown metric(s) {unknown or 'none at all'} in {expr!r}"]
    metrics = {known[s] for s in series}
    carried = set(TARGET_LABELS).union(*(EXPOSED_METRICS[m][1] for m, _ in metrics))
    carried |= {"le"} if any(s.endswith("_bucket") for s in series) else set()
    problems = [f"{where}: label {label!r} is not on {sorted(m for m, _ in metrics)}"
                for label in sorted(labels - carried)]
    result_labels = grouping | labels if grouping else carried
    for template in templates:
        for used in re.findall(r"\{\{\s*(?:\$labels\.)?(\w+)\s*\}\}", template):
            if used not in result_labels:
                problems.append(f"{where}: {{{{{used}}}}} is not a label of the result of {expr!r}")
    return problems


def dashboard_queries(dashboard: dict) -> list[tuple[str, str, str]]:
    """(panel title, expr, legend) of every panel target, rows included."""
    panels = [p for top in dashboard.get("panels", []) for p in [top, *top.get("panels", [])]]
    return [(p.get("title", "?"), t.get("expr", ""), t.get("legendFormat", ""))
            for p in panels for t in p.get("targets", [])]


# --- checks: each returns its problems --------------------------------------------------------

def check_services_present(d: Deployment) -> list[str]:
    missing = (set(PROCESSES) | {"init"} | INFRASTRUCTURE) - set(d.compose.get("services", {}))
    return [f"compose has no service {name!r}" for name in sorted(missing)]


def check_one_dockerfile(d: Deployment) -> list[str]:
    services, problems = d.compose["services"], []
    for name in [*PROCESSES, "init"]:
        build = services.get(name, {}).get("build") or {}
        if build.get("context") not in (".", "./") or build.get("dockerfile") != DOCKERFILE:
            problems.append(f"{name} does not build {DOCKERFILE} from the repository root: {build}")
        if services.get(name, {}).get("command") != COMMANDS[name]:
            problems.append(f"{name} runs {services.get(name, {}).get('command')}, not {COMMANDS[name]}")
    if len({services.get(name, {}).get("image") for name in [*PROCESSES, "init"]}) != 1:
        problems.append("the Redress processes do not share one image name")
    return problems


def check_settings(d: Deployment, service_settings=ServiceSettings, frontdoor_settings=FrontDoorSettings) -> list[str]:
    problems = []
    for name, settings in [(n, frontdoor_settings if n == "frontdoor" else service_settings) for n in PROCESSES] + [
            (n, extra) for n, extras in SERVICE_OWN_SETTINGS.items() for extra in extras]:
        env = environment(d.compose["services"].get(name, {}))
        for field_name, names in aliases(settings).items():
            if not any(env.get(n) not in (None, "") for n in names):
                required = "required " if settings.model_fields[field_name].is_required() else ""
                problems.append(f"{name}: {required}{'/'.join(names)} ({settings.__name__}.{field_name}) is not set")
        raw = d.compose["services"].get(name, {}).get("environment") or {}
        problems += [f"{name}: {var} is a YAML boolean; compose wants a string"
                     for var, value in (raw.items() if isinstance(raw, dict) else []) if isinstance(value, bool)]
        try:
            validate_settings(settings, env)
        except Exception as error:  # noqa: BLE001 - the message is the finding
            problems.append(f"{name}: {settings.__name__} rejects the compose environment: {error}")
    tokens = {environment(d.compose["services"].get(n, {})).get("REDRESS_INTERNAL_TOKEN") for n in PROCESSES}
    if len(tokens) != 1:
        problems.append("REDRESS_INTERNAL_TOKEN differs between processes")
    return problems


def check_shared_environment(d: Deployment) -> list[str]:
    anchor = d.compose.get(SHARED_ENV_ANCHOR) or {}
    problems = [f"{SHARED_ENV_ANCHOR} does not set exactly {sorted(SHARED_ENV)}"] if set(anchor) != SHARED_ENV else []
    for name in [*SERVICES, "init"]:
        env = environment(d.compose["services"].get(name, {}))
        problems += [f"{name}: {var} differs from {SHARED_ENV_ANCHOR}" for var in sorted(SHARED_ENV)
                     if env.get(var) != interpolate(anchor.get(var))]
    return problems


def check_init_job(d: Deployment) -> list[str]:
    services = d.compose["services"]
    init = services.get("init", {})
    env = environment(init)
    problems = [f"init: {var} is not set" for var in sorted(INIT_VARIABLES) if not env.get(var)]
    if not str(env.get("REDRESS_KAFKA_PARTITIONS", "")).isdigit():
        problems.append("init: REDRESS_KAFKA_PARTITIONS is not a whole number")
    for dependency in ("kafka", "postgres"):
        if (init.get("depends_on") or {}).get(dependency, {}).get("condition") != "service_healthy":
            problems.append(f"init does not wait for {dependency} to be healthy")
    for name in SERVICES:
        condition = (services.get(name, {}).get("depends_on") or {}).get("init", {}).get("condition")
        if condition != "service_completed_successfully":
            problems.append(f"{name} does not wait for init to complete successfully")
    frontdoor_needs = set(services.get("frontdoor", {}).get("depends_on") or {})
    problems += [f"frontdoor does not depend on {name}" for name in sorted(set(SERVICES) - frontdoor_needs)]
    return problems


def check_ports(d: Deployment) -> list[str]:
    problems, targets = [], scrape_targets(d.prometheus)
    for name, port in PROCESSES.items():
        service = d.compose["services"].get(name, {})
        env = environment(service)
        if env.get("REDRESS_HTTP_HOST") != "0.0.0.0":
            problems.append(f"{name}: REDRESS_HTTP_HOST is not 0.0.0.0")
        if env.get("REDRESS_HTTP_PORT") != str(port):
            problems.append(f"{name}: REDRESS_HTTP_PORT is {env.get('REDRESS_HTTP_PORT')}, expected {port}")
        if container_ports(service) != {port}:
            problems.append(f"{name}: exposes/publishes {sorted(container_ports(service))}, expected [{port}]")
        if healthcheck_url(service) != f"http://127.0.0.1:{port}/readyz":
            problems.append(f"{name}: healthcheck probes {healthcheck_url(service)}, not :{port}/readyz")
        if targets.get(name) != {(name, port)}:
            problems.append(f"prometheus job {name!r} scrapes {targets.get(name)}, expected {name}:{port}")
    return problems


def check_frontdoor_urls(d: Deployment, frontdoor_settings=FrontDoorSettings) -> list[str]:
    env = environment(d.compose["services"].get("frontdoor", {}))
    url_fields = {f.removesuffix("_url"): names[0] for f, names in aliases(frontdoor_settings).items()
                  if f.endswith("_url")}
    problems = [] if set(url_fields) == set(SERVICES) else [f"front door URL fields {sorted(url_fields)}"]
    for name, var in url_fields.items():
        if env.get(var) != f"http://{name}:{SERVICES.get(name)}":
            problems.append(f"frontdoor: {var}={env.get(var)}, expected http://{name}:{SERVICES.get(name)}")
    return problems


def mounted_at(service: dict, container_path: str) -> Path | None:
    """The repository path a bind mount puts at `container_path` (or under it)."""
    for volume in service.get("volumes", []):
        source, target = str(volume).split(":")[:2]
        if source.startswith(".") and (container_path + "/").startswith(target.rstrip("/") + "/"):
            return ROOT / source / container_path[len(target.rstrip("/")):].lstrip("/")
    return None


def check_prometheus(d: Deployment) -> list[str]:
    prometheus = d.compose["services"].get("prometheus", {})
    problems = [f"prometheus has no job {name!r}" for name in PROCESSES if name not in scrape_targets(d.prometheus)]
    config = mounted_at(prometheus, "/etc/prometheus/prometheus.yml")
    if config != ROOT / "deploy/prometheus/prometheus.yml" or "--config.file=/etc/prometheus/prometheus.yml" \
            not in prometheus.get("command", []):
        problems.append("compose does not run prometheus with deploy/prometheus/prometheus.yml")
    for rule_file in d.prometheus.get("rule_files", []) or ["(none)"]:
        host_path = mounted_at(prometheus, rule_file)
        if host_path is None or not host_path.is_file():
            problems.append(f"rule file {rule_file} is not mounted from the repository")
    return problems


def check_alerts(d: Deployment) -> list[str]:
    problems, used = [], set()
    rules = [rule for group in d.alerts.get("groups", []) for rule in group.get("rules", [])]
    for rule in rules:
        name = rule.get("alert", "?")
        if (rule.get("labels") or {}).get("severity") not in {"critical", "warning", "info"}:
            problems.append(f"alert {name}: no severity critical/warning/info")
        annotations = rule.get("annotations") or {}
        if not (annotations.get("summary") and annotations.get("description")):
            problems.append(f"alert {name}: summary and description are both required")
        problems += query_problems(f"alert {name}", rule.get("expr", ""), list(annotations.values()))
        used |= {series_names().get(s, ("", ""))[0] for s in read_promql(rule.get("expr", ""))[0]}
    problems += [f"no alert on {metric}" for metric in sorted(ALERTED_METRICS - used)]
    return problems


def check_dashboard(d: Deployment) -> list[str]:
    board, problems = d.dashboard, []
    datasource_uids = {ds.get("uid") for ds in d.datasources.get("datasources", [])}
    if not (board.get("uid") and board.get("title") and isinstance(board.get("schemaVersion"), int)):
        problems.append("dashboard needs uid, title and schemaVersion")
    panels = [p for top in board.get("panels", []) for p in [top, *top.get("panels", [])]]
    if len({p.get("id") for p in panels}) != len(panels):
        problems.append("dashboard panel ids are not unique")
    cells: set[tuple[int, int]] = set()
    for panel in panels:
        grid = panel.get("gridPos", {})
        area = {(grid["x"] + dx, grid["y"] + dy) for dx in range(grid["w"]) for dy in range(grid["h"])}
        if grid["x"] + grid["w"] > 24 or cells & area:
            problems.append(f"panel {panel.get('title')!r} overlaps another or leaves the 24-column grid")
        cells |= area
        for ref in [panel.get("datasource"), *(t.get("datasource") for t in panel.get("targets", []))]:
            if ref and ref.get("type") == "prometheus" and ref.get("uid") not in datasource_uids:
                problems.append(f"panel {panel.get('title')!r} uses datasource {ref}, not a provisioned one")
        if panel.get("type") != "row" and not panel.get("targets"):
            problems.append(f"panel {panel.get('title')!r} has no query")
    for title, expr, legend in dashboard_queries(board):
        problems += query_problems(f"panel {title!r}", expr, [legend])
    for variable in board.get("templating", {}).get("list", []):
        query = variable.get("definition", "")
        found = re.fullmatch(r"label_values\((.+),\s*(\w+)\)", query)
        problems += (query_problems(f"variable {variable.get('name')}", f"count by ({found[2]}) ({found[1]})")
                     if found else [f"variable {variable.get('name')}: unexpected query {query!r}"])
    grafana = d.compose["services"].get("grafana", {})
    for provider in d.dashboard_provider.get("providers", []):
        if mounted_at(grafana, provider["options"]["path"]) != ROOT / "deploy/grafana/dashboards":
            problems.append(f"dashboard provider path {provider['options']['path']} is not deploy/grafana/dashboards")
    if mounted_at(grafana, "/etc/grafana/provisioning") != ROOT / "deploy/grafana/provisioning":
        problems.append("grafana does not mount deploy/grafana/provisioning")
    return problems


def unpinned(image: str) -> bool:
    reference = image.split("/")[-1]
    return "@sha256:" not in image and (":" not in reference or reference.endswith(":latest") or "${" in reference)


def check_images_pinned(d: Deployment) -> list[str]:
    problems = [f"{name}: image {service.get('image')!r} is not pinned to a version"
                for name, service in d.compose["services"].items()
                if not service.get("image") or unpinned(interpolate(service["image"]))]
    args = dict(re.findall(r"^ARG\s+(\w+)=(\S+)", d.dockerfile, re.MULTILINE))
    stages = set(re.findall(r"^FROM\s+\S+\s+AS\s+(\w+)", d.dockerfile, re.MULTILINE | re.IGNORECASE))
    for image in re.findall(r"^FROM\s+(?:--platform=\S+\s+)?(\S+)", d.dockerfile, re.MULTILINE):
        resolved = re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m[1], m[0]), image)
        if resolved not in stages and unpinned(resolved):
            problems.append(f"{DOCKERFILE}: base image {resolved!r} is not pinned to a version")
    if not re.search(r"^USER\s+(?!root\b|0\b)\S+", d.dockerfile, re.MULTILINE):
        problems.append(f"{DOCKERFILE}: the image does not switch to a non-root user")
    return problems


def check_build_context(d: Deployment) -> list[str]:
    """`pip install .` in the image needs pyproject.toml and every package setuptools finds."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    needed = ["pyproject.toml", *(p.rstrip("*") for p in pyproject["tool"]["setuptools"]["packages"]["find"]["include"])]
    patterns = [line.strip() for line in d.dockerignore.splitlines() if line.strip() and not line.startswith("#")]
    return [f".dockerignore excludes {path} ({pattern})" for path in needed for pattern in patterns
            if not pattern.startswith("!") and fnmatch.fnmatch(path, pattern.strip("/"))]


CHECKS: list[Callable[[Deployment], list[str]]] = [
    check_services_present, check_one_dockerfile, check_build_context, check_settings, check_shared_environment, check_init_job,
    check_ports, check_frontdoor_urls, check_prometheus, check_alerts, check_dashboard, check_images_pinned,
]


@pytest.fixture(scope="module")
def deployment() -> Deployment:
    return load_deployment()


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__.removeprefix("check_"))
def test_deployment_agrees_with_the_code(deployment, check):
    assert check(deployment) == []


# --- the checks can fail ---------------------------------------------------------------------

def _set(path: str, value):
    def mutate(d: Deployment):
        *parents, last = path.split("/")
        node = d
        for key in parents:
            node = getattr(node, key) if isinstance(node, Deployment) else node[int(key) if key.isdigit() else key]
        if isinstance(node, Deployment):
            setattr(node, last, value)
        elif value is _DELETE:
            del node[int(last) if last.isdigit() else last]
        else:
            node[int(last) if last.isdigit() else last] = value
    return mutate


_DELETE = object()
S = "compose/services"
BROKEN = [
    (_set(f"{S}/sla", _DELETE), check_services_present, "no service 'sla'"),
    (_set(f"{S}/intake/build", {"context": ".", "dockerfile": "Dockerfile.intake"}), check_one_dockerfile, "intake"),
    (_set(f"{S}/routing/command", ["python", "-m", "services.sla"]), check_one_dockerfile, "routing runs"),
    (_set(f"{S}/routing/environment/DATABASE_URL", _DELETE), check_settings, "routing: required DATABASE_URL"),
    (_set(f"{S}/frontdoor/environment/REDRESS_ROUTING_URL", _DELETE), check_settings, "required REDRESS_ROUTING_URL"),
    (_set(f"{S}/sla/environment/REDRESS_INTERNAL_TOKEN", "too-short"), check_settings, "sla: ServiceSettings rejects"),
    (_set(f"{S}/analytics/environment/REDRESS_HTTP_PORT", "eighty"), check_settings, "analytics: ServiceSettings"),
    (_set(f"{S}/intake/environment/REDRESS_RELAY_ENABLED", True), check_settings, "YAML boolean"),
    (_set(f"{S}/settlement/environment/REDRESS_LOG_LEVEL", "DEBUG"), check_shared_environment, "settlement"),
    (_set(f"{S}/init/environment/REDRESS_KAFKA_PARTITIONS", _DELETE), check_init_job, "REDRESS_KAFKA_PARTITIONS"),
    (_set(f"{S}/sla/depends_on/init/condition", "service_started"), check_init_job, "sla does not wait for init"),
    (_set(f"{S}/routing/environment/REDRESS_HTTP_PORT", "9999"), check_ports, "routing: REDRESS_HTTP_PORT"),
    (_set(f"{S}/sla/expose", ["8084"]), check_ports, "sla: exposes"),
    (_set(f"{S}/settlement/healthcheck/test", ["CMD", "true"]), check_ports, "settlement: healthcheck"),
    (_set("prometheus/scrape_configs/2/dns_sd_configs/0/port", 9000), check_ports, "prometheus job 'routing'"),
    (_set(f"{S}/frontdoor/environment/REDRESS_SLA_URL", "http://sla:8084"), check_frontdoor_urls, "REDRESS_SLA_URL"),
    (_set("prometheus/scrape_configs/5", _DELETE), check_prometheus, "no job 'analytics'"),
    (_set("prometheus/rule_files", ["/etc/prometheus/rules.yml"]), check_prometheus, "rules.yml is not mounted"),
    (_set("alerts/groups/0/rules/0/expr", "redress_service_redy == 0"), check_alerts, "unknown metric"),
    (_set("alerts/groups/0/rules/0/expr", "sum by (complaint_id) (redress_service_ready) == 0"),
     check_alerts, "label 'complaint_id'"),
    (_set("alerts/groups/0/rules/0/expr", "sum by (job) (redress_service_ready) == 0"),
     check_alerts, "{{service}} is not a label"),
    (_set("alerts/groups/0/rules/0/labels", {}), check_alerts, "no severity"),
    (_set("alerts/groups/3", _DELETE), check_alerts, "no alert on redress_deadlines_breached_total"),
    (_set("dashboard/panels/1/targets/0/expr", "redress_complaints_total"), check_dashboard, "unknown metric"),
    (_set("dashboard/panels/1/gridPos/x", 10), check_dashboard, "overlaps"),
    (_set("dashboard/panels/1/datasource", {"type": "prometheus", "uid": "other"}), check_dashboard, "datasource"),
    (_set("dockerignore", "services\n"), check_build_context, "excludes services"),
    (_set(f"{S}/postgres/image", "postgres:latest"), check_images_pinned, "postgres"),
    (_set(f"{S}/kafka/image", "apache/kafka"), check_images_pinned, "kafka"),
    (_set("dockerfile", "FROM python AS build\nFROM python:3.11-slim\nUSER 10001\n"), check_images_pinned, "'python'"),
    (_set("dockerfile", "FROM python:3.11-slim\n"), check_images_pinned, "non-root"),
]


@pytest.mark.parametrize(("mutate", "check", "expected"), BROKEN, ids=[f"{c.__name__}-{i}" for i, (_, c, _) in
                                                                      enumerate(BROKEN)])
def test_check_catches(deployment, mutate, check, expected):
    broken = copy.deepcopy(deployment)
    mutate(broken)
    assert any(expected in problem for problem in check(broken)), check(broken)


def test_a_new_required_setting_must_appear_in_compose(deployment):
    from pydantic import Field

    class WithNewSetting(ServiceSettings):
        audit_bucket: str = Field(validation_alias="REDRESS_AUDIT_BUCKET")

    assert any("required REDRESS_AUDIT_BUCKET" in p for p in check_settings(deployment, service_settings=WithNewSetting))


def test_interpolation_follows_compose():
    assert interpolate("${A:-x}") == "x"
    assert interpolate("${A:-x}", {"A": "y"}) == "y"
    assert interpolate("${A-x}", {"A": ""}) == ""
    assert interpolate("$${A}") == "${A}"
    assert interpolate("${A?needed}", {"A": ""}) == ""
    with pytest.raises(ValueError):
        interpolate("${A:?needed}", {"A": ""})
