package io.nodeward.host.audit;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.Fact;
import io.nodeward.host.FactReader;
import io.nodeward.host.HostFacts;
import io.nodeward.host.HostLinks;
import io.nodeward.host.HostScan;
import io.nodeward.host.KeyPattern;
import io.nodeward.host.KeySpace;
import io.nodeward.host.proc.IoErrors;
import io.nodeward.host.proc.ProcessSnapshot;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The audit policy kube-apiserver's {@code --audit-policy-file} names, decoded as the API server
 * decodes it ({@link AuditPolicyDecoder}) and evaluated as it evaluates it ({@link AuditPolicyEvaluator}):
 * <ul>
 *   <li>{@code audit.policyFile}: the file's host path when it loads; ABSENT without the flag (then the
 *       API server records no events); ERROR when it cannot be read or the API server would refuse it,
 *       with the API server's reason;</li>
 *   <li>{@code audit.<secrets|configmaps|tokenreviews>.level}: the lowest level an ordinary user's
 *       requests for that resource get ({@link AuditPolicyEvaluator#ordinary});</li>
 *   <li>{@code audit.secrets.bodiesLogged}: whether ANY request for secrets is logged at Request or
 *       RequestResponse, i.e. secret values written to the audit log ({@link AuditPolicyEvaluator#highest}).</li>
 * </ul>
 * Each value's source names the deciding rule and request. The last file's facts are kept and reused
 * while its bytes, path and flag are unchanged, so the exhaustive analysis runs once per change.
 */
public final class AuditPolicyReader implements FactReader {

    /** The API server's {@code --audit-policy-file}, as the control-plane reader names it. */
    static final String POLICY_FLAG = "kube-apiserver.auditPolicyFile";


    public static final String POLICY_FILE = "audit.policyFile";
    public static final String SECRET_BODIES = "audit.secrets.bodiesLogged";

    /** The resources whose level the checks read: {@code audit.<name>.level}. */
    static final List<Resource> RESOURCES = List.of(
            new Resource("secrets", "", true, AuditPolicyEvaluator.VERBS),
            new Resource("configmaps", "", true, AuditPolicyEvaluator.VERBS),
            // the TokenReview API has one verb, create, and is cluster-scoped
            new Resource("tokenreviews", "authentication.k8s.io", false, List.of("create")));

    public static final KeySpace KEYS = KeySpace.of(new KeyPattern.Fixed(POLICY_FILE), new KeyPattern.Fixed(SECRET_BODIES),
            KeyPattern.Family.of(KeyPattern.Segment.literal("audit"),
                    KeyPattern.Segment.oneOf(Set.of("secrets", "configmaps", "tokenreviews")),
                    KeyPattern.Segment.literal("level")));

    record Resource(String name, String apiGroup, boolean namespaced, List<String> verbs) {
    }

    private record Cached(String path, String source, byte[] bytes, List<Fact> facts) {
    }

    private Cached cached;

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public KeySpace keys() {
        return KEYS;
    }

    /** Everything here follows kube-apiserver's flag, so a replaced API server process makes it an ERROR. */
    @Override
    public Optional<String> component(String key) {
        return Optional.of("kube-apiserver");
    }

    @Override
    public List<Fact> read(HostScan host, HostFacts known) {
        Fact flag = known.get(POLICY_FLAG);
        switch (flag.state()) {
            case ABSENT -> {
                // control-plane.*, not process.*: an API server embedded in k3s has no process of its own
                Fact apiserver = known.get("control-plane.kube-apiserver");
                return all(key -> Fact.absent(key, apiserver.isPresent()
                        ? "kube-apiserver has no --audit-policy-file, so it records no audit events"
                        : "kube-apiserver does not run on this node"));
            }
            case ERROR -> {
                return all(key -> Fact.error(key, "cannot tell which audit policy: " + flag.key() + " is unknown ("
                        + flag.reason() + ")"));
            }
            default -> {
            }
        }
        String path = flag.value();
        host.read(path);
        byte[] bytes;
        try {
            bytes = BoundedFiles.read(HostLinks.follow(host.root(), path), BoundedFiles.MAX_BYTES);
        } catch (NoSuchFileException e) {
            String why = path + " is named by " + flag.source() + " but is not visible under the host root"
                    + inPod(host, known);
            return all(key -> Fact.error(key, why));
        } catch (IOException e) {
            return all(key -> Fact.error(key, IoErrors.unreadable(path, e)));
        }
        if (cached != null && cached.path.equals(path) && cached.source.equals(flag.source())
                && Arrays.equals(cached.bytes, bytes)) {
            return cached.facts;
        }
        List<Fact> facts = evaluate(path, flag.source(), bytes);
        cached = new Cached(path, flag.source(), bytes, facts);
        return facts;
    }

    static List<Fact> evaluate(String path, String flagSource, byte[] bytes) {
        AuditPolicyDecoder.Decoded decoded;
        try {
            decoded = AuditPolicyDecoder.decode(bytes, path);
        } catch (AuditPolicyDecoder.Refused refused) {
            return all(key -> Fact.error(key, "audit policy " + path + ": " + refused.getMessage()));
        }
        List<Fact> facts = new ArrayList<>();
        String loaded = flagSource + (decoded.ignored().isEmpty() ? ""
                : "; kube-apiserver ignores the unknown fields " + String.join(", ", decoded.ignored()));
        facts.add(Fact.present(POLICY_FILE, path, loaded));
        AuditPolicy policy = decoded.policy();
        for (Resource resource : RESOURCES) {
            AuditPolicyEvaluator.Decision lowest = AuditPolicyEvaluator.ordinary(policy, resource.apiGroup(),
                    resource.name(), resource.namespaced(), resource.verbs());
            facts.add(Fact.present("audit." + resource.name() + ".level", lowest.level().name(),
                    path + ": " + lowest.explain()));
        }
        try {
            AuditPolicyEvaluator.Decision highest = AuditPolicyEvaluator.highest(policy, "", "secrets", true);
            facts.add(Fact.present(SECRET_BODIES, Boolean.toString(highest.level().logsBodies()),
                    path + ": " + (highest.level().logsBodies() ? "" : "at most level " + highest.level() + "; ")
                            + highest.explain()));
        } catch (IllegalArgumentException tooMany) {
            facts.add(Fact.error(SECRET_BODIES, path + ": " + tooMany.getMessage()));
        }
        return facts;
    }

    /** Why a file kube-apiserver names may be missing here: it may live in its container. */
    private static String inPod(HostScan host, HostFacts known) {
        Fact apiserver = known.get("process.kube-apiserver");
        if (!apiserver.isPresent()) {
            return "";
        }
        try {
            return host.processes().entry(Integer.parseInt(apiserver.value()))
                    .flatMap(ProcessSnapshot.Entry::podPath)
                    .map(pod -> " (kube-apiserver runs in a pod: mount the file from the host at the same path,"
                            + " as kubeadm's apiServer.extraVolumes do)")
                    .orElse(" (not mounted?)");
        } catch (NumberFormatException e) {
            return "";
        }
    }

    private static List<Fact> all(java.util.function.Function<String, Fact> fact) {
        List<Fact> facts = new ArrayList<>();
        facts.add(fact.apply(POLICY_FILE));
        for (Resource resource : RESOURCES) {
            facts.add(fact.apply("audit." + resource.name() + ".level"));
        }
        facts.add(fact.apply(SECRET_BODIES));
        return facts;
    }
}
