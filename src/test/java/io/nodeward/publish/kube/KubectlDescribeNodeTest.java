package io.nodeward.publish.kube;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.nodeward.scan.ScanCompleted;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static io.nodeward.publish.kube.Reports.check;
import static io.nodeward.publish.kube.Reports.report;
import static io.nodeward.scan.Outcome.FAIL;
import static io.nodeward.scan.Outcome.PASS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a person sees: the real {@code kubectl describe node} against the test server. */
@QuarkusTest
@TestProfile(PublisherTestProfile.class)
@QuarkusTestResource(value = ApiTestServer.class, restrictToAnnotatedClass = true)
class KubectlDescribeNodeTest {

    @KubernetesTestServer
    KubernetesMockServer server;

    @Inject
    KubernetesClient client;

    @Inject
    NodePublisher publisher;

    @Inject
    Event<ScanCompleted> scans;

    @TempDir
    Path dir;

    private String kubectl(String... args) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: test
                  user:
                    token: test
                contexts:
                - name: test
                  context: {cluster: test, user: test}
                current-context: test
                """.formatted(server.url("/").replaceAll("/$", "")));
        String[] command = new String[args.length + 3];
        command[0] = "kubectl";
        command[1] = "--kubeconfig=" + kubeconfig;
        command[2] = "--cache-dir=" + dir.resolve("cache");
        System.arraycopy(args, 0, command, 3, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    @Test
    void kubectlDescribeNodeShowsOurAnnotationsConditionAndEvents() throws Exception {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("n1").endMetadata().build()).create();
        publisher.retarget("n1");
        scans.fire(new ScanCompleted(report(Instant.parse("2025-06-01T10:00:00Z"), check("4.2.1", PASS),
                check("4.2.4", FAIL))));
        publisher.awaitIdle();

        String described = kubectl("describe", "node", "n1");

        assertTrue(described.contains("nodeward.io/status: fail"), described);
        assertTrue(described.contains("nodeward.io/failed: 4.2.4"), described);
        assertTrue(described.contains("nodeward.io/summary: pass=1 fail=1 warn=0 skip=0 error=0"), described);
        assertTrue(described.matches("(?s).*NodeHardened\\s+False\\s+.*ChecksFailing\\s+1 failing: 4.2.4.*"), described);
        assertTrue(described.matches("(?s).*Warning\\s+CheckFailing\\s+.*nodeward\\s+check 4.2.4 \\(cis-1.12\\) is failing.*"),
                described);
    }
}
