package io.nodeward.host.net;

import java.util.List;

/**
 * The listening sockets of one {@code /proc/net/tcp}-style file, and the rows that could not be read.
 *
 * @param listeners  every row in state LISTEN that parsed; other states are dropped as they are read,
 *                   so a table of hundreds of thousands of connections costs only its listeners
 * @param unreadable rows that did not parse, as {@code line N: problem} (at most
 *                   {@link NetTcpReader#MAX_PROBLEMS}, then one line counting the rest); any of them
 *                   could have been a listener, so a port's absence from {@code listeners} proves
 *                   nothing while this list is not empty
 */
public record TcpTable(List<TcpSocket> listeners, List<String> unreadable) {

    public TcpTable {
        listeners = List.copyOf(listeners);
        unreadable = List.copyOf(unreadable);
    }

    public static final TcpTable EMPTY = new TcpTable(List.of(), List.of());
}
