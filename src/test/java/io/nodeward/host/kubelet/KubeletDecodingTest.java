package io.nodeward.host.kubelet;

import io.nodeward.host.Fact;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.nodeward.host.kubelet.KubeletReaderTest.KUBELET_CONFIGURATION;
import static io.nodeward.host.kubelet.KubeletReaderTest.assertError;
import static io.nodeward.host.kubelet.KubeletReaderTest.assertPresent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kubelet's config file and drop-ins decoded as the kubelet decodes them, on a kubeadm worker
 * (the {@code kubeadm-worker} fixture: {@code --config=/var/lib/kubelet/config.yaml}) whose config
 * file each test replaces. A refused file makes every setting it could hold an ERROR quoting the
 * kubelet; flags stay known.
 */
class KubeletDecodingTest {

    private static final String CONFIG = "/var/lib/kubelet/config.yaml";
    private static final String SOURCE = "config file " + CONFIG;
    private static final String REFUSED = "kubelet config file " + CONFIG + ": the kubelet refuses it: ";

    @TempDir
    Path dir;

    // ---- files the kubelet refuses

    @Test
    void anEmptyFileIsRefused() {
        // pkg/kubelet/kubeletconfig/configfiles/configfiles.go fsLoader.Load: len(data) == 0
        Map<String, Fact> facts = scan("");

        assertError(facts, "kubelet.readOnlyPort", REFUSED + "kubelet config file \"" + CONFIG + "\" was empty");
        assertPresent(facts, "kubelet.kubeconfig", "/etc/kubernetes/kubelet.conf", "flag --kubeconfig");
    }

    @Test
    void aFileOfOnlyCommentsAndDocumentMarkersHasNoKind() {
        // not empty, so it reaches the decoder: go-yaml yields nil, apimachinery runtime/serializer/json
        // json.go Decode -> runtime.NewMissingKindErr
        assertError(scan("# managed by puppet\n---\n"), "kubelet.authorization.mode",
                REFUSED + "failed to decode: Object 'Kind' is missing in '# managed by puppet\\n---\\n'");
    }

    @Test
    void aFileWithoutKindIsRefused() {
        // json.go Decode: actual.Kind == "" -> NewMissingKindErr(string(originalData))
        assertError(scan("apiVersion: kubelet.config.k8s.io/v1beta1\nreadOnlyPort: 0\n"), "kubelet.readOnlyPort",
                REFUSED + "failed to decode: Object 'Kind' is missing in 'apiVersion: kubelet.config.k8s.io/v1beta1\\nreadOnlyPort: 0\\n'");
    }

    @Test
    void aFileWithoutApiVersionIsRefused() {
        // json.go Decode: actual.Version == "" -> NewMissingVersionErr
        assertError(scan("kind: KubeletConfiguration\nreadOnlyPort: 0\n"), "kubelet.readOnlyPort",
                REFUSED + "failed to decode: Object 'apiVersion' is missing in 'kind: KubeletConfiguration\\nreadOnlyPort: 0\\n'");
    }

    @Test
    void aVersionTheSchemeDoesNotRegisterIsRefused() {
        // pkg/kubelet/apis/config/scheme/scheme.go registers only v1beta1 KubeletConfiguration;
        // json.go Decode -> runtime.UseOrCreateObject -> NotRegisteredError
        assertError(scan("apiVersion: kubelet.config.k8s.io/v1\nkind: KubeletConfiguration\n"), "kubelet.readOnlyPort",
                REFUSED + "failed to decode: no kind \"KubeletConfiguration\" is registered for version \"kubelet.config.k8s.io/v1\"");
    }

    @Test
    void aQuotedBooleanIsAStringWhereABoolIsDue() {
        // kubernetes-sigs/json decode.go literalStore: UnmarshalTypeError, fatal in both passes
        // (pkg/kubelet/kubeletconfig/util/codec/codec.go DecodeKubeletConfiguration: "failed to decode")
        assertError(scan(KUBELET_CONFIGURATION + "authentication:\n  anonymous:\n    enabled: \"false\"\n"),
                "kubelet.authentication.anonymous.enabled", REFUSED + "failed to decode: json: cannot unmarshal string"
                        + " into Go struct field KubeletAnonymousAuthentication.authentication.anonymous.enabled of type bool");
    }

