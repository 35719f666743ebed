package io.nodeward.host.passwd;

import io.nodeward.host.HostRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HostAccountsTest {

    @Test
    void parsesNamesByIdSkippingCommentsNisEntriesAndMalformedLines() {
        String passwd = """
                root:x:0:0:root:/root:/bin/bash
                # a comment
                etcd:x:999:999:etcd user:/var/lib/etcd:/usr/sbin/nologin
                broken line without colons
                bad:x:notanumber:0::/:/bin/false
                +nisuser::::::

                toor:x:0:0:second name for uid 0:/root:/bin/sh
                """;
        assertEquals(Map.of(0, "root", 999, "etcd"), HostAccounts.parse(passwd));
    }

    @Test
    void ownerUsesHostNamesAndFallsBackToNumbers() {
        HostAccounts accounts = new HostAccounts(Map.of(0, "root", 999, "etcd"), Map.of(0, "root"));
        assertEquals("root:root", accounts.owner(0, 0));
        assertEquals("etcd:999", accounts.owner(999, 999));
        assertEquals("1234:5", accounts.owner(1234, 5));
    }

    @Test
    void readsPasswdAndGroupUnderTheHostRoot(@TempDir Path host) throws Exception {
        Files.createDirectories(host.resolve("etc"));
        Files.writeString(host.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\netcd:x:999:999::/:/bin/false\n");
        Files.writeString(host.resolve("etc/group"), "root:x:0:\netcd:x:999:\n");
        assertEquals("etcd:etcd", HostAccounts.read(HostRoot.of(host)).owner(999, 999));
    }

    @Test
    void readingBothFilesLeavesNothingUnreadable(@TempDir Path host) throws Exception {
        Files.createDirectories(host.resolve("etc"));
        Files.writeString(host.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        Files.writeString(host.resolve("etc/group"), "root:x:0:\n");
        assertEquals(List.of(), HostAccounts.read(HostRoot.of(host)).unreadable());
    }

    @Test
    void missingFilesAreNamedAsUnreadable(@TempDir Path host) {
        HostAccounts accounts = HostAccounts.read(HostRoot.of(host));

        assertEquals(List.of("/etc/passwd does not exist", "/etc/group does not exist"), accounts.unreadable());
        assertEquals("0:0", accounts.owner(0, 0));
    }

    @Test
    void aDirectoryWhereGroupShouldBeIsNamedAsUnreadable(@TempDir Path host) throws Exception {
        Files.createDirectories(host.resolve("etc/group"));
        Files.writeString(host.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");

        assertEquals(List.of("/etc/group: not a regular file (a directory)"), HostAccounts.read(HostRoot.of(host)).unreadable());
    }
}
