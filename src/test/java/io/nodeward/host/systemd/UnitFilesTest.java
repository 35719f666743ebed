package io.nodeward.host.systemd;

import io.nodeward.host.HostRoot;
import io.nodeward.testing.NodeTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kubelet unit's files as systemd finds them (path-lookup.c, unit-file.c, dropin.c, conf-files.c),
 * on trees laid out as real packages and administrators leave them. The unit and drop-in are those
 * of kubernetes/release ({@code cmd/krel/templates/latest/kubelet/kubelet.service} and
 * {@code kubeadm/10-kubeadm.conf}, in the {@code kubeadm-shipped} fixture), which the deb installs
 * under {@code /usr/lib/systemd/system} ({@code %{_unitdir}}).
 */
class UnitFilesTest {

    static final String UNIT = "[Unit]\nDescription=kubelet: The Kubernetes Node Agent\n\n[Service]\nExecStart=/usr/bin/kubelet\n";
    static final String DROP_IN = "[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--node-labels=pool=a\"\n";

    @TempDir
    Path dir;

    @Test
    void kubeadmsPackagesInstallTheUnitAndItsDropInUnderUsrLib() throws IOException {
        NodeTree node = NodeTree.of(dir, "kubeadm-shipped");

        assertEquals(new UnitFiles.Loaded("/usr/lib/systemd/system/kubelet.service", List.of(),
                        List.of("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf")),
                find(node));
    }

    @Test
    void aUnitInUsrLocalLibWinsOverTheDistributionsAndLosesToEtc() throws IOException {
        NodeTree node = NodeTree.of(dir)
                .write("/usr/lib/systemd/system/kubelet.service", UNIT)
                .write("/usr/local/lib/systemd/system/kubelet.service", UNIT);

        assertEquals("/usr/local/lib/systemd/system/kubelet.service", loaded(node).fragment());

        node.write("/etc/systemd/system/kubelet.service", UNIT);

        assertEquals("/etc/systemd/system/kubelet.service", loaded(node).fragment());
    }

    @Test
    void aRuntimeControlDropInMasksTheSameNameInEtcWhileEtcMasksRunSystemd() throws IOException {
        // /run/systemd/system.control (systemctl set-property --runtime) is searched before /etc/systemd/system,
        // which is searched before /run/systemd/system
        NodeTree node = NodeTree.of(dir, "kubeadm-shipped")
                .write("/etc/systemd/system/kubelet.service.d/20-extra.conf", DROP_IN)
                .write("/run/systemd/system.control/kubelet.service.d/20-extra.conf", "[Service]\nCPUQuota=50%\n")
                .write("/etc/systemd/system/kubelet.service.d/30-labels.conf", DROP_IN)
                .write("/run/systemd/system/kubelet.service.d/30-labels.conf", DROP_IN);

        assertEquals(List.of("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf",
                        "/run/systemd/system.control/kubelet.service.d/20-extra.conf",
                        "/etc/systemd/system/kubelet.service.d/30-labels.conf"),
                loaded(node).dropIns());
    }

    @Test
    void aDropInLinkedToDevNullMasksTheSameNameBelowAndIsNoFileToCheck() throws IOException {
        NodeTree node = NodeTree.of(dir, "kubeadm-shipped")
                .link("/etc/systemd/system/kubelet.service.d/10-kubeadm.conf", "/dev/null");

        assertEquals(List.of(), loaded(node).dropIns());
    }

    @Test
    void dropInsApplyInFileNameOrderWhicheverDirectoryTheyComeFrom() throws IOException {
        NodeTree node = NodeTree.of(dir, "kubeadm-shipped")
                .write("/run/systemd/system/kubelet.service.d/05-early.conf", DROP_IN)
                .write("/etc/systemd/system/kubelet.service.d/99-late.conf", DROP_IN)
                .write("/etc/systemd/system/kubelet.service.d/.10-hidden.conf", DROP_IN)
                .write("/etc/systemd/system/kubelet.service.d/10-kubeadm.conf.dpkg-old", DROP_IN);

        assertEquals(List.of("/run/systemd/system/kubelet.service.d/05-early.conf",
                        "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf",
                        "/etc/systemd/system/kubelet.service.d/99-late.conf"),
                loaded(node).dropIns());
    }

