package org.xenwbem.provider.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xenwbem.provider.config.ServerOptions;

/**
 * The disk transfer endpoint starts beside the other start steps (issue #15 item 4); when it cannot (its
 * port is taken) the start fails with that reason and leaves nothing behind: no port of ours open, no
 * thread of the transfer endpoint or of the start left running.
 */
class StartFailureTest {
    @Test
    void aTakenTransferPortFailsTheStartAndLeavesNoPortOrThreadBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerOptions o = new ServerOptions();
            o.simulate = true;
            o.simVms = 1;
            o.port = freePort();
            o.transferPort = taken.getLocalPort();
            o.bind = "127.0.0.1";
            o.stateDir = Files.createTempDirectory("xenwbem-start-failure");
            Exception e = assertThrows(Exception.class, () -> Daemon.start(o));
            assertTrue(String.valueOf(e.getMessage()).contains(Integer.toString(taken.getLocalPort()))
                    || String.valueOf(e.getCause()).contains("in use"), e.toString());
            assertThrows(java.io.IOException.class, () -> new Socket("127.0.0.1", o.port).close(),
                    "the HTTPS port is not open");
            Thread.sleep(500); // threads of a stopped executor end on their own
            List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(n -> n.startsWith("xenwbem-transfer") || n.startsWith("xenwbem-start-transfer")).toList();
            assertEquals(List.of(), left);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