    @Test
    void aQuotedPortIsAStringWhereAnInt32IsDue() {
        // decode.go literalStore: no ",string" tag on readOnlyPort
        assertError(scan(KUBELET_CONFIGURATION + "readOnlyPort: \"0\"\n"), "kubelet.readOnlyPort",
                REFUSED + "failed to decode: json: cannot unmarshal string into Go struct field"
                        + " KubeletConfiguration.readOnlyPort of type int32");
    }

    @Test
    void aMapWhereAListIsDueIsRefused() {
        // decode.go object(): an object into []string
        assertError(scan(KUBELET_CONFIGURATION + "clusterDNS: {primary: 10.96.0.10}\n"), "kubelet.clusterDNS",
                REFUSED + "failed to decode: json: cannot unmarshal object into Go struct field"
                        + " KubeletConfiguration.clusterDNS of type []string");
    }

    @Test
    void aNumberWhereAStringIsDueIsRefused() {
        // sigs.k8s.io/yaml YAMLToJSON has no target, so 100 stays a number (no coercion); decode.go literalStore
        assertError(scan(KUBELET_CONFIGURATION + "evictionHard:\n  memory.available: 100\n"),
                "kubelet.readOnlyPort", REFUSED + "failed to decode: json: cannot unmarshal number"
                        + " into Go struct field KubeletConfiguration.evictionHard of type string");
    }

    @Test
    void aPortBeyondInt32IsRefused() {
        // decode.go literalStore: ParseInt then v.OverflowInt for int32
        assertError(scan(KUBELET_CONFIGURATION + "port: 99999999999\n"), "kubelet.port",
                REFUSED + "failed to decode: json: cannot unmarshal number 99999999999 into Go struct field"
                        + " KubeletConfiguration.port of type int32");
    }

    @Test
    void aDurationTimeParseDurationRejectsIsRefused() {
        // apimachinery pkg/apis/meta/v1/duration.go Duration.UnmarshalJSON returns time.ParseDuration's
        // error; Go's unit is everything up to the next digit or '.', here " hours"
        assertError(scan(KUBELET_CONFIGURATION + "streamingConnectionIdleTimeout: 4 hours\n"),
                "kubelet.streamingConnectionIdleTimeout",
                REFUSED + "failed to decode: time: unknown unit \" hours\" in duration \"4 hours\"");
    }

