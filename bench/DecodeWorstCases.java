// Decoding worst cases (README "Decoding a config file"). Run after a build:
//   . scripts/java-env.sh && java -Xmx64m -XX:+UseSerialGC -cp target/classes:$(ls ~/.m2/repository/org/yaml/snakeyaml/2.*/snakeyaml-2.*.jar | tail -1) bench/DecodeWorstCases.java
import io.nodeward.host.componentconfig.ComponentConfigDecoder;
import io.nodeward.host.componentconfig.ConfigRefused;
import io.nodeward.host.kubelet.KubeletConfigurationSchema;
import java.lang.management.ManagementFactory;
import java.util.Collections;

public class DecodeWorstCases {
    static final String H = "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n";
    public static void main(String[] a) throws Exception {
        StringBuilder laughs = new StringBuilder(H + "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int l = 1; l <= 9; l++) laughs.append("a" + l + ": &a" + l + " [" + String.join(", ", Collections.nCopies(9, "*a" + (l - 1))) + "]\n");
        StringBuilder ratio = new StringBuilder(H + "pad: [" + "x, ".repeat(2000) + "x]\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int l = 1; l <= 6; l++) ratio.append("a" + l + ": &a" + l + " [" + String.join(", ", Collections.nCopies(10, "*a" + (l - 1))) + "]\n");
        // just under the node budget: 99,000 nodes within the ratio
        StringBuilder under = new StringBuilder(H + "pad: [" + "x, ".repeat(1500) + "x]\na0: &a0 [" + String.join(", ", Collections.nCopies(94, "lol")) + "]\n");
        under.append("a1: &a1 [" + String.join(", ", Collections.nCopies(1000, "*a0")) + "]\n");
        String wide = H + "s: &s 10.96.0.10\nclusterDNS: [" + "*s, ".repeat(45_000) + "*s]\n";
        String flat = H + "pad: [" + "0,".repeat(520_000) + "0]\n";
        String longString = H + "s: &s " + "x".repeat(900_000) + "\nl: [*s, *s, *s, *s, *s, *s]\n";
        String deep = H + "d: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n";
        String deepJson = "{\"apiVersion\":\"kubelet.config.k8s.io/v1beta1\",\"kind\":\"KubeletConfiguration\",\"d\":" + "[".repeat(9_000) + "]".repeat(9_000) + "}";
        String[][] cases = {{"billion laughs", laughs.toString()}, {"ratio-shaped 10^6 expansion", ratio.toString()},
                {"99k nodes under budget", under.toString()}, {"1 MiB flat sequence", flat}, {"clusterDNS of 45k aliases", wide}, {"900 KB string x6", longString},
                {"20000 nested flow seqs", deep}, {"9000 nested JSON arrays", deepJson}};
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 3; round++) for (String[] c : cases) {
            byte[] bytes = c[1].getBytes();
            long alloc = mx.getCurrentThreadAllocatedBytes(); long t = System.nanoTime(); String out;
            try { out = "decoded, " + ComponentConfigDecoder.decode(bytes, "/x", KubeletConfigurationSchema.CONFIG_FILE).document().size() + " keys"; }
            catch (ConfigRefused e) { out = e.getMessage(); } catch (Throwable e) { out = "THROWABLE " + e; }
            long ms = (System.nanoTime() - t) / 1_000_000; long mb = (mx.getCurrentThreadAllocatedBytes() - alloc) >> 20;
            if (round == 2) System.out.printf("%-28s %7d bytes %5d ms %5d MB allocated  %s%n", c[0], bytes.length, ms, mb, out.length() > 110 ? out.substring(0, 110) : out);
        }
        System.gc(); Runtime r = Runtime.getRuntime();
        System.out.println("heap used after: " + ((r.totalMemory() - r.freeMemory()) >> 20) + " MB of max " + (r.maxMemory() >> 20));
    }
}
