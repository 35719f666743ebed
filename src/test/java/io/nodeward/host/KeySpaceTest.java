package io.nodeward.host;

import io.nodeward.host.KeyPattern.Family;
import io.nodeward.host.KeyPattern.FieldPath;
import io.nodeward.host.KeyPattern.Fixed;
import io.nodeward.host.KeyPattern.Segment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeySpaceTest {

    private static final KeySpace FIXED = KeySpace.of(new Fixed("sshd.configfile"));
    private static final KeySpace ROLES = KeySpace.of(Family.of(Segment.literal("file"),
            Segment.oneOf(Set.of("kubelet-config", "kubelet-unit")), Segment.oneOf(Set.of("path", "mode", "owner"))));
    private static final KeySpace PORTS = KeySpace.of(Family.of(Segment.literal("port"), Segment.port(),
            Segment.oneOf(Set.of("listening", "wildcard", "exposed"))));
    private static final KeySpace FIELDS = KeySpace.of(new FieldPath("kubelet",
            Set.of("authentication", "readOnlyPort", "protectKernelDefaults")));

    @Test
    void aFixedKeyIsOnlyItself() {
        assertTrue(FIXED.contains("sshd.configfile"));
        assertFalse(FIXED.contains("sshd.configfil"));
        assertFalse(FIXED.contains("sshd.configfile.x"));
        assertFalse(FIXED.contains("sshd"));
        assertEquals(Optional.of("sshd.configfile"), FIXED.nearest("sshd.confgfile"));
    }

    @Test
    void aFamilyTakesOneOfEachSegmentsWords() {
        assertTrue(ROLES.contains("file.kubelet-config.mode"));
        assertTrue(ROLES.contains("file.kubelet-unit.owner"));
        assertFalse(ROLES.contains("file.kubelet-confg.mode"));
        assertFalse(ROLES.contains("file.kubelet-config.perms"));
        assertFalse(ROLES.contains("file.kubelet-config"));
        assertFalse(ROLES.contains("file.kubelet-config.mode.x"));
        assertEquals(Optional.of("file.kubelet-config.mode"), ROLES.nearest("file.kubelet-confg.mode"));
        assertEquals(Optional.of("file.kubelet-unit.owner"), ROLES.nearest("file.kubelet-unit.ownr"));
    }

    @Test
    void aPortIsOneTo65535InPlainDecimal() {
        assertTrue(PORTS.contains("port.1.listening"));
        assertTrue(PORTS.contains("port.10255.exposed"));
        assertTrue(PORTS.contains("port.65535.wildcard"));
        assertFalse(PORTS.contains("port.0.listening"));
        assertFalse(PORTS.contains("port.65536.listening"));
        assertFalse(PORTS.contains("port.99999.listening"));
        assertFalse(PORTS.contains("port.022.listening"));
        assertFalse(PORTS.contains("port.+22.listening"));
        assertFalse(PORTS.contains("port.ssh.listening"));
    }

    @Test
    void aPortSuggestionKeepsTheUsersNumber() {
        assertEquals(Optional.of("port.10255.listening"), PORTS.nearest("port.10255.listenng"));
        // no port is near an impossible one: 65,535 candidates would not be cheap, nor helpful
        assertEquals(Optional.empty(), PORTS.nearest("port.99999.listening"));
    }

    @Test
    void aFieldPathNeedsAKnownFirstFieldThenIdentifiers() {
        assertTrue(FIELDS.contains("kubelet.readOnlyPort"));
        assertTrue(FIELDS.contains("kubelet.authentication.anonymous.enabled"));
        assertTrue(FIELDS.contains("kubelet.authentication.x509.clientCAFile"));
        assertFalse(FIELDS.contains("kubelet"));
        assertFalse(FIELDS.contains("kubelet.readOnlyPrt"));
        assertFalse(FIELDS.contains("kubelet.authentication.anonymous-auth"));
        assertFalse(FIELDS.contains("kubelet.authentication.9x"));
        assertFalse(FIELDS.contains("kube.readOnlyPort"));
    }

    @Test
    void aFieldPathSuggestionKeepsTheUsersSubPath() {
        assertEquals(Optional.of("kubelet.readOnlyPort"), FIELDS.nearest("kubelet.readOnlyPrt"));
        assertEquals(Optional.of("kubelet.authentication.anonymous.enabled"),
                FIELDS.nearest("kubelet.authentcation.anonymous.enabled"));
        assertEquals(Optional.of("kubelet.protectKernelDefaults"), FIELDS.nearest("kubelet.protectKernelDefault"));
    }

    @Test
    void malformedKeysAreUnknown() {
        for (String key : new String[]{null, "", ".", "kubelet.", ".kubelet.readOnlyPort", "kubelet..readOnlyPort",
                "file.kubelet-config..mode"}) {
            assertFalse(FIELDS.contains(key), key);
            assertFalse(ROLES.contains(key), key);
        }
    }

    @Test
    void aKeyLongerThanTheBoundIsUnknownWithoutSuggestion() {
        String longest = "kubelet.authentication." + "a".repeat(KeySpace.MAX_KEY_LENGTH - 23);
        assertEquals(KeySpace.MAX_KEY_LENGTH, longest.length());
        assertTrue(FIELDS.contains(longest));
        assertFalse(FIELDS.contains(longest + "a"));
        assertEquals(Optional.empty(), FIELDS.nearest(longest + "a"));
    }

    @Test
    void twoThousandSegmentsAreUnknownAndCheap() {
        String hostile = "kubelet.readOnlyPort" + ".a".repeat(2_000);

        assertFalse(FIELDS.contains(hostile));
        assertEquals(Optional.empty(), FIELDS.nearest(hostile));
        assertFalse(KeySpace.union(List.of(FIXED, ROLES, PORTS, FIELDS)).contains(hostile));
    }

    @Test
    void nothingIsSuggestedForAKeyFarFromEveryDeclaredOne() {
        assertEquals(Optional.empty(), ROLES.nearest("process.kubelet"));
        assertEquals(Optional.empty(), FIELDS.nearest("kubelet.somethingElseEntirely"));
    }

    @Test
    void aDeclaredKeyIsItsOwnNearest() {
        assertEquals(Optional.of("kubelet.readOnlyPort"), FIELDS.nearest("kubelet.readOnlyPort"));
    }

    @Test
    void aUnionHoldsEveryKeyAndSuggestsAcrossSpaces() {
        KeySpace all = KeySpace.union(List.of(FIXED, ROLES, PORTS, FIELDS));

        assertTrue(all.contains("sshd.configfile"));
        assertTrue(all.contains("file.kubelet-unit.mode"));
        assertTrue(all.contains("port.22.exposed"));
        assertTrue(all.contains("kubelet.readOnlyPort"));
        assertEquals(Optional.of("kubelet.readOnlyPort"), all.nearest("kubelet.readOnlyPrt"));
        assertEquals(Optional.of("sshd.configfile"), all.nearest("sshd.configfil"));
    }

    @Test
    void anAliasIsNotAKeyButSuggestsTheKeyItIsReadAs() {
        KeySpace sshd = KeySpace.of(Family.of(Segment.literal("sshd"),
                        Segment.oneOf(Set.of("kbdinteractiveauthentication", "permitrootlogin"))))
                .withAliases(Map.of("sshd.challengeresponseauthentication", "sshd.kbdinteractiveauthentication"));

        assertFalse(sshd.contains("sshd.challengeresponseauthentication"));
        assertEquals(Optional.of("sshd.kbdinteractiveauthentication"), sshd.nearest("sshd.challengeresponseauthentication"));
        assertThrows(IllegalArgumentException.class, () -> sshd.withAliases(Map.of("sshd.x", "sshd.y")));
    }

    @Test
    void tiesGoToTheEarlierDeclaredKey() {
        KeySpace space = KeySpace.of(new Fixed("a.bc"), new Fixed("a.bd"));
        assertEquals(Optional.of("a.bc"), space.nearest("a.be"));
    }
}
