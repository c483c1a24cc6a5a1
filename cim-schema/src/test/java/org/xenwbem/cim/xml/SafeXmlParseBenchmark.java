package org.xenwbem.cim.xml;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Cost of one parse, SafeXml's fast path against Xerces, for the Identify envelope and typical
 * Enumerate / Invoke / CIM-XML requests: ns per parse and bytes allocated per parse in a hot loop
 * (after warm-up, the two paths alternating, best of three rounds). Each parse is followed by a walk
 * over the whole DOM (names, attributes, text), as the decoders do. The server pays more for Xerces than this shows (its code and garbage compete
 * with Jetty and TLS for caches). Printed as {@code BENCH} lines, not asserted.
 */
@Tag("benchmark")
class SafeXmlParseBenchmark {
    private static final long WARMUP_NANOS = 500_000_000L;
    private static final long MEASURE_NANOS = 200_000_000L;

    private interface Parse {
        Object run(byte[] b) throws XmlException;
    }

    @Test
    void fastPathAgainstXerces() throws XmlException {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String name : new String[] {"winrm-identify", "winrm-enumerate", "pywinrm-invoke", "cimxml-getinstance"}) {
            byte[] body = SmallXmlParserTest.envelope(name);
            assertNotNull(SafeXml.parseFast(body, 0, body.length), name);
            Parse fast = b -> walk(SafeXml.parseFast(b, 0, b.length));
            Parse xerces = b -> walk(SafeXml.parseXerces(b, 0, b.length));
            loop(body, fast, WARMUP_NANOS);
            loop(body, xerces, WARMUP_NANOS);
            double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            for (int round = 0; round < 3; round++) {
                measure(threads, body, fast, best, 0);
                measure(threads, body, xerces, best, 2);
            }
            print(name + ".fast", best[0], best[1]);
            print(name + ".xerces", best[2], best[3]);
            System.out.printf(Locale.ROOT, "BENCH xml-parse.%s.speedup %.2f x%n", name, best[2] / best[0]);
        }
    }

    private static void print(String name, double ns, double alloc) {
        System.out.printf(Locale.ROOT, "BENCH xml-parse.%s %.0f ns/parse%n", name, ns);
        System.out.printf(Locale.ROOT, "BENCH xml-parse.%s.alloc %.0f bytes/parse%n", name, alloc);
    }

    /** Lowest ns/parse and bytes/parse so far into best[at], best[at + 1]. */
    private static void measure(ThreadMXBean threads, byte[] body, Parse parse, double[] best,
                                int at) throws XmlException {
        long tid = Thread.currentThread().getId();
        long bytes = threads.getThreadAllocatedBytes(tid);
        long start = System.nanoTime();
        long n = loop(body, parse, MEASURE_NANOS);
        best[at] = Math.min(best[at], (System.nanoTime() - start) / (double) n);
        best[at + 1] = Math.min(best[at + 1], (threads.getThreadAllocatedBytes(tid) - bytes) / (double) n);
    }

    /** Visits every node, name, attribute and text, as the decoders do. */
    private static Object walk(Node n) {
        int h = String.valueOf(n.getLocalName()).hashCode() + String.valueOf(n.getNamespaceURI()).hashCode()
                + String.valueOf(n.getNodeValue()).hashCode();
        NamedNodeMap attrs = n.getAttributes();
        for (int i = 0; attrs != null && i < attrs.getLength(); i++) {
            h += attrs.item(i).getNodeValue().hashCode();
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            h += walk(c).hashCode();
        }
        return h;
    }

    private static long loop(byte[] body, Parse parse, long nanos) throws XmlException {
        long end = System.nanoTime() + nanos;
        long n = 0;
        Object sink = null;
        do {
            for (int i = 0; i < 100; i++, n++) {
                sink = parse.run(body);
            }
        } while (System.nanoTime() < end);
        assertNotNull(sink);
        return n;
    }
}
