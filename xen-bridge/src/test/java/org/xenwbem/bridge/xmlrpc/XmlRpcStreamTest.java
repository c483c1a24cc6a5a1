package org.xenwbem.bridge.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@link XmlRpcReader#readResult}: a XenAPI answer read as it arrives, a struct Value member by member. */
class XmlRpcStreamTest {
    private final XmlRpcReader reader = new XmlRpcReader();

    private static String member(String ref, String uuid) {
        return "<member><name>" + ref + "</name><value><struct><member><name>uuid</name><value>" + uuid
                + "</value></member><member><name>VBDs</name><value><array><data><value>OpaqueRef:v</value>"
                + "</data></array></value></member></struct></value></member>";
    }

    private static String success(String... members) {
        return "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
                + "<member><name>Status</name><value>Success</value></member>"
                + "<member><name>Value</name><value><struct>" + String.join("", members)
                + "</struct></value></member></struct></value></param></params></methodResponse>\n";
    }

    private static InputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void handsOutEachRecordAndKeepsNone() throws Exception {
        List<String> refs = new ArrayList<>();
        List<Object> records = new ArrayList<>();
        XenApiResult r = reader.readResult(in(success(member("OpaqueRef:a", "u-a"), member("OpaqueRef:b", "u-b"))),
                1 << 20, (ref, rec) -> {
                    refs.add(ref);
                    records.add(rec);
                });
        assertEquals(List.of("OpaqueRef:a", "OpaqueRef:b"), refs);
        assertEquals(Map.of("uuid", "u-a", "VBDs", List.of("OpaqueRef:v")), records.get(0));
        assertEquals(Map.of(), ((XenApiResult.Success) r).value(), "the struct is not kept");
    }

    /** The second record is only written once the first was handed out: a reader that waits for the end hangs. */
    @Test
    void aRecordIsHandedOutBeforeTheRestOfTheAnswerExists() throws Exception {
        String whole = success(member("OpaqueRef:a", "u-a"), member("OpaqueRef:b", "u-b"));
        int cut = whole.indexOf("<member><name>OpaqueRef:b");
        PipedOutputStream out = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(out, 1 << 16);
        CountDownLatch first = new CountDownLatch(1);
        AtomicBoolean firstBeforeRest = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (out) {
                out.write(whole.substring(0, cut).getBytes(StandardCharsets.UTF_8));
                out.flush();
                firstBeforeRest.set(first.await(5, TimeUnit.SECONDS));
                out.write(whole.substring(cut).getBytes(StandardCharsets.UTF_8));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        List<String> refs = new ArrayList<>();
        reader.readResult(pipe, 1 << 20, (ref, rec) -> {
            refs.add(ref);
            first.countDown();
        });
        writer.join();
        assertTrue(firstBeforeRest.get(), "the first record came only after the whole answer");
        assertEquals(List.of("OpaqueRef:a", "OpaqueRef:b"), refs);
    }

    @Test
    void aFailureIsAFailureAndOtherValuesComeBackWhole() throws Exception {
        String failure = "<methodResponse><params><param><value><struct>"
                + "<member><name>ErrorDescription</name><value><array><data><value>SESSION_INVALID</value>"
                + "<value>OpaqueRef:s</value></data></array></value></member>"
                + "<member><name>Status</name><value>Failure</value></member></struct></value></param></params>"
                + "</methodResponse>";
        XenApiResult f = reader.readResult(in(failure), 1 << 20, (k, v) -> {
            throw new AssertionError("no members in a failure");
        });
        assertEquals(List.of("SESSION_INVALID", "OpaqueRef:s"), ((XenApiResult.Failure) f).errorDescription());
        String ref = "<methodResponse><params><param><value><struct><member><name>Value</name><value>OpaqueRef:x"
                + "</value></member><member><name>Status</name><value>Success</value></member></struct></value>"
                + "</param></params></methodResponse>";
        assertEquals("OpaqueRef:x", ((XenApiResult.Success) reader.readResult(in(ref), 1 << 20, (k, v) -> { }))
                .value());
        Object whole = ((XenApiResult.Success) reader.readResult(in(success(member("OpaqueRef:a", "u"))), 1 << 20,
                null)).value();
        assertEquals(List.of("OpaqueRef:a"), List.copyOf(((Map<?, ?>) whole).keySet()), "no sink: the struct whole");
    }

    @Test
    void aRunawayOrBrokenAnswerIsAFormatError() {
        String big = success(member("OpaqueRef:a", "u-a"), member("OpaqueRef:b", "u-b"));
        XmlRpcFormatException e = assertThrows(XmlRpcFormatException.class,
                () -> reader.readResult(in(big), 300, (k, v) -> { }));
        assertTrue(hasCause(e, BodyTooLargeException.class), e.toString());
        String truncated = big.substring(0, big.length() / 2);
        assertThrows(XmlRpcFormatException.class, () -> reader.readResult(in(truncated), 1 << 20, (k, v) -> { }));
        assertThrows(XmlRpcFormatException.class, () -> reader.readResult(in(
                "<methodResponse><fault><value><struct/></value></fault></methodResponse>"), 1 << 20, (k, v) -> { }));
        assertInstanceOf(XenApiResult.Success.class, assertDoesNotThrowResult(big));
    }

    private XenApiResult assertDoesNotThrowResult(String xml) {
        try {
            return reader.readResult(in(xml), 1 << 20, (k, v) -> { });
        } catch (XmlRpcFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
            if (c instanceof javax.xml.stream.XMLStreamException x && type.isInstance(x.getNestedException())) {
                return true;
            }
        }
        return false;
    }
}
