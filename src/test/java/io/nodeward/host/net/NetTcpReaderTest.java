package io.nodeward.host.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NetTcpReaderTest {

    /** Rows as a kubeadm worker prints them (trailing columns trimmed where irrelevant). */
    static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20321 1 0000000000000000 100 0 0 10 0
               1: 0100007F:2808 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31544 1 0000000000000000 100 0 0 10 0
               2: 00000000:280F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31549 1 0000000000000000 100 0 0 10 0
               3: 0F02000A:094B 0A02000A:C5D2 01 00000000:00000000 02:000A7B1C 00000000     0        0 40211 2 0000000000000000 20 4 30 10 -1
               4: 0F02000A:0016 0202000A:D4B6 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000
            """;

    static final String TCP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000000000000:280A 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 35210 1 0000000000000000 100 0 0 10 0
               1: 00000000000000000000000001000000:2813 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 35302 1 0000000000000000 100 0 0 10 0
               2: 0000000000000000FFFF00000F02000A:280A 0000000000000000FFFF0000020A000A:D2A4 01 00000000:00000000 02:00000ABC 00000000     0        0 41876 2 0000000000000000 20 4 31 10 -1
            """;

    @Test
    void parsesIpv4ListenRowsWithLocalAddressAndPortDroppingEveryOtherState() {
        assertEquals(new TcpTable(List.of(
                new TcpSocket("0.0.0.0", 22, 0x0A),
                new TcpSocket("127.0.0.1", 10248, 0x0A),
                new TcpSocket("0.0.0.0", 10255, 0x0A)), List.of()), NetTcpReader.parse(TCP));
    }

    @Test
    void parsesIpv6ListenRowsWithEachWordByteSwapped() {
        assertEquals(new TcpTable(List.of(
                new TcpSocket("::", 10250, 0x0A),
                new TcpSocket("::1", 10259, 0x0A)), List.of()), NetTcpReader.parse(TCP6));
    }

    @Test
    void aTableOfManyConnectionsKeepsOnlyItsListeners() {
        StringBuilder table = new StringBuilder(TCP);
        for (int i = 0; i < 10_000; i++) {
            table.append("   ").append(5 + i).append(": 0F02000A:094B 0A02000A:").append(String.format("%04X", i))
                    .append(" 01 00000000:00000000 02:000A7B1C 00000000     0        0 40211 2\n");
        }

        assertEquals(3, NetTcpReader.parse(table.toString()).listeners().size());
    }

    @Test
    void onlyTheFirstUnparseableRowsAreDescribedAndTheRestCounted() {
        String table = TCP + "garbage\n".repeat(NetTcpReader.MAX_PROBLEMS + 5);

        List<String> unreadable = NetTcpReader.parse(table).unreadable();

        assertEquals(NetTcpReader.MAX_PROBLEMS + 1, unreadable.size());
        assertEquals("line 7: not a socket row: 'garbage'", unreadable.get(0));
        assertEquals("5 more rows did not parse", unreadable.get(NetTcpReader.MAX_PROBLEMS));
    }

    @ParameterizedTest
    @CsvSource({
            "00000000, 0.0.0.0",
            "0100007F, 127.0.0.1",
            "0F02000A, 10.0.2.15",
            "00000000000000000000000000000000, ::",
            "00000000000000000000000001000000, ::1",
            "000080FE000000000000000001000000, fe80::1",
            "B80D0120000000000000000000000100, 2001:db8::1:0",
            "B80D0120010000000000000001000000, 2001:db8:0:1::1",
    })
    void formatsAddressesAsTheirUsualText(String hex, String text) {
        assertEquals(text, NetTcpReader.address(hex));
    }

    @Test
    void garbageRowsAreReportedByLineAndTheRestStillParse() {
        String table = """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20321 1
                   1: ZZZZZZZZ:280F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31549 1
                garbage
                   3: 0100007F:2808 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31544 1
                   4: 0100007F:28 00000000:0000 0A
                   5: 0100007F:2809 00000000:0000 XYZ
                """;

        TcpTable parsed = NetTcpReader.parse(table);

        assertEquals(List.of(new TcpSocket("0.0.0.0", 22, 0x0A), new TcpSocket("127.0.0.1", 10248, 0x0A)),
                parsed.listeners());
        assertEquals(List.of(
                "line 3: address 'ZZZZZZZZ' is not hex",
                "line 4: not a socket row: 'garbage'",
                "line 6: local_address '0100007F:28' is not ADDRESS:PORT in hex",
                "line 7: st 'XYZ' is not a hex byte"), parsed.unreadable());
    }

    @Test
    void aHeaderOnlyTableHasNoSockets() {
        assertEquals(TcpTable.EMPTY, NetTcpReader.parse(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"));
    }

    @Test
    void aTableWithoutItsHeaderIsRefusedRatherThanLosingItsFirstRow() {
        String headerless = TCP.substring(TCP.indexOf('\n') + 1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetTcpReader.parse(headerless));
        assertEquals("no header line: line 1 is '0: 00000000:0016 00000000:0000 0A 000000...', "
                + "not the kernel's 'sl  local_address ...'", e.getMessage());
    }

    @Test
    void anEmptyTableIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetTcpReader.parse(""));
        assertEquals("empty, not even the kernel's header line", e.getMessage());
    }

    @Test
    void theIpv4HeaderPaddedTo149CharactersAsTcp4SeqShowPrintsItIsAHeader() {
        String padded = String.format("%-149s%n",
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode");

        assertEquals(TcpTable.EMPTY, NetTcpReader.parse(padded));
    }

    @Test
    void aLineLongerThanTheBoundIsAnErrorNamingTheLine(@TempDir Path dir) throws IOException {
        Path table = Files.writeString(dir.resolve("tcp"), TCP + "   5: " + "0".repeat(NetTcpReader.MAX_LINE) + "\n");

        FileSystemException e = assertThrows(FileSystemException.class, () -> NetTcpReader.read(table));
        assertEquals("line 7 longer than 4096 bytes, not read", e.getReason());
    }
}
