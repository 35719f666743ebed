package io.nodeward.host.net;

import io.nodeward.host.BoundedFiles;
import io.nodeward.host.HostRoot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads {@code /proc/<pid>/net/tcp} and {@code /proc/<pid>/net/tcp6}, the TCP socket tables of that
 * process's network namespace (proc(5), Documentation/networking/proc_net_tcp.rst). Pid 1's tables
 * are the host's, which is why the agent needs {@code hostPID} but not {@code hostNetwork}.
 */
public final class NetTcpReader {

    /**
     * At most this much of a table is read. The kernel lists listening sockets before established
     * ones, and a busy node can have hundreds of thousands of connections (~150 bytes a row), so
     * the bound keeps one scan's time and memory in check while still seeing every listener on any
     * sane host. A table cut short is reported as unreadable, so it never proves a port closed.
     * Unlike the 1 MiB {@link BoundedFiles#MAX_BYTES} of configuration files this bound is on bytes
     * streamed, not held: only the listeners are kept.
     */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    /**
     * The longest line read. {@code tcp4_seq_show} (net/ipv4/tcp_ipv4.c) pads every tcp row and the
     * header to 149 characters ({@code TMPSZ - 1}); a tcp6 row ({@code get_tcp6_sock}, net/ipv6/tcp_ipv6.c)
     * is about 180. 4 KiB is far beyond either, and keeps a table with no newline from costing more.
     */
    static final int MAX_LINE = 4096;

    /** At most this many unparseable rows are described; the rest are only counted. */
    static final int MAX_PROBLEMS = 20;

    /**
     * The header's first columns, as whitespace-separated words: {@code tcp4_seq_show} prints
     * {@code "  sl  local_address rem_address   st tx_queue ..."}, {@code tcp6_seq_show}
     * {@code "  sl  local_address                         remote_address                        st ..."}.
     * The columns we read (the local address, the state) are where these say.
     */
    private static final List<String> HEADER_START = List.of("sl", "local_address");

    private NetTcpReader() {
    }

    /** Where the lines of a table come from: {@link BufferedReader#readLine} or a bounded {@link BoundedFiles.Lines}. */
    @FunctionalInterface
    public interface LineSource {
        /** The next line, or null at the end. */
        String next() throws IOException;
    }

    /**
     * Reads the table {@code /proc/<relative>} ({@code 1/net/tcp}) through {@link BoundedFiles#procLines}:
     * a regular file, no link below the proc root followed, lines of at most {@link #MAX_LINE} bytes.
     * Rows are parsed as they stream in and only LISTEN rows are kept, so memory grows with the
     * listeners, not with the connections (a 64 MiB table is ~450,000 rows).
     *
     * @throws java.nio.file.NoSuchFileException when the table does not exist ({@code tcp6} on a
     *                                           host with IPv6 disabled)
     * @throws java.nio.file.FileSystemException when it is not a regular file, is (or lies below) a
     *                                           symbolic link, has a line over {@link #MAX_LINE} bytes,
     *                                           or does not start with the kernel's header
     */
    public static TcpTable read(HostRoot root, String relative) throws IOException {
        try (BoundedFiles.Lines lines = BoundedFiles.procLines(root, relative, MAX_LINE, MAX_BYTES)) {
            return readAll(lines);
        }
    }

    /** As {@link #read(HostRoot, String)}, for a local path; only its last component is checked for a link. */
    public static TcpTable read(Path table) throws IOException {
        try (BoundedFiles.Lines lines = BoundedFiles.lines(table, MAX_LINE, MAX_BYTES)) {
            return readAll(lines);
        }
    }

    private static TcpTable readAll(BoundedFiles.Lines lines) throws IOException {
        TcpTable parsed = parse(lines::next);
        if (lines.cut()) {
            List<String> unreadable = new ArrayList<>(parsed.unreadable());
            unreadable.add("read stopped after " + MAX_BYTES + " bytes");
            return new TcpTable(parsed.listeners(), unreadable);
        }
        return parsed;
    }