    @Test
    void theTopLevelServiceDropInsApplyToTheKubeletTooUnlessItsOwnHaveTheirName() throws IOException {
        // Fedora's systemd package ships /usr/lib/systemd/system/service.d/10-timeout-abort.conf
        NodeTree node = NodeTree.of(dir, "kubeadm-shipped")
                .write("/usr/lib/systemd/system/service.d/10-timeout-abort.conf", "[Service]\nTimeoutStopFailureMode=abort\n")
                .write("/etc/systemd/system/service.d/50-all.conf", DROP_IN)
                .write("/etc/systemd/system/kubelet.service.d/50-all.conf", DROP_IN);

        assertEquals(List.of("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf",
                        "/usr/lib/systemd/system/service.d/10-timeout-abort.conf",
                        "/etc/systemd/system/kubelet.service.d/50-all.conf"),
                loaded(node).dropIns());
    }

    @Test
    void aUnitLinkedToDevNullIsMasked() throws IOException {
        NodeTree node = NodeTree.of(dir, "kubeadm-shipped").link("/etc/systemd/system/kubelet.service", "/dev/null");

        assertEquals(new UnitFiles.Masked("/etc/systemd/system/kubelet.service is a symbolic link to /dev/null:"
                + " kubelet.service is masked"), find(node));
    }

    @Test
    void anEmptyUnitFileMasksTheUnitToo() throws IOException {
        NodeTree node = NodeTree.of(dir, "kubeadm-shipped").write("/etc/systemd/system/kubelet.service", "");

        assertEquals(new UnitFiles.Masked("/etc/systemd/system/kubelet.service is an empty file: kubelet.service is"
                + " masked"), find(node));
    }

    @Test
    void aUnitLinkedFromOutsideTheSearchPathIsLoadedThroughItsLink() throws IOException {
        // systemctl link /opt/kubernetes/kubelet.service
        NodeTree node = NodeTree.of(dir)
                .write("/opt/kubernetes/kubelet.service", UNIT)
                .link("/etc/systemd/system/kubelet.service", "/opt/kubernetes/kubelet.service");

        assertEquals(new UnitFiles.Loaded("/etc/systemd/system/kubelet.service", List.of(), List.of()), find(node));
    }

    @Test
    void aLinkToItsOwnNameInTheSearchPathIsIgnoredAndTheSearchGoesOn() throws IOException {
        NodeTree node = NodeTree.of(dir, "kubeadm-shipped")
                .link("/etc/systemd/system/kubelet.service", "/usr/lib/systemd/system/kubelet.service");

        assertEquals("/usr/lib/systemd/system/kubelet.service", loaded(node).fragment());
    }

    @Test
    void anAliasLoadsItsTargetsFileAndEveryNamesDropInsApply() throws IOException {
        // kubelet.service is an alias of kubernetes-node.service; k8s-node.service is another alias of the
        // same unit, so its drop-ins and those of its dash prefix k8s-.service apply as well
        NodeTree node = NodeTree.of(dir)
                .write("/usr/lib/systemd/system/kubernetes-node.service", UNIT)
                .link("/etc/systemd/system/kubelet.service", "/usr/lib/systemd/system/kubernetes-node.service")
                .link("/etc/systemd/system/k8s-node.service", "kubernetes-node.service")
                .write("/etc/systemd/system/kubelet.service.d/10-a.conf", DROP_IN)
                .write("/usr/lib/systemd/system/kubernetes-node.service.d/20-b.conf", DROP_IN)
                .write("/etc/systemd/system/k8s-.service.d/30-c.conf", DROP_IN)
                .write("/etc/systemd/system/kubernetes-.service.d/40-d.conf", DROP_IN)
                .write("/etc/systemd/system/other.service.d/50-e.conf", DROP_IN);

        assertEquals(new UnitFiles.Loaded("/usr/lib/systemd/system/kubernetes-node.service",
                        List.of("k8s-node.service", "kubernetes-node.service"),
                        List.of("/etc/systemd/system/kubelet.service.d/10-a.conf",
                                "/usr/lib/systemd/system/kubernetes-node.service.d/20-b.conf",
                                "/etc/systemd/system/k8s-.service.d/30-c.conf",
                                "/etc/systemd/system/kubernetes-.service.d/40-d.conf")),
                find(node));
    }

