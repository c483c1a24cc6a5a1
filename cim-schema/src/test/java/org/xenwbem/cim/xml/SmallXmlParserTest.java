package org.xenwbem.cim.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Differential test of SafeXml's fast path against Xerces: whenever {@link SmallXmlParser} accepts a
 * document, Xerces accepts it too and both DOMs dump identically; whenever Xerces refuses, the fast
 * path must not accept. Corpus: client envelopes, every XML file in the repository, variations of
 * the envelopes, hand-written edge cases and seeded random mutations.
 */
class SmallXmlParserTest {
    static final String[] ENVELOPES = {"winrm-identify", "winrm-enumerate", "pywinrm-enumerate", "pywinrm-invoke",
        "wsl-pull", "wsl-enumerate-filter", "cimxml-getinstance", "cimxml-invokemethod"};

    /** Node type, namespace, prefix, local name, sorted attributes, text: what our callers can see. */
    static String dump(Node n) {
        StringBuilder b = new StringBuilder();
        dump(n, b, 0);
        return b.toString();
    }

    private static void dump(Node n, StringBuilder b, int depth) {
        b.append("  ".repeat(depth)).append(n.getNodeType());
        switch (n.getNodeType()) {
            case Node.ELEMENT_NODE -> {
                b.append(" {").append(n.getNamespaceURI()).append('}').append(n.getPrefix()).append(':')
                        .append(n.getLocalName()).append(" [").append(n.getNodeName()).append(']');
                Map<String, String> attrs = new TreeMap<>();
                NamedNodeMap map = n.getAttributes();
                for (int i = 0; i < map.getLength(); i++) {
                    Node a = map.item(i);
                    attrs.put("{" + a.getNamespaceURI() + "}" + a.getPrefix() + ":" + a.getLocalName()
                            + " [" + a.getNodeName() + "]", a.getNodeValue());
                }
                attrs.forEach((k, v) -> b.append("\n").append("  ".repeat(depth + 1)).append("@ ").append(k)
                        .append('=').append(escape(v)));
            }
            case Node.TEXT_NODE -> b.append(' ').append(escape(n.getNodeValue()));
            case Node.DOCUMENT_NODE -> b.append(" standalone=").append(((Document) n).getXmlStandalone());
            default -> b.append(' ').append(n.getNodeName());
        }
        b.append('\n');
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            dump(c, b, depth + 1);
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c > 0x7E || c == '\\') {
                b.append(String.format("\\u{%x}", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /**
     * Xerces refuses a namespace name longer than 1,000 characters once references are resolved
     * (JAXP00010005, its name limit); the fast path used to take it (the fuzzer found it after 2.5 M
     * runs), and now leaves it to Xerces, on either side of the limit and with references in it.
     */
    @Test
    void namespaceNamesAreHeldToXercesNameLimit() {
        for (String prefix : new String[] {"", ":p"}) {
            String element = prefix.isEmpty() ? "a" : "p:a";
            String ok = "<" + element + " xmlns" + prefix + "=\"urn:" + "u".repeat(996) + "\"/>";
            assertTrue(check(utf8(ok)), "1,000 characters: the fast path's");
            String over = "<" + element + " xmlns" + prefix + "=\"urn:" + "&#xE9;".repeat(10) + "u".repeat(987) + "\"/>";
            assertFalse(check(utf8(over)), "1,001 characters after references: Xerces', which refuses it");
            assertNull(checkedAnswer(utf8(over)));
        }
    }

    /** Parses with both paths and checks the contract; true if the fast path accepted. */
    static boolean check(byte[] input) {
        Document[] both = compare(input);
        return both != null && both[0] != null;
    }

    /**
     * Checks the contract as {@link #check} does and answers what {@link SafeXml#parse} answers (the
     * fast path's document, else Xerces'), or null where it refuses: no third parse.
     */
    static Document checkedAnswer(byte[] input) {
        Document[] both = compare(input);
        return both == null ? null : both[0] != null ? both[0] : both[1];
    }

    /** The fast path's document (null: declined) and Xerces'; null when Xerces refuses the input. */
    private static Document[] compare(byte[] input) {
        Document fast = SafeXml.parseFast(input, 0, input.length);
        Document xerces;
        try {
            xerces = SafeXml.parseXerces(input, 0, input.length);
        } catch (XmlException e) {
            if (fast != null) {
                fail("fast path accepted what Xerces refuses (" + e.getMessage() + "):\n" + show(input));
            }
            return null;
        }
        if (fast != null) {
            assertEquals(dump(xerces), dump(fast), () -> "DOMs differ for:\n" + show(input));
        }
        return new Document[] {fast, xerces};
    }

    private static String show(byte[] input) {
        return escape(new String(input, StandardCharsets.ISO_8859_1));
    }

    static byte[] envelope(String name) {
        try (InputStream in = SmallXmlParserTest.class.getResourceAsStream("envelopes/" + name + ".xml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String name) {
        return new String(envelope(name), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void clientEnvelopesTakeTheFastPathAndMatchXerces() {
        for (String name : ENVELOPES) {
            assertTrue(check(envelope(name)), name + " must take the fast path");
        }
    }

    @Test
    void everyXmlFileInTheRepository() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".xml") && Files.isRegularFile(p))
                    .filter(p -> !root.relativize(p).toString().matches("(.*/)?(target|\\.git|node_modules)/.*"))
                    .toList();
        }
        assertTrue(files.size() >= 6, "found only " + files);
        int fast = 0;
        for (Path p : files) {
            fast += check(Files.readAllBytes(p)) ? 1 : 0;
        }
        assertTrue(fast >= files.size() / 2, fast + " of " + files.size() + " on the fast path");
    }

    @Test
    void variationsOfTheEnvelopes() {
        for (String name : ENVELOPES) {
            String xml = text(name);
            String body = xml.startsWith("<?xml") ? xml.substring(xml.indexOf("?>") + 2).strip() : xml.strip();
            List<String> mustBeFast = List.of(
                    xml.replace("><", ">\r\n<").replace("\n", "\r\n"),
                    xml.replace("><", ">\r<"),
                    xml.replace("\"", "'"),
                    "<?xml version=\"1.0\"?>" + body,
                    "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n" + body,
                    "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"no\"?>" + body,
                    "\uFEFF" + xml,
                    "<!-- before -->\n" + body + "\n<!-- after -->\n",
                    xml.replace("</", "<!-- c -->\n</"),
                    xml.replaceFirst("<([A-Za-z]+:)?Body>", "$0<!---->"),
                    xml.replace("</", "&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#xE9;&#x1F600;&#9;&#13;</"),
                    xml.replaceAll("(mustUnderstand|Name|NAME|CLASSNAME|Dialect)=\"",
                            "$1=\"&#13;&#10;&#9;\t\r\n\r&amp;&lt;>"),
                    body.replace("=\"", " = \"").replace("/>", " />"));
            for (String v : mustBeFast) {
                assertTrue(check(utf8(v)), () -> name + " variation must take the fast path:\n" + v);
            }
            List<String> mustDefer = List.of(
                    "<?xml version=\"1.1\"?>" + body,
                    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + body,
                    " <?xml version=\"1.0\"?>" + body,
                    "<!DOCTYPE x>" + body,
                    "<?pi data?>" + body,
                    body + "<?pi?>",
                    body + "<x/>",
                    body + "x",
                    xml.replace("</", "<![CDATA[<&>]]></"),
                    xml.replace("</", "]]></"),
                    xml.replace("</", "<!-- a -- b --></"),
                    xml.replace("</", "&nbsp;</"),
                    xml.replace("</", "&#0;</"),
                    xml.replace("</", "&#xFFFE;</"),
                    xml.replace("</", "\u0001</"),
                    xml.replace("</", "\uFFFF</"),
                    xml.replace("</", "<undeclared:x/></"),
                    xml.replace("=\"", "=\"<"),
                    xml.substring(0, xml.length() / 2));
            for (String v : mustDefer) {
                check(utf8(v));
                assertNull(SafeXml.parseFast(utf8(v), 0, utf8(v).length), () -> name + " must defer:\n" + v);
            }
            for (byte[] v : List.of(("\uFEFF" + xml).getBytes(StandardCharsets.UTF_16LE),
                    ("\uFEFF" + xml).getBytes(StandardCharsets.UTF_16BE), xml.getBytes(StandardCharsets.UTF_16LE))) {
                check(v);
                assertNull(SafeXml.parseFast(v, 0, v.length), name + " in UTF-16 must defer");
            }
        }
    }

    @Test
    void namespacesAttributesAndLimits() {
        String[] cases = {
            "<a xmlns='urn:a'><b xmlns=''><c/></b><p:d xmlns:p='urn:p'><p:e xmlns:p='urn:q'/><p:f/></p:d></a>",
            "<p:a xmlns:p='urn:p'><q:b xmlns:q='urn:p' q:x='1' p:x='2'/></p:a>",
            "<p:a xmlns:p='urn:p' x='1' p:x='2'/>",
            "<a x='1' x='2'/>",
            "<a xml:lang='en' xml:space='preserve'><xml:b/></a>",
            "<a xmlns:xml='http://www.w3.org/XML/1998/namespace'/>",
            "<a xmlns:xmlns='urn:x'/>",
            "<a xmlns:p=''/>",
            "<a xmlns='http://www.w3.org/2000/xmlns/'/>",
            "<xmlns:a/>",
            "<a b='1'c='2'/>",
            "<a b=1/>",
            "<a:b:c xmlns:a='urn:a'/>",
            "<:a/>",
            "<a:/>",
            "<a/b/>",
            "<a.b-c_d e.f-g='h'/>",
            "<a1><b-1/><_c/></a1>",
            "<1a/>",
            "<a>\u00e9\u20ac\ud83d\ude00</a>",
            "<\u00e9/>",
            "<a \u00e9='x'/>",
            "<a></b>",
            "<a></a >",
            "<a></ a>",
            "<a>x<!-- c -->y&amp;z<b/>  \n  </a>",
            "<a> <!-- only --> </a>",
            "<a><!-- c --></a>",
            "<a>&#x10FFFF;&#x110000;</a>",
            "<a>&#xD800;</a>",
            "<a>&#99999999999;</a>",
            "<a>&#xFFFFFFFF;</a>",
            "<a>&#X41;</a>",
            "<a>&#;</a>",
            "<a>&#x;</a>",
            "<a>&amp</a>",
            "<a>]]</a>",
            "<a>]]&gt;</a>",
            "<a x='>'/>",
            "<a x=\"'\" y='\"'/>",
            "",
            "   ",
            "<!-- only a comment -->",
            "<a/><!-- -->  <!-- -->",
            "<a/>\r\n",
            "<a/><!-- --->",
            "<a/><!--->-->",
            "<a a" + "a".repeat(300) + "='1'/>",
            "<" + "n".repeat(300) + "/>",
            "<a>" + "éx&amp;".repeat(1500) + "</a>", // beyond the kept buffer's first size
            "<a b='" + "y".repeat(70_000) + "'>" + "x".repeat(70_000) + "</a>", // beyond what a thread keeps
            "<a>é</a>", // and back to a small one
        };
        int fast = 0;
        for (String c : cases) {
            fast += check(utf8(c)) ? 1 : 0;
        }
        assertTrue(fast >= 18, fast + " cases on the fast path");
        for (int depth = SafeXml.MAX_DEPTH - 2; depth <= SafeXml.MAX_DEPTH + 2; depth++) {
            String deep = "<a>".repeat(depth) + "</a>".repeat(depth);
            assertEquals(depth <= SafeXml.MAX_DEPTH, check(utf8(deep)), "depth " + depth);
        }
        for (int n = SmallXmlParser.MAX_ATTRIBUTES - 2; n <= SmallXmlParser.MAX_ATTRIBUTES + 2; n++) {
            StringBuilder plain = new StringBuilder("<a");
            StringBuilder ns = new StringBuilder("<a");
            for (int i = 0; i < n; i++) {
                plain.append(" a").append(i).append("='").append(i).append('\'');
                ns.append(i % 2 == 0 ? " xmlns:p" : " a").append(i).append("='urn:").append(i).append('\'');
            }
            check(utf8(plain + "/>"));
            check(utf8(ns + "/>"));
        }
    }

    @Test
    void randomMutationsOfValidEnvelopes() {
        Random random = new Random(20261121);
        byte[] interesting = utf8("<>&;\"'=:/!?-]#x \r\n\t\u0000\u00e9\u00ff");
        int fast = 0;
        int total = 0;
        for (String name : ENVELOPES) {
            byte[] base = envelope(name);
            for (int k = 0; k < 1500; k++) {
                byte[] m = base.clone();
                for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                    m = mutate(m, random, interesting);
                }
                fast += check(m) ? 1 : 0;
                total++;
            }
        }
        // the contract is checked for every mutation; make sure both outcomes occurred
        assertTrue(fast > total / 20 && fast < total, fast + " of " + total + " mutations on the fast path");
    }

    private static byte[] mutate(byte[] in, Random random, byte[] interesting) {
        int at = random.nextInt(in.length);
        byte b = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt(256);
        List<Byte> out = new ArrayList<>(in.length + 1);
        for (byte x : in) {
            out.add(x);
        }
        switch (random.nextInt(4)) {
            case 0 -> out.set(at, b);
            case 1 -> out.add(at, b);
            case 2 -> out.remove(at);
            default -> { // duplicate a short range
                int len = Math.min(1 + random.nextInt(16), in.length - at);
                out.addAll(at, out.subList(at, at + len).stream().toList());
            }
        }
        byte[] r = new byte[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = out.get(i);
        }
        return r;
    }

    @Test
    void parseUsesTheFastPathAndFallsBackToXerces() throws XmlException {
        byte[] identify = envelope("winrm-identify");
        assertNotNull(SafeXml.parseFast(identify, 0, identify.length));
        assertEquals(dump(SafeXml.parseXerces(identify, 0, identify.length)), dump(SafeXml.parse(identify)));
        byte[] utf16 = ("\uFEFF<?xml version=\"1.0\" encoding=\"utf-16\"?>" + text("winrm-identify"))
                .getBytes(StandardCharsets.UTF_16LE);
        assertEquals(dump(SafeXml.parseXerces(identify, 0, identify.length)), dump(SafeXml.parse(utf16)));
        byte[] framed = utf8("xx" + text("winrm-identify") + "yy");
        assertNotNull(SafeXml.parseFast(framed, 2, identify.length));
        XmlException e = org.junit.jupiter.api.Assertions.assertThrows(XmlException.class,
                () -> SafeXml.parse(utf8("<a><b></a>")));
        assertTrue(e.getMessage().startsWith("line 1, column"), e.getMessage());
    }
}
