package io.nodeward.cluster;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nodeward.testing.Eventually;
import io.nodeward.testing.Scrape;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;
import java.util.Map;

/**
 * {@code nodeward cluster} end to end against the Kubernetes test server in CRUD mode, seeded with a
 * kubeadm control plane's bootstrap objects, the seed's MyDevUser example and two tenants: the report on
 * {@code /report}, the metrics, the events on the offending objects, and a change judged within seconds.
 */
@QuarkusTest
@TestProfile(ClusterModeProfile.class)
@WithKubernetesTestServer(crud = true, setup = ClusterSeed.class)
class ClusterModeTest {

    @KubernetesTestServer
    KubernetesServer server;

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private static JsonPath report() throws Exception {
        JsonPath[] found = new JsonPath[1];
        Eventually.holds(() -> found[0] = given().get("/report").then().statusCode(200).extract().jsonPath());
        return found[0];
    }

    private static String status(JsonPath report, String check) {
        return report.getString("results.find { it.id == '" + check + "' }.status");
    }

    @Test
    void theLeadersReportIsOnTheReportContract() throws Exception {
        report();
        JsonPath report = report();
        assertEquals("test-cluster", report.getString("cluster"));
        assertEquals("nodeward-cluster-1.0", report.getString("benchmark"));
        assertEquals(Map.of("pass", 5, "fail", 5, "warn", 4, "skip", 0, "error", 0), report.getMap("summary"));
        assertEquals("FAIL", status(report, "rbac-wildcard-binding"));
        assertEquals(List.of(Map.of("kind", "RoleBinding", "namespace", "development", "name", "MyDevUser")),
                report.getList("results.find { it.id == 'rbac-wildcard-binding' }.findings.object"));
        assertTrue(report.getString("results.find { it.id == 'rbac-wildcard-binding' }.remediation")
                .contains("resources: [\"pods\", \"pods/log\", \"services\", \"configmaps\"]"));
        assertEquals(List.of("ClusterRoleBinding system:public-info-viewer"),
                report.getList("exemptions.find { it.id == 'public-info-viewer' }.matched"));
    }

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    @Test
    void theLeaderIsLiveAndReadyOnceItHasAudited() throws Exception {
        report();
        given().get(ready).then().statusCode(200).body("checks[0].name", org.hamcrest.Matchers.equalTo("cluster-audit"))
                .body("checks[0].data.leader", org.hamcrest.Matchers.equalTo(true));
        given().get(live).then().statusCode(200).body("checks[0].name", org.hamcrest.Matchers.equalTo("cluster-election"));
    }

    @Test
    void aChangeIsJudgedWithinSeconds() throws Exception {
        report();
        assertEquals("FAIL", status(report(), "ns-network-policy"));
        KubernetesClient client = server.getClient();
        client.network().v1().networkPolicies().inNamespace("team-b").resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("default-deny-ingress").withNamespace("team-b").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress").endSpec().build()).create();
        Eventually.holds(() -> assertEquals(List.of("default", "development"), given().get("/report").then().statusCode(200)
                .extract().jsonPath().getList("results.find { it.id == 'ns-network-policy' }.findings.object.name")));
        client.network().v1().networkPolicies().inNamespace("team-b").withName("default-deny-ingress").delete();
    }

    @Test
    void eventsAreRecordedOnTheOffendingObjects() throws Exception {
        report();
        KubernetesClient client = server.getClient();
        Eventually.holds(() -> {
            List<Event> events = client.v1().events().inNamespace("development").list().getItems().stream()
                    .filter(e -> "MyDevUser".equals(e.getInvolvedObject().getName())).toList();
            assertEquals(List.of("CheckFailing CheckFailing"), List.of(events.stream().map(Event::getReason)
                    .sorted().reduce((a, b) -> a + " " + b).orElse("")));
            Event event = events.stream().filter(e -> e.getMessage().startsWith("rbac-wildcard-binding")).findFirst().orElseThrow();
            assertEquals("Warning", event.getType());
            assertEquals("RoleBinding", event.getInvolvedObject().getKind());
            assertEquals("rbac.authorization.k8s.io/v1", event.getInvolvedObject().getApiVersion());
            assertEquals(client.rbac().roleBindings().inNamespace("development").withName("MyDevUser").get().getMetadata().getUid(),
                    event.getInvolvedObject().getUid());
            assertEquals("rbac-wildcard-binding No Role or ClusterRole with * in its verbs, resources or API groups is bound to a"
                    + " subject outside system:: binding.role.wildcard: true; binding.subjects.outsideSystem:"
                    + " ServiceAccount development/mydevuser", event.getMessage());
        });
    }

    @Test
    void metricsCountFindingsPerCheckAndNamespace() throws Exception {
        report();
        URL metrics = Scrape.metricsOf(management);
        Eventually.holds(() -> assertEquals(List.of(
                "nodeward_cluster_findings{benchmark=\"nodeward-cluster-1.0\",check=\"5.1.8\",check_severity=\"high\",namespace=\"development\",} 1.0"),
                Scrape.samples(metrics, "nodeward_cluster_findings").stream().filter(s -> s.contains("check=\"5.1.8\"")).toList()));
        assertEquals(List.of("nodeward_cluster_leader 1.0"), Scrape.samples(metrics, "nodeward_cluster_leader"));
        assertTrue(Scrape.samples(metrics, "nodeward_cluster_check_result").contains(
                "nodeward_cluster_check_result{benchmark=\"nodeward-cluster-1.0\",check=\"rbac-wildcard-binding\",check_severity=\"high\",status=\"fail\",} 1.0"));
        assertEquals(List.of(), Scrape.samples(metrics, "nodeward_checks"), "no node agent families");
        String families = String.join("\n", Scrape.nodewardLines(metrics));
        for (String family : List.of("nodeward_cluster_check_result", "nodeward_cluster_checks", "nodeward_cluster_findings",
                "nodeward_cluster_leader", "nodeward_cluster_objects", "nodeward_cluster_exempt",
                "nodeward_cluster_audit_duration_seconds", "nodeward_cluster_audits_total",
                "nodeward_cluster_last_audit_timestamp_seconds", "nodeward_build_info")) {
            assertTrue(families.contains("# TYPE " + family + " "), family + " missing from\n" + families);
        }
        io.nodeward.testing.Promtool.assertCleanMetrics(families);
    }
}