    @Test
    void anAliasToAMissingUnitLoadsNothing() throws IOException {
        NodeTree node = NodeTree.of(dir).link("/etc/systemd/system/kubelet.service", "/usr/lib/systemd/system/gone.service");

        assertEquals(new UnitFiles.NotFound("kubelet.service -> gone.service: the alias leads to no unit file"),
                find(node));
    }

    @Test
    void aDropInDirectoryThatIsALinkIsFollowed() throws IOException {
        NodeTree node = NodeTree.of(dir, "kubeadm-shipped")
                .write("/srv/kubelet-overrides/40-local.conf", DROP_IN)
                .link("/etc/systemd/system/kubelet.service.d", "/srv/kubelet-overrides");

        assertEquals(List.of("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf",
                "/srv/kubelet-overrides/40-local.conf"), loaded(node).dropIns());
    }

    @Test
    void onAMergedUsrHostLibIsTheSameDirectoryAndNothingIsCountedTwice() throws IOException {
        NodeTree node = NodeTree.of(dir, "kubeadm-shipped").link("/lib", "usr/lib");

        assertEquals(new UnitFiles.Loaded("/usr/lib/systemd/system/kubelet.service", List.of(),
                List.of("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf")), find(node));
    }

    @Test
    void noUnitAnywhereIsNotFoundNamingWhereSystemdLooks() throws IOException {
        assertEquals(new UnitFiles.NotFound("no kubelet.service in systemd's unit search path ("
                + "/etc/systemd/system.control, /run/systemd/system.control, /run/systemd/transient, "
                + "/run/systemd/generator.early, /etc/systemd/system, /etc/systemd/system.attached, /run/systemd/system, "
                + "/run/systemd/system.attached, /run/systemd/generator, /usr/local/lib/systemd/system, "
                + "/usr/lib/systemd/system, /lib/systemd/system, /run/systemd/generator.late)"), find(NodeTree.of(dir)));
    }

    @Test
    void everyCandidateUnitFileAndDropInDirectoryIsRecordedSoTheirCreationIsSeen() throws IOException {
        Set<String> read = new LinkedHashSet<>();
        UnitFiles.find(HostRoot.of(NodeTree.of(dir, "kubeadm-shipped").root()), "kubelet.service", read::add);

        for (String searched : SystemdSearchPath.SYSTEM) {
            assertTrue(read.contains(searched + "/kubelet.service"), searched);
            assertTrue(read.contains(searched + "/kubelet.service.d"), searched);
            assertTrue(read.contains(searched + "/service.d"), searched);
        }
        assertEquals(3 * SystemdSearchPath.SYSTEM.size(), read.size());
    }

    @Test
    void aSearchDirectoryThatCannotBeListedIsAnErrorNotAnEmptyDirectory() throws IOException {
        NodeTree node = NodeTree.of(dir, "kubeadm-shipped").write("/usr/local/lib/systemd/system/x.service", UNIT);
        Path local = node.root().resolve("usr/local/lib/systemd/system");
        for (int i = 0; i < UnitNameMap.MAX_ENTRIES; i++) {
            Files.createFile(local.resolve("u" + i + ".service"));
        }

        IOException thrown = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> find(node));
        assertEquals("/usr/local/lib/systemd/system: more than 10000 entries, not listed: not a unit directory"
                + " this check can judge", thrown.getMessage());
    }

    private static UnitFiles.Unit find(NodeTree node) throws IOException {
        return UnitFiles.find(HostRoot.of(node.root()), "kubelet.service", path -> { });
    }

    private static UnitFiles.Loaded loaded(NodeTree node) throws IOException {
        return (UnitFiles.Loaded) find(node);
    }
}
