package io.nodeward.host.net;

import java.util.List;

/**
 * What one {@code /proc/net/tcp}-style file held.
 *
 * @param sockets    every row that parsed
 * @param unreadable rows that did not parse, as {@code line N: problem}; any of them could have been
 *                   a listener, so a port's absence from {@code sockets} proves nothing while this
 *                   list is not empty
 */
public record TcpTable(List<TcpSocket> sockets, List<String> unreadable) {

    public TcpTable {
        sockets = List.copyOf(sockets);
        unreadable = List.copyOf(unreadable);
    }

    public static final TcpTable EMPTY = new TcpTable(List.of(), List.of());
}
