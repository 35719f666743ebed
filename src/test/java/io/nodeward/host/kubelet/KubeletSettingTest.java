package io.nodeward.host.kubelet;

import io.nodeward.host.kubelet.KubeletSetting.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KubeletSettingTest {

    private static final KubeletSetting IDLE = KubeletSettings.ALL.stream()
            .filter(s -> s.path().equals("streamingConnectionIdleTimeout")).findFirst().orElseThrow();

    @ParameterizedTest
    @ValueSource(strings = {"0", "0s", "0m", "0h0m0s", "0ms", "0.0s"})
    void zeroDurations(String text) {
        assertTrue(IDLE.isZero(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4h0m0s", "1s", "10m", "0h5m0s", "500ms"})
    void nonZeroDurations(String text) {
        assertFalse(IDLE.isZero(text));
    }

    @ParameterizedTest
    @CsvSource({"true,true", "True,true", "TRUE,true", "t,true", "1,true", "false,false", "F,false", "0,false",
            "yes,yes"})
    void booleanFlagsAreNormalisedLikeStrconvParseBool(String written, String normalised) {
        assertEquals(normalised, Kind.BOOLEAN.fromFlag(written));
    }

    @Test
    void listsAreCommaJoinedWithoutSpaces() {
        assertEquals("A,B", Kind.LIST.fromFlag("A, B,"));
        assertEquals("A,B", Kind.LIST.fromDocument(List.of("A", "B")));
    }

    @Test
    void everyModelledKeyIsInTheCatalogue() {
        KubeletSettings.ALL.forEach(s -> assertTrue(KubeletReader.KEYS.contains(s.key()), s.key()));
    }

    @Test
    void theTwoDefaultSetsDifferWhereTheKubeletsDo() {
        Map<String, String[]> expected = Map.of(
                "authentication.anonymous.enabled", new String[]{"false", "true"},
                "authentication.webhook.enabled", new String[]{"true", "false"},
                "authorization.mode", new String[]{"Webhook", "AlwaysAllow"},
                "readOnlyPort", new String[]{"0", "10255"});
        for (KubeletSetting s : KubeletSettings.ALL) {
            String[] pair = expected.getOrDefault(s.path(), new String[]{s.configDefault(), s.configDefault()});
            assertEquals(pair[0], s.defaultFor(true), s.path());
            assertEquals(pair[1], s.defaultFor(false), s.path());
        }
    }
}
