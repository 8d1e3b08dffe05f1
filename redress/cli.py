"""The `redress` command line for operators and auditors."""

import os
import secrets
import signal
import sys
import time
from pathlib import Path

import httpx
import typer

from contracts.envelope import SERVICES
from redress import operations
from redress.embedded import EmbeddedBroker, EmbeddedPostgres, ensure_database, free_port
from redress.stack import Stack
from runtime.http import INTERNAL_TOKEN_HEADER

app = typer.Typer(help="Redress: complaint handling for clinic chains.", no_args_is_help=True)
tenant_app = typer.Typer(help="Tenant organisation files.", no_args_is_help=True)
sla_app = typer.Typer(help="Deadlines and calendars.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail.", no_args_is_help=True)
app.add_typer(tenant_app, name="tenant")
app.add_typer(sla_app, name="sla")
app.add_typer(audit_app, name="audit")
dlq_app = typer.Typer(help="Dead letters of the inbound topic.", no_args_is_help=True)
app.add_typer(dlq_app, name="dlq")

DEMO_FILE = Path(__file__).resolve().parent.parent / "deploy" / "tenants" / "demo.yaml"


def _say(msg: str) -> None:
    typer.echo(msg, err=True)


@app.command()
def up(
    port: int = typer.Option(8080, help="Port of the front door on 127.0.0.1."),
    demo: bool = typer.Option(False, help="Also load the demo chain from deploy/tenants/demo.yaml."),
    data_dir: Path = typer.Option(Path(".redress"), help="Where the embedded PostgreSQL keeps its data and logs."),
    partitions: int = typer.Option(12, help="Partitions per topic."),
) -> None:
    """Run the whole system: embedded PostgreSQL and broker (unless DATABASE_URL /
    KAFKA_BOOTSTRAP_SERVERS point elsewhere), the five services and the front door."""
    data_dir = data_dir.resolve()
    postgres = broker = None
    stack = None
    for sig in (signal.SIGTERM, signal.SIGINT):  # SIGINT too: a shell starting us in the background ignores it
        signal.signal(sig, _interrupt)
    try:
        database_url = os.environ.get("DATABASE_URL")
        if not database_url:
            _say("starting embedded PostgreSQL ...")
            postgres = EmbeddedPostgres(data_dir / "postgres", free_port())
            postgres.start()
            database_url = operations.run(ensure_database(postgres.url(), "redress"))
        bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
        if not bootstrap:
            _say("starting embedded Kafka-protocol broker (Tansu, memory only) ...")
            broker = EmbeddedBroker(free_port(), data_dir / "logs" / "broker.log")
            broker.start()
            bootstrap = broker.bootstrap_servers
        _say("creating topics and schemas ...")
        operations.run(operations.prepare(database_url, bootstrap, partitions))
        master_key, pseudonym_key = _personal_data_keys(data_dir)
        stack = Stack(database_url=database_url, bootstrap_servers=bootstrap,
                      internal_token=secrets.token_urlsafe(24), log_dir=data_dir / "logs", front_port=port,
                      master_key=master_key, pseudonym_key=pseudonym_key)
        _say("starting services ...")
        stack.start_all()
        stack.wait_ready(timeout=120)
        api_key = None
        if demo:
            api_key = os.environ.get("REDRESS_DEMO_API_KEY") or secrets.token_urlsafe(24)
            config = operations.read_tenant_file(DEMO_FILE)
            operations.apply_tenant(stack.service_urls(), stack.internal_token, config, api_key)
        _print_urls(stack, database_url, bootstrap, api_key, broker is not None)
        while not (exited := [n for n, p in stack.processes.items() if p.poll() is not None]):
            time.sleep(0.5)
        _say(f"{exited[0]} exited; see {stack.log_dir / (exited[0] + '.log')}")
        raise typer.Exit(1)
    except KeyboardInterrupt:
        pass
    finally:
        _say("stopping ...")
        if stack:
            stack.stop_all()
        if broker:
            broker.stop()
        if postgres:
            postgres.stop()
        _say("stopped.")


def _personal_data_keys(data_dir: Path) -> tuple[str, str]:
    """Intake's keys: from the environment, else generated once and kept in the data dir
    (new keys on a restart would make stored personal data unreadable)."""
    keys = []
    for name in ("REDRESS_MASTER_KEY", "REDRESS_PSEUDONYM_KEY"):
        path = data_dir / "keys" / name.lower()
        if value := os.environ.get(name):
            keys.append(value)
        elif path.exists():
            keys.append(path.read_text().strip())
        else:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(32))
            keys.append(path.read_text().strip())
    return keys[0], keys[1]


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def _print_urls(stack: Stack, database_url: str, bootstrap: str, api_key: str | None, embedded_broker: bool) -> None:
    typer.echo(f"Redress is ready.\n  front door   {stack.front_url}   (OpenAPI: {stack.front_url}/openapi.json)")
    for name in SERVICES:
        typer.echo(f"  {name:<12} {stack.service_url(name)}   (/metrics /healthz /readyz)")
    typer.echo(f"  PostgreSQL   {database_url}\n  Kafka        {bootstrap}")
    if embedded_broker:
        typer.echo("  note: the embedded broker keeps messages in memory only and never frees them;"
                   " it is for development and evaluation, not for months of traffic.")
    if api_key:
        typer.echo(f"Demo tenant lotus-clinics, API key: {api_key}\n  export REDRESS_API_KEY={api_key}")
    typer.echo(f"Logs in {stack.log_dir}. Ctrl-C stops everything.")


