package io.nodeward.cluster.publish;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.nodeward.NodewardConfig;
import io.nodeward.cluster.ClusterAuditCompleted;
import io.nodeward.cluster.LeadershipChanged;
import io.nodeward.cluster.ObjectRef;
import io.nodeward.cluster.audit.ClusterReport;
import io.nodeward.cluster.audit.Finding;
import io.nodeward.publish.metrics.PublishMetrics;
import io.nodeward.scan.CheckResult;
import io.nodeward.scan.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events on the objects themselves, only when their state changes: a Warning {@code CheckFailing} when an
 * object starts failing a scored check, a Normal {@code CheckRecovered} when it stops ({@code kubectl
 * describe rolebinding ...} shows them). Unscored checks (WARN) record none. At most
 * {@code nodeward.cluster.events-per-audit} per audit; the rest follow at the next audits.
 *
 * <p>An event's name is a hash of the object, the check and what was found, so a new leader (after a
 * hand-over or a restart), which does not know what its predecessor recorded, records the same event
 * again under the same name: the API server answers 409 and nothing is duplicated. Events of
 * cluster-scoped objects go to {@code default}, as {@code kubectl} and the kubelet put them.
 */
@ApplicationScoped
public class ClusterEvents {

    private static final Logger LOG = Logger.getLogger(ClusterEvents.class);
    static final String TARGET = "cluster-events";
    static final String COMPONENT = "nodeward-cluster";
    static final int MESSAGE_MAX_LENGTH = 1024;

    private final NodewardConfig.Cluster config;
    private final Instance<KubernetesClient> client;
    private final PublishMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    /** What the events recorded so far say, per check and object: the finding of an object failing it. */
    private final Map<Key, Finding> announced = new HashMap<>();

    private record Key(String benchmark, String check, ObjectRef object) {
    }

    ClusterEvents(NodewardConfig config, Instance<KubernetesClient> client, PublishMetrics metrics) {
        this.config = config.cluster();
        this.client = client;
        this.metrics = metrics;
    }

    /** A new leader starts from nothing (its events are named so that repeats are refused, see above). */
    synchronized void onLeadership(@Observes LeadershipChanged change) {
        announced.clear();
        metrics.declareTarget(TARGET);
    }

    synchronized void onAudit(@Observes ClusterAuditCompleted event) {
        if (!config.events()) {
            return;
        }
        ClusterReport report = event.report();
        Map<Key, Finding> failing = new LinkedHashMap<>();
        Map<String, CheckResult> checks = new HashMap<>();
        for (CheckResult result : report.results()) {
            checks.put(result.id(), result);
            for (Finding finding : report.findings(result.id())) {
                if (finding.outcome() == Outcome.FAIL) {
                    failing.put(new Key(finding.benchmark(), finding.check(), finding.object()), finding);
                }
            }
        }
        List<Runnable> pending = new ArrayList<>();
        failing.forEach((key, finding) -> {
            if (!announced.containsKey(key)) {
                pending.add(() -> record(key, finding, checks.get(key.check()), true));
            }
        });
        new ArrayList<>(announced.keySet()).forEach(key -> {
            if (!failing.containsKey(key)) {
                pending.add(() -> record(key, announced.get(key), checks.get(key.check()), false));
            }
        });
        pending.stream().limit(config.eventsPerAudit()).forEach(Runnable::run);
        if (pending.size() > config.eventsPerAudit()) {
            LOG.infof("%d more events wait for the next audits", pending.size() - config.eventsPerAudit());
        }
    }

    private void record(Key key, Finding finding, CheckResult check, boolean failing) {
        Event event = event(key, finding, check, failing, clock.instant());
        try {
            client.get().v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
            metrics.publishRequest(TARGET, "success");
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                metrics.publishRequest(TARGET, outcome(e.getCode()));
                metrics.publishError(TARGET);
                LOG.warnf("recording event on %s: HTTP %d %s", key.object(), e.getCode(), e.getMessage());
                return; // tried again at the next audit
            }
            metrics.publishRequest(TARGET, "conflict"); // recorded already, by this or an earlier leader
        }
        if (failing) {
            announced.put(key, finding);
        } else {
            announced.remove(key);
        }
    }

    static Event event(Key key, Finding finding, CheckResult check, boolean failing, Instant now) {
        ObjectRef object = key.object();
        String title = check == null ? key.check() : key.check() + " " + check.title();
        String message = failing ? title + ": " + finding.actual() : title + ": passes again";
        if (message.length() > MESSAGE_MAX_LENGTH) {
            message = message.substring(0, MESSAGE_MAX_LENGTH - 1) + "…";
        }
        String time = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        return new EventBuilder()
                .withNewMetadata()
                    .withName(name(key, finding, failing))
                    .withNamespace(object.namespace().isEmpty() ? "default" : object.namespace())
                .endMetadata()
                .withNewInvolvedObject()
                    .withApiVersion(object.kind().apiVersion())
                    .withKind(object.kind().kind())
                    .withNamespace(object.namespace().isEmpty() ? null : object.namespace())
                    .withName(object.name())
                    .withUid(object.uid().isEmpty() ? null : object.uid())
                .endInvolvedObject()
                .withType(failing ? "Warning" : "Normal")
                .withReason(failing ? "CheckFailing" : "CheckRecovered")
                .withMessage(message)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withCount(1)
                .withFirstTimestamp(time)
                .withLastTimestamp(time)
                .build();
    }

    /** {@code nodeward-cluster.<hash>}: a valid name whatever the object is called ({@code MyDevUser}, {@code system:x}). */
    static String name(Key key, Finding finding, boolean failing) {
        String identity = String.join("\u0000", key.benchmark(), key.check(), key.object().kind().name(),
                key.object().namespace(), key.object().name(), key.object().uid(), failing ? "failing" : "recovered",
                failing ? String.valueOf(finding.actual()) : "");
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return COMPONENT + "." + HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String outcome(int code) {
        return code <= 0 ? "unreachable" : switch (code) {
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 429 -> "throttled";
            default -> code >= 500 ? "server_error" : "client_error";
        };
    }
}
