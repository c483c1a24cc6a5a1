package org.xenwbem.provider.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/** The connector on loopback, plain HTTP (TLS plays no part in admission). */
class LimitedConnectorTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger("test.connector");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<SocketChannel> clients = new ArrayList<>();
    private Server server;
    private LimitedConnector connector;

    @BeforeEach
    void start() throws Exception {
        logs.start();
        logger.addAppender(logs);
        server = new Server();
        EventSummary refusals = new EventSummary(logger, Level.WARN, "connection refused", Duration.ofSeconds(10),
                System::nanoTime);
        EventSummary failures = new EventSummary(logger, Level.WARN, "accepting a connection failed",
                Duration.ofSeconds(10), System::nanoTime);
        connector = new LimitedConnector(server, new ConnectionLimits(5, 3), refusals, failures,
                new HttpConnectionFactory());
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  org.eclipse.jetty.util.Callback callback) {
                callback.succeeded();
                return true;
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (SocketChannel c : clients) {
            c.close();
        }
        server.stop();
        logger.detachAppender(logs);
    }

    private SocketChannel connect(String from) throws IOException {
        SocketChannel c = SocketChannel.open();
        c.bind(new InetSocketAddress(from, 0));
        c.connect(new InetSocketAddress("127.0.0.1", connector.getLocalPort()));
        clients.add(c);
        return c;
    }

    private static boolean open(SocketChannel c) {
        try {
            c.configureBlocking(false);
            return c.read(ByteBuffer.allocate(1)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static int countOpen(List<SocketChannel> cs, int expected) throws InterruptedException {
        int n = -1;
        for (int i = 0; i < 50 && n != expected; i++) {
            Thread.sleep(50);
            n = (int) cs.stream().filter(LimitedConnectorTest::open).count();
        }
        return n;
    }

    @Test
    void eachClientGetsItsCapAndTheDaemonItsTotal() throws Exception {
        List<SocketChannel> a = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            a.add(connect("127.0.0.2"));
        }
        assertEquals(3, countOpen(a, 3), "per-client cap");
        List<SocketChannel> b = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            b.add(connect("127.0.0.3"));
        }
        assertEquals(2, countOpen(b, 2), "total cap: 3 + 2");
        assertEquals(3, connector.refused());
        assertEquals(5, connector.limits().open());
        for (SocketChannel c : a) {
            c.close();
        }
        for (int i = 0; i < 50 && connector.limits().open() != 2; i++) {
            Thread.sleep(50);
        }
        assertEquals(2, connector.limits().open(), "closed connections are released");
        assertEquals(0, connector.limits().open("127.0.0.2"));
        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("connection refused client=127.0.0.2 has 3 connections open"), lines.get(0));
    }

    @Test
    void acceptFailuresAreOneLineWithoutAStackTrace() {
        for (int i = 0; i < 5; i++) {
            assertTrue(connector.handleAcceptFailure(new IOException("Too many open files")), "keeps accepting");
        }
        assertEquals(1, logs.list.size());
        assertEquals("accepting a connection failed client=- Too many open files", logs.list.get(0).getFormattedMessage());
        assertNull(logs.list.get(0).getThrowableProxy());
    }
}
