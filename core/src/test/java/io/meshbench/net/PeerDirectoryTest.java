package io.meshbench.net;

import io.meshbench.net.PeerDirectory.Peer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeerDirectoryTest {

    private static IllegalArgumentException parseFails(String text, String source) {
        return assertThrows(IllegalArgumentException.class, () -> PeerDirectory.parse(text, source));
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), () -> "\"" + message + "\" should contain \"" + part + "\"");
        }
    }

    @Test
    void spaceSeparatedForm() {
        PeerDirectory d = PeerDirectory.parse("Device_B 192.168.1.102 9999\n", "peers.txt");
        assertEquals(List.of(new Peer("Device_B", "192.168.1.102", 9999)), d.all());
    }

    @Test
    void hostColonPortForm() {
        PeerDirectory d = PeerDirectory.parse("Device_C 192.168.1.103:9998", "peers.txt");
        assertEquals(List.of(new Peer("Device_C", "192.168.1.103", 9998)), d.all());
    }

    @Test
    void bracketedIpv6() {
        PeerDirectory d = PeerDirectory.parse("Device_D [::1]:9999", "peers.txt");
        Peer p = d.find("Device_D").orElseThrow();
        assertEquals("::1", p.host());
        assertEquals(9999, p.port());
        assertEquals("[::1]:9999", p.hostPort());
    }

    @Test
    void bareIpv6InThreeFieldForm() {
        Peer p = PeerDirectory.parse("Device_E fe80::1 7000", "x").find("Device_E").orElseThrow();
        assertEquals(new Peer("Device_E", "fe80::1", 7000), p);
        assertEquals("[fe80::1]:7000", p.hostPort());
    }

    @Test
    void hostnames() {
        PeerDirectory d = PeerDirectory.parse("A localhost 1\nB phone-b.local:65535\n", "x");
        assertEquals(List.of(new Peer("A", "localhost", 1), new Peer("B", "phone-b.local", 65535)), d.all());
        assertEquals("localhost:1", d.find("A").orElseThrow().hostPort());
    }

    @Test
    void commentsBlankLinesTabsAndCrlf() {
        String text = """
                # the demo mesh
                
                Device_A 192.168.1.101 9999   # the orchestrator
                   \t
                \tDevice_B\t192.168.1.102:9999\t
                #Device_X 10.0.0.1 1
                Device_C   192.168.1.103    9999
                """.replace("\n", "\r\n");
        PeerDirectory d = PeerDirectory.parse(text, "peers.txt");
        assertEquals(List.of("Device_A", "Device_B", "Device_C"), d.ids());
        assertEquals(new Peer("Device_B", "192.168.1.102", 9999), d.find("Device_B").orElseThrow());
        assertEquals(Optional.empty(), d.find("Device_X"));
    }

    @Test
    void emptyAndCommentOnlyTextGiveAnEmptyDirectory() {
        assertEquals(List.of(), PeerDirectory.parse("", "x").all());
        assertEquals(List.of(), PeerDirectory.parse("# nothing\n\n  \n", "x").all());
    }

    @Test
    void orderOfTheFileIsKept() {
        PeerDirectory d = PeerDirectory.parse("Z h 1\nA h 2\nM h 3\n", "x");
        assertEquals(List.of("Z", "A", "M"), d.ids());
    }

    @Test
    void badPortNamesSourceAndLine() {
        IllegalArgumentException e = parseFails("# peers\nDevice_A 10.0.0.1 9999\nDevice_B 10.0.0.2 http\n",
                "mesh/peers.txt");
        assertContains(e.getMessage(), "mesh/peers.txt line 3", "port \"http\" is not a number",
                "DEVICE_ID HOST PORT", "Device_B 10.0.0.2 http");
    }

    @Test
    void badPortInColonForm() {
        assertContains(parseFails("Device_B 10.0.0.2:99x", "p").getMessage(), "p line 1", "\"99x\"",
                "not a number");
        assertContains(parseFails("Device_B 10.0.0.2:", "p").getMessage(), "p line 1", "not a number");
    }

    @Test
    void missingPort() {
        assertContains(parseFails("\nDevice_B 10.0.0.2", "p").getMessage(), "p line 2", "no port");
        assertContains(parseFails("Device_B :9999", "p").getMessage(), "p line 1", "no port");
    }

    @Test
    void tooManyFields() {
        IllegalArgumentException e = parseFails("A h 1\n\nDevice_B 10.0.0.2 9999 extra\n", "peers.txt");
        assertContains(e.getMessage(), "peers.txt line 3", "4 fields", "Device_B 10.0.0.2 9999 extra");
    }

    @Test
    void tooFewFields() {
        assertContains(parseFails("Device_B\n", "peers.txt").getMessage(), "peers.txt line 1", "1 fields");
    }

    @Test
    void duplicateIdNamesTheSecondLine() {
        IllegalArgumentException e = parseFails("Device_B h 1\n# c\nDevice_B other:2\n", "peers.txt");
        assertContains(e.getMessage(), "peers.txt line 3", "Device_B", "listed twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "70000", "-1"})
    void portOutOfRange(String port) {
        IllegalArgumentException e = parseFails("ok h 5\nDevice_B 10.0.0.2 " + port, "peers.txt");
        assertContains(e.getMessage(), "peers.txt line 2", "port " + port, "1 to 65535");
        IllegalArgumentException colon = parseFails("Device_B 10.0.0.2:" + port, "peers.txt");
        assertContains(colon.getMessage(), "peers.txt line 1", "1 to 65535");
    }

    @Test
    void idWithPipeIsRejected() {
        assertContains(parseFails("Dev|B h 1", "p").getMessage(), "p line 1", "Dev|B");
    }

    @Test
    void peerRecordChecks() {
        assertThrows(IllegalArgumentException.class, () -> new Peer("", "h", 1));
        assertThrows(IllegalArgumentException.class, () -> new Peer(null, "h", 1));
        assertThrows(IllegalArgumentException.class, () -> new Peer("A B", "h", 1));
        assertThrows(IllegalArgumentException.class, () -> new Peer("A", "", 1));
        assertThrows(IllegalArgumentException.class, () -> new Peer("A", null, 1));
        assertThrows(IllegalArgumentException.class, () -> new Peer("A", "h", 0));
        assertThrows(IllegalArgumentException.class, () -> new Peer("A", "h", 65536));
    }

    @Test
    void address() {
        InetSocketAddress a = new Peer("A", "127.0.0.1", 9999).address();
        assertEquals(9999, a.getPort());
        assertEquals("127.0.0.1", a.getHostString());
    }

    @Test
    void formatRoundTrips() {
        String text = "# mesh\nDevice_A 192.168.1.101 9999\nDevice_B 192.168.1.102:9998\nDevice_D [::1]:9997\n"
                + "Device_E localhost 1\n";
        PeerDirectory d = PeerDirectory.parse(text, "x");
        String formatted = d.format();
        assertEquals("Device_A 192.168.1.101 9999\nDevice_B 192.168.1.102 9998\nDevice_D ::1 9997\n"
                + "Device_E localhost 1\n", formatted);
        PeerDirectory again = PeerDirectory.parse(formatted, "formatted");
        assertEquals(d.all(), again.all());
        assertEquals(formatted, again.format());
    }

    @Test
    void emptyDirectoryFormatsAsEmpty() {
        assertEquals("", new PeerDirectory().format());
    }

    @Test
    void putReplacesRemoveDeletesAndOrderIsKept() {
        PeerDirectory d = new PeerDirectory(List.of(new Peer("A", "h", 1), new Peer("B", "h", 2)));
        d.put(new Peer("C", "h", 3));
        d.put(new Peer("A", "other", 4));
        assertEquals(List.of("A", "B", "C"), d.ids());
        assertEquals(new Peer("A", "other", 4), d.find("A").orElseThrow());
        d.remove("B");
        d.remove("nobody");
        assertEquals(List.of("A", "C"), d.ids());
        assertEquals(Optional.empty(), d.find("B"));
    }

    @Test
    void allAndIdsAreCopies() {
        PeerDirectory d = new PeerDirectory(List.of(new Peer("A", "h", 1)));
        d.all().clear();
        d.ids().clear();
        assertEquals(List.of("A"), d.ids());
    }

    @Test
    void readFromFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("peers.txt");
        Files.writeString(file, "Device_B 192.168.1.102 9999\nDevice_C 192.168.1.103:9999\n");
        PeerDirectory d = PeerDirectory.read(file);
        assertEquals(List.of("Device_B", "Device_C"), d.ids());
    }

    @Test
    void readErrorNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("peers.txt");
        Files.writeString(file, "Device_B 192.168.1.102 99999\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerDirectory.read(file));
        assertContains(e.getMessage(), file + " line 1", "1 to 65535");
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path file = dir.resolve("nope.txt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PeerDirectory.read(file));
        assertContains(e.getMessage(), file.toString(), "does not exist", "Device_B 192.168.1.102 9999");
    }
}