    /**
     * Parses a whole table held as text; for tests and callers that already have it.
     *
     * @throws IllegalArgumentException when the table does not start with the kernel's header
     */
    public static TcpTable parse(String text) {
        try {
            return parse(new BufferedReader(new StringReader(text)));
        } catch (FileSystemException noHeader) {
            throw new IllegalArgumentException(noHeader.getReason(), noHeader);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** As {@link #parse(LineSource)}; lines are not bounded here, so give it text already held. */
    public static TcpTable parse(BufferedReader lines) throws IOException {
        return parse(lines::readLine);
    }

    /**
     * Parses a table: a header row, then one row per socket, e.g.
     * <pre>
     *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
     *    0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2033 ...
     * </pre>
     * Only the local address and the state are used, and only LISTEN rows are kept. A row that does
     * not parse (whatever its state, which is then unknown) is kept as {@code line N: problem} and
     * the rest are still read. A first line that is not the kernel's header is an error, not a row
     * lost: the kernel always prints it, so without it this is not a table we know how to read.
     *
     * @throws FileSystemException (no file named) when the header is missing
     */
    public static TcpTable parse(LineSource lines) throws IOException {
        List<TcpSocket> listeners = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int unparsed = 0;
        requireHeader(lines.next());
        int number = 1;
        for (String line = lines.next(); line != null; line = lines.next()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                TcpSocket socket = parseRow(line);
                if (socket.listening()) {
                    listeners.add(socket);
                }
            } catch (IllegalArgumentException bad) {
                if (++unparsed <= MAX_PROBLEMS) {
                    unreadable.add("line " + number + ": " + bad.getMessage());
                }
            }
        }
        if (unparsed > MAX_PROBLEMS) {
            unreadable.add((unparsed - MAX_PROBLEMS) + " more rows did not parse");
        }
        return new TcpTable(listeners, unreadable);
    }

    private static void requireHeader(String first) throws FileSystemException {
        if (first == null) {
            throw new FileSystemException(null, null, "empty, not even the kernel's header line");
        }
        List<String> words = List.of(first.strip().split("\\s+"));
        boolean header = words.size() >= 4 && words.subList(0, 2).equals(HEADER_START)
                && (words.get(2).equals("rem_address") || words.get(2).equals("remote_address"))
                && words.get(3).equals("st");
        if (!header) {
            throw new FileSystemException(null, null, "no header line: line 1 is '" + abbreviate(first.strip())
                    + "', not the kernel's 'sl  local_address ...'");
        }
    }

    private static TcpSocket parseRow(String line) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length < 4 || !fields[0].endsWith(":")) {
            throw new IllegalArgumentException("not a socket row: '" + abbreviate(line) + "'");
        }
        String local = fields[1];
        int colon = local.indexOf(':');
        if (colon < 0 || local.length() - colon - 1 != 4) {
            throw new IllegalArgumentException("local_address '" + abbreviate(local) + "' is not ADDRESS:PORT in hex");
        }
        String address = address(local.substring(0, colon));
        int port = hex(local.substring(colon + 1), "port");
        if (fields[3].length() != 2) {
            throw new IllegalArgumentException("st '" + abbreviate(fields[3]) + "' is not a hex byte");
        }
        return new TcpSocket(address, port, hex(fields[3], "st"));
    }

    /**
     * The kernel prints an address as the raw bytes of its 32-bit words, each word in the host's
     * byte order: on little-endian hosts (x86-64, arm64, the only ones we run on) 127.0.0.1 is
     * {@code 0100007F}, and the IPv6 address ::1 is {@code 00000000000000000000000001000000}
     * (each of the four words byte-swapped on its own, the word order kept).
     */
    static String address(String hex) {
        if (hex.length() != 8 && hex.length() != 32) {
            throw new IllegalArgumentException("address '" + abbreviate(hex) + "' is neither 8 nor 32 hex digits");
        }
        byte[] raw;
        try {
            raw = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("address '" + hex + "' is not hex");
        }
        byte[] bytes = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                bytes[word + i] = raw[word + 3 - i];
            }
        }
        return bytes.length == 4 ? ipv4(bytes, 0) : ipv6(bytes);
    }

    private static String ipv4(byte[] bytes, int from) {
        return (bytes[from] & 0xff) + "." + (bytes[from + 1] & 0xff) + "." + (bytes[from + 2] & 0xff) + "."
                + (bytes[from + 3] & 0xff);
    }

    /** RFC 5952 text: lower case, longest run of two or more zero groups as {@code ::}. */
    private static String ipv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        boolean mapped = groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff;
        if (mapped) {
            return "::ffff:" + ipv4(bytes, 12);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static int hex(String text, String field) {
        try {
            return Integer.parseInt(text, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + abbreviate(text) + "' is not hex");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