@app.command()
def init(partitions: int = typer.Option(int(os.environ.get("REDRESS_KAFKA_PARTITIONS", "12")))) -> None:
    """Create every topic and every service's schema on DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS."""
    database_url, bootstrap = _required("DATABASE_URL"), _required("KAFKA_BOOTSTRAP_SERVERS")
    topics = operations.run(operations.prepare(database_url, bootstrap, partitions))
    typer.echo(f"schemas: {', '.join(SERVICES)}\ntopics: {', '.join(topics)}")


@tenant_app.command("apply")
def tenant_apply(
    file: Path = typer.Argument(..., exists=True, dir_okay=False),
    api_key: str = typer.Option(..., envvar="REDRESS_TENANT_API_KEY", help="The tenant's API key (16+ characters)."),
) -> None:
    """Validate a tenant file and apply it (needs REDRESS_INTAKE_URL, REDRESS_ROUTING_URL,
    REDRESS_SLA_URL and REDRESS_INTERNAL_TOKEN)."""
    try:
        config = operations.read_tenant_file(file)
    except operations.TenantFileError as exc:
        _say(str(exc))
        raise typer.Exit(2) from None
    urls = {name: _required(f"REDRESS_{name.upper()}_URL") for name in ("intake", *operations.ORGANISATION_HOLDERS)}
    result = operations.apply_tenant(urls, _required("REDRESS_INTERNAL_TOKEN"), config, api_key)
    typer.echo(f"applied {result['tenant_id']} version {result['version']}")


@audit_app.command("verify")
def audit_verify() -> None:
    """Recompute the audit trail's hash chain (needs REDRESS_ANALYTICS_URL and REDRESS_INTERNAL_TOKEN)."""
    answer = httpx.get(f"{_required('REDRESS_ANALYTICS_URL')}/internal/v1/trail/verify",
                       headers={INTERNAL_TOKEN_HEADER: _required("REDRESS_INTERNAL_TOKEN")}, timeout=300)
    answer.raise_for_status()
    result = answer.json()
    typer.echo(f"{result['entries']} entries; " + ("chain verified" if result["verified"]
               else f"BROKEN at position {result['first_broken_position']}"))
    raise typer.Exit(0 if result["verified"] else 1)


@sla_app.command("due")
def sla_due() -> None:
    """Read JSON Lines of {id, received_at, timezone, country, rule} on stdin; write {id, due} per line."""
    from services.sla.due_jsonl import due_lines

    for line in due_lines(sys.stdin):
        sys.stdout.write(line + "\n")


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        _say(f"{name} is not set")
        raise typer.Exit(2)
    return value


@app.command()
def classify() -> None:
    """Read JSON Lines of {text, id?, channel?, language?} on stdin; write one classification per line."""
    from services.intake.classify_jsonl import classify_lines

    for line in classify_lines(sys.stdin):
        sys.stdout.write(line + "\n")


@dlq_app.command("list")
def dlq_list(
    all_: bool = typer.Option(False, "--all", help="Also list dead letters already re-submitted."),
    limit: int = typer.Option(100, help="At most this many."),
) -> None:
    """List the inbound topic's dead letters: id, source, tenant, reason (needs REDRESS_INTAKE_URL and
    REDRESS_INTERNAL_TOKEN). The messages themselves stay sealed in intake."""
    answer = httpx.get(f"{_required('REDRESS_INTAKE_URL')}/internal/v1/dead-letters",
                       params={"all": all_, "limit": limit},
                       headers={INTERNAL_TOKEN_HEADER: _required("REDRESS_INTERNAL_TOKEN")}, timeout=30)
    answer.raise_for_status()
    letters = answer.json()["dead_letters"]
    for d in letters:
        state = f"resubmitted -> {d['complaint_id']}" if d["resubmitted_at"] else "pending"
        typer.echo(f"{d['id']}\t{d['topic']}/{d['partition']}/{d['offset']}\t{d['tenant_id'] or '-'}\t{state}"
                   f"\tattempts={d['attempts']}\t{d['reason']}")
    _say(f"{len(letters)} dead letter(s)")


@dlq_app.command("resubmit")
def dlq_resubmit(
    dead_letter_id: int = typer.Argument(..., metavar="ID"),
    body: Path = typer.Option(None, exists=True, dir_okay=False, help="A corrected JSON body to submit instead."),
) -> None:
    """Submit a dead letter again (after fixing its cause, or with --body a corrected message)."""
    content = body.read_bytes() if body else None
    answer = httpx.post(f"{_required('REDRESS_INTAKE_URL')}/internal/v1/dead-letters/{dead_letter_id}/resubmit",
                        content=content, headers={INTERNAL_TOKEN_HEADER: _required("REDRESS_INTERNAL_TOKEN"),
                                                  "content-type": "application/json"}, timeout=30)
    result = answer.json()
    if answer.status_code != 200:
        _say(f"{answer.status_code}: {result.get('detail') or result.get('title')}")
        raise typer.Exit(1)
    if not result["resubmitted"]:
        _say(f"still refused: {result['reason']}")
        raise typer.Exit(1)
    typer.echo(f"dead letter {dead_letter_id} -> complaint {result['complaint_id']}"
               + (" (already registered)" if result.get("replayed") else ""))
