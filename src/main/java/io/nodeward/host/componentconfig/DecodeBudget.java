package io.nodeward.host.componentconfig;

/**
 * How far nodeward follows a YAML document, whatever its aliases say. go-yaml v2 itself stops only at
 * its alias ratio ({@link GoYamlDecoder}), which lets a few kilobytes expand to hundreds of thousands of
 * nodes ("billion laughs" shaped to stay under the ratio); a kubelet configuration has a few hundred.
 * Past either bound the file is not decoded and every setting it could hold is an ERROR, never a
 * default: nodeward's refusal, worded as such, not the kubelet's.
 */
final class DecodeBudget {

    /** Nodes composed from the text, and nodes visited while expanding aliases (go-yaml's decodeCount). */
    static final int NODES = 100_000;

    /** Characters of scalar text in the expanded document (an aliased long string counts each time). */
    static final long SCALAR_CHARS = 4L << 20;

    /**
     * Nesting levels. go-yaml stops at 10000 ({@code scannerc.go} {@code max_flow_level}, {@code max_indents})
     * and encoding/json at 10000; nodeward's recursive walks stop at 1000, far above any real file.
     */
    static final int DEPTH = 1_000;

    private DecodeBudget() {
    }

    static String tooManyNodes(int limit) {
        return "not decoded: more than " + limit + " YAML nodes once aliases are expanded (nodeward's bound;"
                + " a kubelet configuration has a few hundred)";
    }

    static String tooDeep(int limit) {
        return "not decoded: nested deeper than " + limit + " levels (nodeward's bound)";
    }

    static String tooMuchText(long limit) {
        return "not decoded: more than " + limit + " characters of scalars once aliases are expanded"
                + " (nodeward's bound)";
    }
}
