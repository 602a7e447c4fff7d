"""Deploy files can't run here (no Docker, no cluster), so check what parsing can prove.

Every YAML under deploy/ parses; compose, Kubernetes and the Dockerfile keep the platform's
rules (pinned images, probes, non-root, read-only root, limits); and every setting they name
is one `sitrep.settings.Settings` actually reads, with a value it accepts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitrep.settings import Settings, env_variable

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
K8S = DEPLOY / "k8s"

YAML_FILES = sorted(p for p in DEPLOY.rglob("*") if p.suffix in {".yaml", ".yml"})
TEXT_FILES = sorted(
    p for p in DEPLOY.rglob("*") if p.is_file() and p.suffix in {".yaml", ".yml", ".md", ""}
)

#: Every variable Settings reads ("KAFKA_BOOTSTRAP_SERVERS / SITREP_..." splits in two).
SETTINGS_VARIABLES = frozenset(
    name for field in Settings.model_fields for name in env_variable(field).split(" / ")
)
#: Scratch path inside the containers (not a temp file of this test).
CONTAINER_TMP = "/tmp"  # noqa: S108
SITREP_VARIABLE = re.compile(r"\bSITREP_[A-Z0-9_]*[A-Z0-9]\b")


def rel(path: Path) -> str:
    return str(path.relative_to(REPO))


def load_docs(path: Path) -> list[Any]:
    with path.open(encoding="utf-8") as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc is not None]


def unknown_variables(text: str) -> set[str]:
    """SITREP_* names in `text` that no Settings field reads (typos, removed settings)."""
    return set(SITREP_VARIABLE.findall(text)) - SETTINGS_VARIABLES


def image_tag(reference: str) -> str | None:
    """The tag (or digest) of an image reference; None when it has neither."""
    if "@" in reference:
        return reference.split("@", 1)[1]
    last = reference.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else None


def assert_pinned(reference: str) -> None:
    """A digest, or a tag with a full x.y.z version ("3.11-slim" floats, "latest" more so)."""
    tag = image_tag(reference)
    assert tag, f"{reference!r} has no tag: pin a version"
    pinned = tag.startswith("sha256:") or re.search(r"(^|[^0-9.])v?\d+\.\d+\.\d+", tag)
    assert pinned and "$" not in tag, f"{reference!r} is not pinned to a release"


def settings_from(environment: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Build Settings exactly as the container would, from these variables alone."""
    for name in SETTINGS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, str(value))
    return Settings()


def interpolate_default(value: Any) -> str:
    """Compose's `${VAR:-default}` as compose would resolve it with VAR unset."""
    return re.sub(r"\$\{[A-Z0-9_]+:-([^}]*)\}", r"\1", str(value))


# --- every file -----------------------------------------------------------------------


def test_the_expected_deploy_files_exist() -> None:
    expected = {
        "deploy/Dockerfile",
        "deploy/README.md",
        "deploy/compose.yaml",
        "deploy/prometheus/prometheus.yml",
        "deploy/k8s/configmap.yaml",
        "deploy/k8s/secret.example.yaml",
        "deploy/k8s/deployment.yaml",
        "deploy/k8s/service.yaml",
        "deploy/k8s/keda-scaledobject.yaml",
        "deploy/k8s/kustomization.yaml",
        ".dockerignore",
    }
    missing = {name for name in expected if not (REPO / name).is_file()}
    assert not missing


@pytest.mark.parametrize("path", YAML_FILES, ids=rel)
def test_every_yaml_file_parses_to_mappings(path: Path) -> None:
    docs = load_docs(path)

    assert docs, f"{rel(path)} is empty"
    assert all(isinstance(doc, dict) for doc in docs)


def test_variable_check_catches_a_misspelt_setting() -> None:
    # The guard the next test relies on: a typo must not pass as a valid name.
    assert unknown_variables("SITREP_WEB_PROT: 6066") == {"SITREP_WEB_PROT"}
    assert unknown_variables("SITREP_LOG_FORMATS=json ${SITREP_TOPIC_PARTITION:-4}") == {
        "SITREP_LOG_FORMATS",
        "SITREP_TOPIC_PARTITION",
    }
    assert unknown_variables("SITREP_WEB_PORT, $$SITREP_EVENTS_TOPIC, SITREP_* ") == set()
    assert {"KAFKA_BOOTSTRAP_SERVERS", "SITREP_KAFKA_SASL_PASSWORD"} <= SETTINGS_VARIABLES