    @Test
    void invalidUtf8IsRefused() throws IOException {
        // go-yaml v2 readerc.go yaml_parser_update_buffer
        NodeTree node = worker();
        Files.write(node.root().resolve("var/lib/kubelet/config.yaml"),
                (KUBELET_CONFIGURATION + "clusterDomain: caf\u00e9.local\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertError(read(node), "kubelet.clusterDomain", REFUSED + "failed to decode: yaml: invalid trailing UTF-8 octet");
    }

    @Test
    void aJsonSyntaxErrorIsRefusedWithoutAYamlRetry() {
        // a leading '{' selects the JSON serializer (util/yaml IsJSONBuffer); Interpret's json.Unmarshal fails
        assertError(scan("{\"apiVersion\": \"kubelet.config.k8s.io/v1beta1\", \"kind\": \"KubeletConfiguration\",}"),
                "kubelet.readOnlyPort", "kubelet config file " + CONFIG + ":1: the kubelet refuses it: failed to decode:"
                        + " couldn't get version/kind; json parse error: invalid character '}' looking for beginning of object key string");
    }

    @Test
    void billionLaughsIsRefusedFastAndBounded() {
        // go-yaml v2 decode.go unmarshal: aliasCount/decodeCount over allowedAliasRatio. Nine levels of
        // nine aliases would be 387,420,489 strings; about 390 bytes of YAML.
        StringBuilder yaml = new StringBuilder(KUBELET_CONFIGURATION + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++) {
            String previous = "*a" + (level - 1);
            yaml.append("a").append(level).append(": &a").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, previous))).append("]\n");
        }
        // measured on this machine (-Xmx64m): the scan of this node takes ~20 ms and allocates < 4 MB
        Map<String, Fact> facts = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> scan(yaml.toString()));

        assertError(facts, "kubelet.readOnlyPort", REFUSED + "failed to decode: yaml: document contains excessive aliasing");
    }

    @Test
    void aliasExpansionUnderTheRatioStopsAtNodewardsBudget() {
        // 2,000 real nodes let 99 % of 200,000 come from aliases: go-yaml would go on, nodeward stops
        StringBuilder yaml = new StringBuilder(KUBELET_CONFIGURATION + "pad: [" + "x, ".repeat(2_000) + "x]\n");
        yaml.append("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 6; level++) {
            yaml.append("a").append(level).append(": &a").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (level - 1)))).append("]\n");
        }
        Map<String, Fact> facts = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> scan(yaml.toString()));

        assertError(facts, "kubelet.readOnlyPort", "kubelet config file " + CONFIG + ": not decoded: more than 100000"
                + " YAML nodes once aliases are expanded (nodeward's bound; a kubelet configuration has a few hundred)");
    }

    @Test
    void deepNestingStopsAtNodewardsBound() {
        // go-yaml would go to 10000 levels (scannerc.go max_flow_level); nodeward's walks are recursive
        Map<String, Fact> facts = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> scan(KUBELET_CONFIGURATION + "d: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n"));

        assertError(facts, "kubelet.readOnlyPort", "kubelet config file " + CONFIG
                + ":3: not decoded: nested deeper than 1000 levels (nodeward's bound)");
    }

    // ---- values as go-yaml v2 resolves them

    @Test
    void yaml11BooleansAreBooleans() {
        // go-yaml v2 resolve.go resolveMapList: yes/on/y are true, no/off/n false
        Map<String, Fact> facts = scan(KUBELET_CONFIGURATION + "authentication:\n  anonymous: {enabled: yes}\n"
                + "serverTLSBootstrap: on\nprotectKernelDefaults: n\n");

        assertPresent(facts, "kubelet.authentication.anonymous.enabled", "true", SOURCE);
        assertPresent(facts, "kubelet.serverTLSBootstrap", "true", SOURCE);
        assertPresent(facts, "kubelet.protectKernelDefaults", "false", SOURCE);
    }

    @Test
    void yaml11IntegersAreGoBaseZeroIntegers() {
        // resolve.go: underscores dropped, then strconv.ParseInt(plain, 0, 64): 0x1F, octal 017
        Map<String, Fact> facts = scan(KUBELET_CONFIGURATION + "readOnlyPort: 0x0\nmaxPods: 0x1F\npodPidsLimit: 017\n"
                + "eventBurst: 1_000\n");

        assertPresent(facts, "kubelet.readOnlyPort", "0", SOURCE);
        assertPresent(facts, "kubelet.maxPods", "31", SOURCE);
        assertPresent(facts, "kubelet.podPidsLimit", "15", SOURCE);
        assertPresent(facts, "kubelet.eventBurst", "1000", SOURCE);
    }

    @Test
    void unknownAndMiscasedFieldsAreIgnored() {
        // the strict pass fails on them; codec.go DecodeKubeletConfiguration retries leniently, which drops them
        Map<String, Fact> facts = scan(KUBELET_CONFIGURATION + "ReadOnlyPort: 10255\nreadOnlyPortt: 10255\n"
                + "authentication: {anonymous: {enabled: false, enable: true}}\n");

        assertPresent(facts, "kubelet.readOnlyPort", "0", "default (config file in use)");
        assertPresent(facts, "kubelet.authentication.anonymous.enabled", "false", SOURCE);
        assertTrue(!facts.containsKey("kubelet.authentication.anonymous.enable"));
    }

    @Test
    void aDuplicateKeyTakesTheLastValueAndTheSourceSaysWhy() {
        // go-yaml v2 decode.go setMapIndex: the strict pass fails ("already set in map"), the lenient
        // pass the kubelet falls back to overwrites
        Map<String, Fact> facts = scan(KUBELET_CONFIGURATION + "readOnlyPort: 0\nmaxPods: 50\nreadOnlyPort: 10255\n");

        assertPresent(facts, "kubelet.readOnlyPort", "10255", SOURCE
                + " (duplicate key readOnlyPort: the kubelet's lenient decoding takes the last, line 5)");
        assertPresent(facts, "kubelet.maxPods", "50", SOURCE);
    }

    @Test
    void aMergeKeyOverridesKeysWrittenBeforeIt() {
        // go-yaml v2 decode.go mapping/merge: the merge is applied where << stands, into the same map
        Map<String, Fact> facts = scan(KUBELET_CONFIGURATION + """
                x-defaults: &defaults {readOnlyPort: 10255, eventRecordQPS: 5}
                authentication: {anonymous: {enabled: false}}
                readOnlyPort: 0
                <<: *defaults
                eventRecordQPS: 7
                """);

        assertPresent(facts, "kubelet.readOnlyPort", "10255", SOURCE + " (the merge key << on line 6 overrides"
                + " readOnlyPort on line 5: go-yaml v2 merges where << stands, so keys before it lose)");
        assertPresent(facts, "kubelet.eventRecordQPS", "7", SOURCE
                + " (eventRecordQPS on line 7 overrides the value merged by << on line 6)");
    }

    @Test
    void inASequenceOfMergedMapsTheFirstWins() {
        // decode.go merge: "Step backwards as earlier nodes take precedence"
        Map<String, Fact> facts = scan(KUBELET_CONFIGURATION + """
                x-a: &a {maxPods: 10}
                x-b: &b {maxPods: 20, podPidsLimit: 100}
                <<: [*a, *b]
                """);

        assertPresent(facts, "kubelet.maxPods", "10", SOURCE + " (maxPods from the first map listed in the merge key"
                + " << on line 5: go-yaml v2 applies them last to first)");
        assertPresent(facts, "kubelet.podPidsLimit", "100", SOURCE + " (podPidsLimit comes from the merge key << on line 5)");
    }

    @Test
    void onlyTheFirstDocumentCounts() {
        // go-yaml v2 yaml.go unmarshal parses one document
        Map<String, Fact> facts = scan(KUBELET_CONFIGURATION + "readOnlyPort: 0\n---\nreadOnlyPort: 10255\n");

        assertPresent(facts, "kubelet.readOnlyPort", "0", SOURCE);
    }

    // ---- drop-ins

    @Test
    void aDropInWithoutKindIsRefused() {
        // cmd/kubelet/app/server.go mergeKubeletConfigurations -> codec.go DecodeKubeletConfigurationIntoJSON:
        // decoding into an Unstructured requires a kind (json.go Decode)
        NodeTree node = worker().process(1234, "/usr/bin/kubelet", "--config=" + CONFIG,
                        "--config-dir=/etc/kubernetes/kubelet.conf.d", "--kubeconfig=/etc/kubernetes/kubelet.conf")
                .write("/etc/kubernetes/kubelet.conf.d/10-ro.conf", "readOnlyPort: 0\n");

        assertError(read(node), "kubelet.readOnlyPort", "kubelet drop-in /etc/kubernetes/kubelet.conf.d/10-ro.conf:"
                + " the kubelet refuses it: failed to decode: Object 'Kind' is missing in 'readOnlyPort: 0\\n'");
    }

    @Test
    void anEmptyDropInIsRefused() {
        // the drop-in goes through the same fsLoader, whose empty check is fatal
        NodeTree node = worker().process(1234, "/usr/bin/kubelet", "--config=" + CONFIG,
                        "--config-dir=/etc/kubernetes/kubelet.conf.d", "--kubeconfig=/etc/kubernetes/kubelet.conf")
                .write("/etc/kubernetes/kubelet.conf.d/10-empty.conf", "");

        assertError(read(node), "kubelet.authorization.mode", "kubelet drop-in /etc/kubernetes/kubelet.conf.d/10-empty.conf:"
                + " the kubelet refuses it: kubelet config file \"/etc/kubernetes/kubelet.conf.d/10-empty.conf\" was empty");
    }

    @Test
    void aDuplicateKeyInADropInIsFatal() {
        // DecodeKubeletConfigurationIntoJSON returns the strict error: drop-ins get no lenient retry
        NodeTree node = worker().process(1234, "/usr/bin/kubelet", "--config=" + CONFIG,
                        "--config-dir=/etc/kubernetes/kubelet.conf.d", "--kubeconfig=/etc/kubernetes/kubelet.conf")
                .write("/etc/kubernetes/kubelet.conf.d/10-ro.conf", KUBELET_CONFIGURATION + "readOnlyPort: 0\nreadOnlyPort: 10255\n");

        assertError(read(node), "kubelet.readOnlyPort", "kubelet drop-in /etc/kubernetes/kubelet.conf.d/10-ro.conf:"
                + " the kubelet refuses it: strict decoding error: yaml: unmarshal errors: line 4: key \"readOnlyPort\" already set in map");
    }

    // ---- helpers

    private NodeTree worker() {
        return NodeTree.of(dir, "kubeadm-worker");
    }

    /** The kubeadm worker with {@code yaml} as its kubelet config file. */
    private Map<String, Fact> scan(String yaml) {
        return read(worker().write(CONFIG, yaml));
    }

    private static Map<String, Fact> read(NodeTree node) {
        return KubeletReaderTest.read(node.root());
    }
}
