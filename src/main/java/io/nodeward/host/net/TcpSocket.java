package io.nodeward.host.net;

/**
 * One row of {@code /proc/net/tcp} or {@code tcp6}: the local end and the TCP state.
 *
 * @param address the local address as text: {@code 0.0.0.0}, {@code 127.0.0.1}, {@code ::},
 *                {@code ::ffff:10.0.0.1}
 * @param port    the local port
 * @param state   the kernel's TCP state number ({@code 0x0A} is LISTEN)
 */
public record TcpSocket(String address, int port, int state) {

    /** {@code TCP_LISTEN} in the kernel's include/net/tcp_states.h. */
    public static final int LISTEN = 0x0A;

    public boolean listening() {
        return state == LISTEN;
    }

    /** Bound to every address of its family: {@code 0.0.0.0} or {@code ::}. */
    public boolean wildcard() {
        return address.equals("0.0.0.0") || address.equals("::");
    }

    /**
     * Reachable from outside the node: bound to any address but loopback ({@code 127.0.0.0/8},
     * {@code ::1}, or an IPv4-mapped loopback {@code ::ffff:127.x.y.z}). A wildcard is exposed too.
     */
    public boolean exposed() {
        return !(address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127."));
    }

    /** {@code 0.0.0.0:10255} or {@code [::]:10250}. */
    public String endpoint() {
        return address.contains(":") ? "[" + address + "]:" + port : address + ":" + port;
    }
}
