"""The incident stage's deploy files: compose service, Kubernetes Deployment, Prometheus job.

The worker's and the map's files have their checks in test_deploy_manifests.py; these hold
the stage to the same platform rules (probes, non-root, read-only root, limits, valid
settings), reading the same objects.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.test_deploy_manifests import (
    DEPLOY,
    SETTINGS_VARIABLES,
    assert_pinned,
    compose,  # noqa: F401 -- fixtures used by name
    container,  # noqa: F401
    interpolate_default,
    k8s,  # noqa: F401
    load_docs,
    quantity,
    settings_from,
)


@pytest.fixture(scope="module")
def stage_container(k8s: dict[str, dict[str, Any]]) -> dict[str, Any]:  # noqa: F811
    (only,) = k8s["Deployment/sitrep-incidents"]["spec"]["template"]["spec"]["containers"]
    result: dict[str, Any] = only
    return result


def test_compose_runs_the_stage_scalably_and_locked_down(
    compose: dict[str, Any],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    service = compose["services"]["incidents"]
    environment = {name: interpolate_default(v) for name, v in service["environment"].items()}
    settings = settings_from(environment, monkeypatch)
    assert service["command"] == ["incidents"]
    assert service["image"] == compose["services"]["worker"]["image"]
    assert not {"container_name", "ports", "hostname"} & set(service), "--scale needs none"
    assert service["read_only"] is True
    assert service["depends_on"]["kafka-init"]["condition"] == "service_completed_successfully"
    assert set(service["environment"]) <= SETTINGS_VARIABLES
    assert settings.incidents_topic == "sitrep.incidents.v1"
    assert (
        settings.events_topic == compose["services"]["worker"]["environment"]["SITREP_EVENTS_TOPIC"]
    )
    assert [str(settings.web_port)] == service["expose"]  # the image's health check port


def test_k8s_stage_has_probes_limits_and_the_worker_lock_down(
    k8s: dict[str, dict[str, Any]],  # noqa: F811
    stage_container: dict[str, Any],
    container: dict[str, Any],  # noqa: F811
) -> None:
    deployment = k8s["Deployment/sitrep-incidents"]
    pod = deployment["spec"]["template"]["spec"]
    worker_pod = k8s["Deployment/sitrep-worker"]["spec"]["template"]["spec"]
    ports = {port["name"]: port["containerPort"] for port in stage_container["ports"]}
    assert stage_container["args"] == ["incidents"]
    for probe, path in [("livenessProbe", "/health/live"), ("readinessProbe", "/health/ready")]:
        assert stage_container[probe]["httpGet"]["path"] == path
        assert stage_container[probe]["httpGet"]["port"] in ports
    assert stage_container["securityContext"] == container["securityContext"]
    assert pod["securityContext"] == worker_pod["securityContext"]
    assert_pinned(stage_container["image"])
    for resource in ("cpu", "memory"):
        resources = stage_container["resources"]
        assert (
            0 < quantity(resources["requests"][resource]) <= quantity(resources["limits"][resource])
        )
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert labels == deployment["spec"]["selector"]["matchLabels"]
    service_selector = k8s["Service/sitrep-worker"]["spec"]["selector"]
    assert not service_selector.items() <= labels.items(), "the worker Service is the worker's"
    config_maps = {
        ref["configMapRef"]["name"] for ref in stage_container["envFrom"] if "configMapRef" in ref
    }
    assert config_maps == {"sitrep-config"}
    assert {"SITREP_INCIDENTS_TOPIC", "SITREP_INCIDENTS_GROUP"} <= set(
        k8s["ConfigMap/sitrep-config"]["data"]
    )


def test_prometheus_scrapes_every_incident_stage_replica(compose: dict[str, Any]) -> None:  # noqa: F811
    (config,) = load_docs(DEPLOY / "prometheus" / "prometheus.yml")
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    (discovery,) = jobs["sitrep-incidents"]["dns_sd_configs"]
    assert discovery["names"] == ["incidents"]
    assert (
        str(discovery["port"]) == compose["services"]["incidents"]["environment"]["SITREP_WEB_PORT"]
    )