def test_pin_check_rejects_floating_tags() -> None:
    for floating in ["python:3.11-slim", "prom/prometheus:latest", "apache/kafka", "x:${TAG}"]:
        with pytest.raises(AssertionError):
            assert_pinned(floating)
    for pinned in ["python:3.11.13-slim-bookworm", "prom/prometheus:v3.5.0", "a/b@sha256:ab12"]:
        assert_pinned(pinned)


@pytest.mark.parametrize("path", [*TEXT_FILES, REPO / ".dockerignore"], ids=rel)
def test_every_sitrep_variable_named_in_deploy_files_is_a_setting(path: Path) -> None:
    unknown = unknown_variables(path.read_text(encoding="utf-8"))

    assert not unknown, f"{rel(path)} names variables Settings does not read: {sorted(unknown)}"


# --- Dockerfile -----------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, arguments = (pending + line).partition(" ")
        instructions.append((keyword.upper(), arguments.strip()))
        pending = ""
    return instructions


def final_stage() -> list[tuple[str, str]]:
    instructions = dockerfile_instructions()
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def test_dockerfile_is_multi_stage_with_every_base_image_pinned() -> None:
    stages: list[str] = []
    for keyword, arguments in dockerfile_instructions():
        if keyword != "FROM":
            continue
        parts = [part for part in arguments.split() if not part.startswith("--")]
        image = parts[0]
        if image not in stages:
            assert_pinned(image)
            assert image.startswith("python:3.11"), image
        stages.append(parts[2].lower() if len(parts) == 3 and parts[1].upper() == "AS" else image)

    assert len(stages) >= 2
    assert any(
        keyword == "COPY" and "--from=" in arguments for keyword, arguments in final_stage()
    ), "the runtime stage should copy the built environment from the build stage"


def test_runtime_stage_runs_as_a_non_root_user() -> None:
    users = [arguments for keyword, arguments in final_stage() if keyword == "USER"]

    assert users, "no USER in the final stage: the container would run as root"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}


def test_image_healthcheck_hits_the_liveness_endpoint_on_the_web_port() -> None:
    checks = [arguments for keyword, arguments in final_stage() if keyword == "HEALTHCHECK"]

    assert checks and "/health/live" in checks[-1]
    assert "SITREP_WEB_PORT" in checks[-1]  # follows the setting, not a copy of it
    exposed = {arguments for keyword, arguments in final_stage() if keyword == "EXPOSE"}
    assert str(Settings.model_fields["web_port"].default) in exposed


def test_image_starts_the_worker_through_the_console_script() -> None:
    stage = dict(final_stage())

    assert json.loads(stage["ENTRYPOINT"]) == ["sitrep"]
    assert json.loads(stage["CMD"]) == ["worker"]


