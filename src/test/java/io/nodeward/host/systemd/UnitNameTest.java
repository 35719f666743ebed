package io.nodeward.host.systemd;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** systemd's unit-name rules (src/basic/unit-name.c), as the drop-in search uses them. */
class UnitNameTest {

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "foo-bar-baz.service, foo-bar-.service",
            "foo-bar-.service,    foo-.service",
            "foo-.service,        none",
            "kubelet.service,     none",
            "-leading.service,    none",
            "k3s-agent.service,   k3s-.service",
            "getty-x@tty1.service, getty-@tty1.service"})
    void dashPrefixesAreTheNextShorterNameWhoseDropInsApply(String name, String prefix) {
        assertEquals(Optional.ofNullable(prefix), UnitName.dashPrefix(name));
    }

    @ParameterizedTest
    @CsvSource({
            "kubelet.service, true",
            "snap.kubelet.daemon.service, true",
            "kubelet.servic, false",
            "@x.service, false",
            "kube let.service, false",
            ".service, false"})
    void validNamesHaveAKnownTypeAndSystemdsCharacters(String name, boolean valid) {
        assertEquals(valid, UnitName.isValid(name));
    }
}
