package io.nodeward.host.controlplane;

import io.nodeward.host.FactParseException;
import io.nodeward.host.HostScan;
import io.nodeward.host.componentconfig.ConfigRules;
import io.nodeward.host.kubelet.ConfigFiles;

import java.nio.file.NoSuchFileException;
import java.util.Map;

/**
 * Reads a file a control-plane component's flag names, at its host path, through the one component
 * decoder with that component's rules ({@link ConfigRules}).
 */
final class ControlPlaneConfigFiles {

    private ControlPlaneConfigFiles() {
    }

    /** The document as the component runs with it (unknown fields dropped), or why it refuses it. */
    static Map<String, Object> load(HostScan host, String hostPath, ConfigRules rules) throws RefusedConfig {
        host.read(hostPath);
        try {
            return ConfigFiles.decode(host.root(), hostPath, rules).document();
        } catch (NoSuchFileException e) {
            throw new RefusedConfig(hostPath + ": no such file");
        } catch (FactParseException e) {
            throw new RefusedConfig(e.getMessage());
        }
    }
}