def test_dockerignore_sends_only_the_package_sources() -> None:
    patterns = [
        line.strip()
        for line in (REPO / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]

    assert patterns[0] == "**", "start from 'ignore everything' so .git, tests, venvs stay out"
    assert {"!pyproject.toml", "!schemas/", "!services/"} <= set(patterns)


# --- compose --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    (doc,) = load_docs(DEPLOY / "compose.yaml")
    return doc


def test_compose_runs_kafka_topics_worker_and_prometheus(compose: dict[str, Any]) -> None:
    assert {"kafka", "kafka-init", "worker", "prometheus"} <= set(compose["services"])


def test_compose_images_are_pinned(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        if "build" in service:
            continue  # built from this repository
        assert "image" in service, name
        assert_pinned(service["image"])


def test_worker_can_be_scaled(compose: dict[str, Any]) -> None:
    worker = compose["services"]["worker"]

    # Either would make `docker compose up --scale worker=3` fail on a name or port clash.
    assert "container_name" not in worker
    assert "ports" not in worker
    assert "hostname" not in worker


def test_worker_is_built_from_the_deploy_dockerfile(compose: dict[str, Any]) -> None:
    build = compose["services"]["worker"]["build"]
    context = (DEPLOY / build["context"]).resolve()

    assert context == REPO
    assert (context / build["dockerfile"]).resolve() == DEPLOY / "Dockerfile"


def test_worker_waits_for_a_healthy_broker_and_created_topics(compose: dict[str, Any]) -> None:
    services = compose["services"]
    depends_on = services["worker"]["depends_on"]

    assert depends_on["kafka"]["condition"] == "service_healthy"
    assert depends_on["kafka-init"]["condition"] == "service_completed_successfully"
    assert services["kafka"]["healthcheck"]["test"]
    assert services["kafka-init"]["depends_on"]["kafka"]["condition"] == "service_healthy"


def test_worker_environment_is_valid_settings_for_the_compose_broker(
    compose: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    environment = {
        name: interpolate_default(value)
        for name, value in compose["services"]["worker"]["environment"].items()
    }
    unknown = set(environment) - SETTINGS_VARIABLES
    assert not unknown, f"worker variables Settings does not read: {sorted(unknown)}"

    settings = settings_from(environment, monkeypatch)

    assert settings.bootstrap_servers == "kafka:9092"
    assert (
        "PLAINTEXT://kafka:9092"
        in compose["services"]["kafka"]["environment"]["KAFKA_ADVERTISED_LISTENERS"]
    )
    assert settings.log_format == "json"
    assert settings.topic_partitions == 4


def test_topic_creator_creates_the_workers_four_topics(compose: dict[str, Any]) -> None:
    init = compose["services"]["kafka-init"]
    worker_env = compose["services"]["worker"]["environment"]
    script = "\n".join(init["command"]) if isinstance(init["command"], list) else init["command"]
    topic_variables = [
        "SITREP_ARTICLES_TOPIC",
        "SITREP_EVENTS_TOPIC",
        "SITREP_ENRICHMENTS_TOPIC",
        "SITREP_DEAD_LETTER_TOPIC",
    ]

    assert "/opt/kafka/bin/kafka-topics.sh" in script and "--create" in script
    assert '--partitions "$$SITREP_TOPIC_PARTITIONS"' in script
    for variable in topic_variables:
        assert f"$${variable}" in script
        # The creator and the workers must agree on every name.
        assert init["environment"][variable] == worker_env[variable]
        field = variable.removeprefix("SITREP_").lower()
        assert worker_env[variable] == Settings.model_fields[field].default
    assert interpolate_default(init["environment"]["SITREP_TOPIC_PARTITIONS"]) == "4"


def test_worker_root_filesystem_is_read_only_with_scratch_space(compose: dict[str, Any]) -> None:
    worker = compose["services"]["worker"]
    workdir = next(arguments for keyword, arguments in final_stage() if keyword == "WORKDIR")

    assert worker["read_only"] is True
    assert {CONTAINER_TMP, workdir} <= set(worker["tmpfs"])


def test_prometheus_discovers_every_worker_replica_through_docker_dns(
    compose: dict[str, Any],
) -> None:
    service = compose["services"]["prometheus"]
    mounts = {volume.split(":")[0]: volume.split(":")[1] for volume in service["volumes"]}
    host_path = next(src for src, dst in mounts.items() if dst == "/etc/prometheus/prometheus.yml")
    assert (DEPLOY / host_path).resolve() == DEPLOY / "prometheus" / "prometheus.yml"

    (config,) = load_docs(DEPLOY / "prometheus" / "prometheus.yml")
    jobs = [job for job in config["scrape_configs"] if "dns_sd_configs" in job]
    assert jobs, "no DNS service discovery job"
    (sd,) = jobs[0]["dns_sd_configs"]
    assert sd["names"] == ["worker"]
    worker_port = int(compose["services"]["worker"]["environment"]["SITREP_WEB_PORT"])
    assert sd["port"] == worker_port
    assert jobs[0].get("metrics_path", "/metrics") == "/metrics"


# --- Kubernetes -----------------------------------------------------------------------


def k8s_docs() -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in sorted(K8S.glob("*.yaml")):
        for doc in load_docs(path):
            yield path, doc


@pytest.fixture(scope="module")
def k8s() -> dict[str, dict[str, Any]]:
    """Each of the worker's Kubernetes objects by kind (one of each). Other components (the
    incident stage) have their own objects and tests."""
    objects: dict[str, dict[str, Any]] = {}
    for _, doc in k8s_docs():
        labels = doc.get("metadata", {}).get("labels", {})
        if labels.get("app.kubernetes.io/component", "worker") != "worker":
            continue
        assert doc["kind"] not in objects, f"two {doc['kind']} objects: index them by name"
        objects[doc["kind"]] = doc
    return objects


@pytest.fixture(scope="module")
def config(k8s: dict[str, dict[str, Any]]) -> dict[str, str]:
    data: dict[str, str] = k8s["ConfigMap"]["data"]
    return data


@pytest.fixture(scope="module")
def container(k8s: dict[str, dict[str, Any]]) -> dict[str, Any]:
    (only,) = k8s["Deployment"]["spec"]["template"]["spec"]["containers"]
    result: dict[str, Any] = only
    return result


def test_kustomization_lists_every_manifest_but_the_secret_template() -> None:
    (kustomization,) = load_docs(K8S / "kustomization.yaml")
    manifests = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}

    assert set(kustomization["resources"]) == manifests - {"secret.example.yaml"}
    assert "namespace" not in kustomization
    for image in kustomization.get("images", []):
        assert image.get("newTag") not in {None, "latest"}


def test_manifests_are_namespace_agnostic() -> None:
    for path, doc in k8s_docs():
        assert "namespace" not in doc.get("metadata", {}), rel(path)


def test_configmap_and_secret_are_valid_settings(
    k8s: dict[str, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    environment = {**k8s["ConfigMap"]["data"], **k8s["Secret"]["stringData"]}
    unknown = set(environment) - SETTINGS_VARIABLES
    assert not unknown, f"keys Settings does not read: {sorted(unknown)}"
    assert "data" not in k8s["Secret"], "keep the example readable: stringData only"

    settings = settings_from(environment, monkeypatch)

    assert settings.kafka_sasl_password is not None
    assert settings.kafka_security_protocol.startswith("SASL")


def test_deployment_probes_health_endpoints_on_the_configured_web_port(
    container: dict[str, Any], config: dict[str, str]
) -> None:
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}

    for probe, path in [("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready")]:
        http = container[probe]["httpGet"]
        assert http["path"] == path
        port = ports.get(http["port"], http["port"])
        assert port == int(config["SITREP_WEB_PORT"]), probe


def test_deployment_sets_requests_and_limits_with_limits_above_requests(
    container: dict[str, Any],
) -> None:
    resources = container["resources"]

    for resource in ("cpu", "memory"):
        request = quantity(resources["requests"][resource])
        limit = quantity(resources["limits"][resource])
        assert 0 < request <= limit, resource


def test_deployment_is_locked_down(
    k8s: dict[str, dict[str, Any]], container: dict[str, Any]
) -> None:
    pod = k8s["Deployment"]["spec"]["template"]["spec"]
    security = container["securityContext"]
    pod_security = pod.get("securityContext", {})

    assert security.get("runAsNonRoot", pod_security.get("runAsNonRoot")) is True
    assert security["readOnlyRootFilesystem"] is True
    assert security["allowPrivilegeEscalation"] is False
    assert security["capabilities"]["drop"] == ["ALL"]
    user = security.get("runAsUser", pod_security.get("runAsUser"))
    dockerfile_user = next(a for k, a in reversed(final_stage()) if k == "USER").split(":")[0]
    assert str(user) == dockerfile_user, "runAsUser should be the image's own non-root uid"


def test_writable_paths_are_empty_dirs(
    k8s: dict[str, dict[str, Any]], container: dict[str, Any]
) -> None:
    volumes = {
        volume["name"]: volume
        for volume in k8s["Deployment"]["spec"]["template"]["spec"]["volumes"]
    }
    mounts = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
    workdir = next(arguments for keyword, arguments in final_stage() if keyword == "WORKDIR")

    # With a read-only root, /tmp and the working directory (HOME) must
    # be volumes or the worker fails at start.
    for path in (CONTAINER_TMP, workdir):
        assert path in mounts, path
        assert "emptyDir" in volumes[mounts[path]]


def test_deployment_takes_settings_from_the_configmap_and_secret(
    k8s: dict[str, dict[str, Any]], container: dict[str, Any]
) -> None:
    sources = container["envFrom"]
    config_maps = {s["configMapRef"]["name"] for s in sources if "configMapRef" in s}
    secrets = {s["secretRef"]["name"] for s in sources if "secretRef" in s}

    assert config_maps == {k8s["ConfigMap"]["metadata"]["name"]}
    assert secrets == {k8s["Secret"]["metadata"]["name"]}
    for variable in container.get("env", []):
        assert variable["name"] in SETTINGS_VARIABLES


def test_deployment_image_is_pinned_and_runs_the_worker(container: dict[str, Any]) -> None:
    assert_pinned(container["image"])
    assert container.get("args") == ["worker"]


def test_prometheus_annotations_point_at_the_metrics_port(
    k8s: dict[str, dict[str, Any]], config: dict[str, str]
) -> None:
    annotations = k8s["Deployment"]["spec"]["template"]["metadata"]["annotations"]

    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == config["SITREP_WEB_PORT"]
    assert annotations["prometheus.io/path"] == "/metrics"


def test_service_selects_the_worker_pods_on_a_named_port(
    k8s: dict[str, dict[str, Any]], container: dict[str, Any]
) -> None:
    service = k8s["Service"]["spec"]
    pod_labels = k8s["Deployment"]["spec"]["template"]["metadata"]["labels"]

    assert service["selector"].items() <= pod_labels.items()
    port_names = {port["name"] for port in container["ports"]}
    assert {port["targetPort"] for port in service["ports"]} <= port_names


def test_scaledobject_never_exceeds_the_partition_count(
    k8s: dict[str, dict[str, Any]], config: dict[str, str]
) -> None:
    spec = k8s["ScaledObject"]["spec"]

    # A consumer group gives each partition to one member: more replicas would sit idle.
    assert 1 <= spec["minReplicaCount"] <= spec["maxReplicaCount"]
    assert spec["maxReplicaCount"] <= int(config["SITREP_TOPIC_PARTITIONS"])
    assert spec["scaleTargetRef"]["name"] == k8s["Deployment"]["metadata"]["name"]


def test_rollout_never_runs_more_pods_than_partitions(k8s: dict[str, dict[str, Any]]) -> None:
    # Readiness needs an assigned partition: at maxReplicaCount (= partitions) a surge pod
    # could get none, never become ready and stall the rollout.
    max_replicas = k8s["ScaledObject"]["spec"]["maxReplicaCount"]
    strategy = k8s["Deployment"]["spec"]["strategy"]
    partitions = int(k8s["ConfigMap"]["data"]["SITREP_TOPIC_PARTITIONS"])

    if max_replicas == partitions:
        assert strategy["type"] == "RollingUpdate"
        assert strategy["rollingUpdate"]["maxSurge"] in (0, "0%")


def test_scaledobject_watches_the_workers_group_topic_and_cluster(
    k8s: dict[str, dict[str, Any]], config: dict[str, str]
) -> None:
    (trigger,) = k8s["ScaledObject"]["spec"]["triggers"]
    metadata = trigger["metadata"]

    assert trigger["type"] == "kafka"
    assert metadata["bootstrapServers"] == config["KAFKA_BOOTSTRAP_SERVERS"]
    assert metadata["consumerGroup"] == config["SITREP_CONSUMER_GROUP"]
    assert metadata["topic"] == config["SITREP_ARTICLES_TOPIC"]
    assert int(metadata["lagThreshold"]) > 0


def test_keda_authenticates_with_the_workers_secret(k8s: dict[str, dict[str, Any]]) -> None:
    (trigger,) = k8s["ScaledObject"]["spec"]["triggers"]
    auth = k8s["TriggerAuthentication"]
    secret = k8s["Secret"]

    assert trigger["authenticationRef"]["name"] == auth["metadata"]["name"]
    for reference in auth["spec"]["secretTargetRef"]:
        assert reference["name"] == secret["metadata"]["name"]
        assert reference["key"] in secret["stringData"]


def quantity(value: str | int | float) -> float:
    """A Kubernetes CPU or memory quantity as a number (cores or bytes)."""
    text = str(value)
    units = {"m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "k": 1e3, "M": 1e6, "G": 1e9}
    for suffix, factor in sorted(units.items(), key=lambda item: -len(item[0])):
        if text.endswith(suffix):
            return float(text[: -len(suffix)]) * factor
    return float(text)


def test_quantity_parser_reads_cpu_and_memory_units() -> None:
    assert quantity("500m") == 0.5
    assert quantity("1") == 1.0
    assert quantity("700Mi") < quantity("1Gi")
