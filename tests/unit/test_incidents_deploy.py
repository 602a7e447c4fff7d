"""The incident stage's deploy files: compose service, Kubernetes Deployment, Prometheus job.

The worker's files have their checks in test_deploy_manifests.py; these hold the stage to
the same platform rules (probes, non-root, read-only root, limits, valid settings).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.test_deploy_manifests import DEPLOY, K8S, load_docs, settings_from


@pytest.fixture(scope="module")
def compose_service() -> dict[str, Any]:
    (compose,) = load_docs(DEPLOY / "compose.yaml")
    service: dict[str, Any] = compose["services"]["incidents"]
    return service


@pytest.fixture(scope="module")
def deployment() -> dict[str, Any]:
    (doc,) = load_docs(K8S / "deployment-incidents.yaml")
    return doc


def test_compose_runs_the_stage_scalably_and_locked_down(compose_service) -> None:
    assert compose_service["command"] == ["incidents"]
    assert compose_service["build"]["dockerfile"] == "deploy/Dockerfile"
    assert not {"container_name", "ports", "hostname"} & set(compose_service)
    assert compose_service["read_only"] is True
    assert compose_service["depends_on"]["kafka-init"]["condition"] == (
        "service_completed_successfully"
    )


def test_compose_environment_is_valid_settings(compose_service, monkeypatch) -> None:
    environment = {k: v for k, v in compose_service["environment"].items() if "${" not in str(v)}
    settings = settings_from(environment, monkeypatch)
    assert settings.incidents_topic == "sitrep.incidents.v1"
    assert settings.incidents_group == "sitrep-incidents"


def test_deployment_runs_the_stage_with_probes_limits_and_no_root(deployment) -> None:
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["args"] == ["incidents"]
    assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    resources = container["resources"]
    assert resources["requests"]["memory"] and resources["limits"]["memory"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert labels == deployment["spec"]["selector"]["matchLabels"]
    assert labels["app.kubernetes.io/component"] == "incidents"
    assert {
        ref["configMapRef"]["name"] for ref in container["envFrom"] if "configMapRef" in ref
    } == {"sitrep-config"}


def test_prometheus_scrapes_every_incident_stage_replica() -> None:
    (config,) = load_docs(DEPLOY / "prometheus" / "prometheus.yml")
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    assert jobs["sitrep-incidents"]["dns_sd_configs"][0]["names"] == ["incidents"]
