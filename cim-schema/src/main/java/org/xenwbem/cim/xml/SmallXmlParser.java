package org.xenwbem.cim.xml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.DOMException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * {@link SafeXml}'s fast path: a strict parser for the XML subset request bodies use (UTF-8 only;
 * elements, attributes, namespaces, character data, the five predefined entities, character
 * references, comments), building the same DOM as the JDK's Xerces. Whatever lies outside that
 * subset, or is not well-formed, it does not judge: it answers null and SafeXml hands the bytes to
 * Xerces, so faults and rare features (CDATA, PIs, DOCTYPE refusal, UTF-16) stay exactly Xerces'.
 * Xerces costs several times more per small envelope (configuration reset, scanner drivers, an
 * exception at every document end), which showed in the Identify throughput.
 *
 * <p>One instance per document; what is worth keeping between documents (the decoder, its char
 * buffer, recently seen names) is kept per thread.
 */
final class SmallXmlParser {
    /** Xerces' limit {@code jdk.xml.elementAttributeLimit} as SafeXml sets it. */
    static final int MAX_ATTRIBUTES = 64;
    /** Longer names go to Xerces, which enforces its own name length limit. */
    private static final int MAX_NAME = 200;

    /** Thrown to give up on the fast path; no stack trace, one instance. */
    private static final class Defer extends RuntimeException {
        Defer() {
            super(null, null, false, false);
        }
    }

    private static final Defer DEFER = new Defer();
    private static final ThreadLocal<PerThread> PER_THREAD = ThreadLocal.withInitial(PerThread::new);

    private final char[] s;
    private final int end;
    private final Document doc;
    private int pos;
    private final StringBuilder text = new StringBuilder();
    /** In-scope namespace bindings, innermost last; "" is the default namespace. */
    private String[] prefixes = new String[16];
    private String[] uris = new String[16];
    private int bindings;
    /** The current start tag's attributes (consumed before its content is parsed). */
    private String[] attrNames = new String[8];
    private String[] attrValues = new String[8];
    private String[] attrUris = new String[8];

    /** This thread's cache of element and attribute names (see {@link #intern}). */
    private final String[] names;

    private SmallXmlParser(CharBuffer chars, String[] names, Document doc) {
        this.names = names;
        this.s = chars.array();
        this.pos = chars.arrayOffset() + chars.position();
        this.end = chars.arrayOffset() + chars.limit();
        this.doc = doc;
        bind("xml", XMLConstants.XML_NS_URI);
    }

    /** The document, or null when Xerces must decide (outside the subset, or malformed). */
    static Document parse(Document empty, byte[] bytes, int offset, int length) {
        PerThread state = PER_THREAD.get();
        CharBuffer chars = decode(state, bytes, offset, length);
        if (chars == null) {
            return null;
        }
        // names are checked here already; Xerces' own checks on each node are restored for callers
        empty.setStrictErrorChecking(false);
        try {
            new SmallXmlParser(chars, state.names, empty).document();
            empty.setStrictErrorChecking(true);
            return empty;
        } catch (Defer | DOMException e) {
            return null;
        }
    }

    /** Strict UTF-8, which also rules out lone surrogates; anything but '<' or blanks first goes to Xerces. */
    private static CharBuffer decode(PerThread state, byte[] bytes, int offset, int length) {
        boolean bom = length >= 3 && (bytes[offset] & 0xFF) == 0xEF && (bytes[offset + 1] & 0xFF) == 0xBB
                && (bytes[offset + 2] & 0xFF) == 0xBF;
        int first = bom ? offset + 3 : offset;
        if (first >= offset + length || !(bytes[first] == '<' || isSpace(bytes[first]))) {
            return null; // UTF-16 / UTF-32 / EBCDIC patterns, or garbage: Xerces' call
        }
        CharBuffer out = state.charsFor(length); // UTF-8 never yields more chars than bytes
        CharsetDecoder decoder = state.decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes, first, offset + length - first);
        if (!decoder.decode(in, out, true).isUnderflow() || !decoder.flush(out).isUnderflow()) {
            return null; // malformed
        }
        return out.flip();
    }

    /** What each thread keeps between parses: its decoder, a char buffer, recent names. */
    private static final class PerThread {
        /** Larger bodies get a buffer of their own, so no thread keeps a large one. */
        private static final int KEPT_CHARS = 64 * 1024;

        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        final String[] names = new String[512];
        private CharBuffer chars = CharBuffer.allocate(4096);

        CharBuffer charsFor(int length) {
            if (length > chars.capacity()) {
                if (length > KEPT_CHARS) {
                    return CharBuffer.allocate(length);
                }
                chars = CharBuffer.allocate(KEPT_CHARS);
            }
            return chars.clear();
        }
    }

    private void document() {
        if (lookingAt("<?xml") && pos + 5 < end && isSpace(s[pos + 5])) {
            declaration();
        }
        misc();
        element(doc, 1);
        misc();
        require(pos == end); // content after the root
    }

    /** {@code <?xml version="1.0" encoding="UTF-8" standalone="yes"?>}, the last two optional. */
    private void declaration() {
        pos += 5;
        spaces();
        expect("version");
        require("1.0".equals(eqValue()));
        boolean space = spaces();
        if (space && lookingAt("encoding")) {
            pos += 8;
            require("UTF-8".equalsIgnoreCase(eqValue()));
            space = spaces();
        }
        if (space && lookingAt("standalone")) {
            pos += 10;
            String v = eqValue();
            require(v.equals("yes") || v.equals("no"));
            doc.setXmlStandalone(v.equals("yes"));
            spaces();
        }
        expect("?>");
    }

    private String eqValue() {
        spaces();
        expect("=");
        spaces();
        require(pos < end && (s[pos] == '"' || s[pos] == '\''));
        char quote = s[pos];
        int start = ++pos;
        while (pos < end && s[pos] != quote) {
            pos++;
        }
        require(pos < end);
        return new String(s, start, pos++ - start);
    }

    /** Blanks and comments around the root element. */
    private void misc() {
        while (true) {
            spaces();
            if (!lookingAt("<!--")) {
                return;
            }
            comment();
        }
    }

    private void element(Node parent, int depth) {
        require(depth <= SafeXml.MAX_DEPTH && lookingAt("<"));
        pos++;
        String qname = name();
        int scope = bindings;
        int attrs = attributes();
        Element e = doc.createElementNS(uri(qname, true), qname);
        for (int i = 0; i < attrs; i++) {
            String name = attrNames[i];
            attrUris[i] = name.equals("xmlns") || name.startsWith("xmlns:")
                    ? XMLConstants.XMLNS_ATTRIBUTE_NS_URI : uri(name, false);
            for (int j = 0; j < i; j++) { // same name, or same namespace and local name: Xerces' fault
                require(!attrNames[j].equals(name) && !(attrUris[i] != null && attrUris[i].equals(attrUris[j])
                        && sameLocalName(attrNames[j], name)));
            }
            Attr a = doc.createAttributeNS(attrUris[i], name); // as Xerces' DOM builder does
            a.setValue(attrValues[i]);
            e.setAttributeNodeNS(a);
        }
        parent.appendChild(e);
        if (s[pos] == '/') {
            expect("/>");
        } else {
            pos++;
            content(e, depth);
            expect("</");
            expect(qname);
            spaces();
            expect(">");
        }
        bindings = scope;
    }

    /**
     * The attributes of a start tag into attrNames / attrValues, up to '>' or "/>"; namespace
     * declarations among them take effect at once (they scope the element's own name too).
     */
    private int attributes() {
        int attrs = 0;
        while (true) {
            boolean space = spaces();
            require(pos < end);
            if (s[pos] == '>' || s[pos] == '/') {
                return attrs;
            }
            require(space && attrs < MAX_ATTRIBUTES);
            if (attrs == attrNames.length) {
                attrNames = Arrays.copyOf(attrNames, attrs * 2);
                attrValues = Arrays.copyOf(attrValues, attrs * 2);
                attrUris = Arrays.copyOf(attrUris, attrs * 2);
            }
            String name = name();
            attrNames[attrs] = name;
            attrValues[attrs++] = eqAttValue();
            if (name.equals("xmlns")) {
                declare("", attrValues[attrs - 1]);
            } else if (name.startsWith("xmlns:")) {
                declare(name.substring(6), attrValues[attrs - 1]);
            }
        }
    }

    /** Character data, references, comments and child elements, up to the end tag. */
    private void content(Element parent, int depth) {
        while (true) {
            require(pos < end);
            char c = s[pos];
            if (c == '<') {
                if (lookingAt("<!--")) {
                    comment(); // ignored: the text around it stays one node, as Xerces builds it
                    continue;
                }
                flushText(parent);
                if (lookingAt("</")) {
                    return;
                }
                require(pos + 1 < end && s[pos + 1] != '!' && s[pos + 1] != '?'); // CDATA, DOCTYPE, PI
                element(parent, depth + 1);
            } else if (c == '&') {
                reference();
            } else if (c == '\r') { // line ends: \r\n and a lone \r become \n
                text.append('\n');
                pos += pos + 1 < end && s[pos + 1] == '\n' ? 2 : 1;
            } else { // a run of plain characters in one append; a ']' not starting "]]>" ends a run
                int start = pos;
                while (pos < end && plain(s[pos], ']')) {
                    pos++;
                }
                if (pos == start) {
                    require(c == ']' && !lookingAt("]]>")); // else an illegal character
                    pos++;
                }
                text.append(s, start, pos - start);
            }
        }
    }

    private void flushText(Element parent) {
        if (text.length() > 0) {
            parent.appendChild(doc.createTextNode(text.toString()));
            text.setLength(0);
        }
    }

    /** An attribute value after '=': blanks become spaces (after line-end normalization), no '<'. */
    private String eqAttValue() {
        spaces();
        expect("=");
        spaces();
        require(pos < end && (s[pos] == '"' || s[pos] == '\''));
        char quote = s[pos++];
        text.setLength(0);
        while (true) {
            require(pos < end);
            char c = s[pos];
            if (c == quote) {
                pos++;
                break;
            } else if (c == '&') {
                reference();
            } else if (isSpace(c)) {
                text.append(' ');
                pos += c == '\r' && pos + 1 < end && s[pos + 1] == '\n' ? 2 : 1;
            } else { // a run of plain characters in one append
                int start = pos;
                while (pos < end && plain(s[pos], quote) && s[pos] != '\t' && s[pos] != '\n') {
                    pos++;
                }
                require(pos > start); // '<' or an illegal character
                text.append(s, start, pos - start);
            }
        }
        String value = text.toString();
        text.setLength(0);
        return value;
    }

    /** {@code &lt;} and the other four, or a character reference that names a legal character. */
    private void reference() {
        int semi = pos + 1;
        while (semi < end && semi - pos < 12 && s[semi] != ';') {
            semi++;
        }
        require(semi < end && s[semi] == ';');
        String ref = new String(s, pos + 1, semi - pos - 1);
        pos = semi + 1;
        switch (ref) {
            case "lt" -> text.append('<');
            case "gt" -> text.append('>');
            case "amp" -> text.append('&');
            case "quot" -> text.append('"');
            case "apos" -> text.append('\'');
            default -> {
                require(ref.startsWith("#") && ref.length() > 1);
                int radix = ref.charAt(1) == 'x' ? 16 : 10;
                int cp = 0;
                for (int i = radix == 16 ? 2 : 1; i < ref.length(); i++) {
                    char d = ref.charAt(i);
                    int v = d < 0x80 ? Character.digit(d, radix) : -1;
                    require(v >= 0 && cp <= 0x10FFFF);
                    cp = cp * radix + v;
                }
                require(ref.length() > (radix == 16 ? 2 : 1));
                require(cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF
                        || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000 && cp <= 0x10FFFF);
                text.appendCodePoint(cp);
            }
        }
    }

    /** {@code <!-- ... -->}, skipped; "--" inside goes to Xerces. */
    private void comment() {
        pos += 4;
        while (true) {
            require(pos + 1 < end);
            if (s[pos] == '-' && s[pos + 1] == '-') {
                expect("-->");
                return;
            }
            require(legal(s[pos]));
            pos++;
        }
    }

    /** An ASCII QName (NCName or prefix:NCName); anything else, e.g. non-ASCII letters, to Xerces. */
    private String name() {
        int start = pos;
        int colon = -1;
        while (pos < end && pos - start <= MAX_NAME) {
            char c = s[pos];
            if (c == ':') {
                require(colon < 0);
                colon = pos;
            } else if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
                    || (pos > start && pos - 1 != colon && (c >= '0' && c <= '9' || c == '-' || c == '.')))) {
                break;
            }
            pos++;
        }
        require(pos > start && colon != start && colon != pos - 1 && pos - start <= MAX_NAME
                && (pos == end || s[pos] < 0x80));
        return intern(start, pos - start);
    }

    /** The cached String for these chars: envelopes repeat the same few dozen names in every request. */
    private String intern(int start, int length) {
        int h = length;
        for (int i = start; i < start + length; i++) {
            h = 31 * h + s[i];
        }
        int slot = (h ^ h >>> 16) & (names.length - 1);
        String cached = names[slot];
        if (cached != null && cached.length() == length) {
            int i = 0;
            while (i < length && cached.charAt(i) == s[start + i]) {
                i++;
            }
            if (i == length) {
                return cached;
            }
        }
        return names[slot] = new String(s, start, length);
    }

    /** Namespace of a QName: the prefix's binding, for unprefixed elements the default namespace. */
    private String uri(String qname, boolean element) {
        int colon = qname.indexOf(':');
        if (colon < 0 && !element) {
            return null;
        }
        int prefixLength = Math.max(colon, 0);
        for (int i = bindings - 1; i >= 0; i--) {
            if (prefixes[i].length() == prefixLength && qname.startsWith(prefixes[i])) {
                return uris[i].isEmpty() ? null : uris[i];
            }
        }
        require(colon < 0); // unbound prefix
        return null;
    }

    /**
     * A namespace declaration; the reserved prefixes and names, "xmlns:p=''", and a namespace name longer
     * than Xerces allows (which it refuses: found by the fuzzer after 2.5 M runs) go to Xerces.
     */
    private void declare(String prefix, String uri) {
        require(!prefix.equals("xml") && !prefix.equals("xmlns") && !(uri.isEmpty() && !prefix.isEmpty())
                && !uri.equals(XMLConstants.XML_NS_URI) && !uri.equals(XMLConstants.XMLNS_ATTRIBUTE_NS_URI)
                && uri.length() <= SafeXml.MAX_XML_NAME);
        bind(prefix, uri);
    }

    private void bind(String prefix, String uri) {
        if (bindings == prefixes.length) {
            prefixes = Arrays.copyOf(prefixes, bindings * 2);
            uris = Arrays.copyOf(uris, bindings * 2);
        }
        prefixes[bindings] = prefix;
        uris[bindings++] = uri;
    }

    private static boolean sameLocalName(String a, String b) {
        int ia = a.indexOf(':') + 1;
        int ib = b.indexOf(':') + 1;
        return a.length() - ia == b.length() - ib && a.regionMatches(ia, b, ib, a.length() - ia);
    }

    private boolean spaces() {
        int start = pos;
        while (pos < end && isSpace(s[pos])) {
            pos++;
        }
        return pos > start;
    }

    private boolean lookingAt(String literal) {
        if (end - pos < literal.length()) {
            return false;
        }
        for (int i = 0; i < literal.length(); i++) {
            if (s[pos + i] != literal.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void expect(String literal) {
        require(lookingAt(literal));
        pos += literal.length();
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw DEFER;
        }
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** A legal character other than '<', '&', '\r' and {@code stop}. */
    private static boolean plain(char c, char stop) {
        return c >= 0x20 ? c != '<' && c != '&' && c != stop && c < 0xFFFE : c == '\t' || c == '\n';
    }

    /** XML 1.0 Char, given that the strict decoder already refused lone surrogates. */
    private static boolean legal(char c) {
        return c >= 0x20 ? c < 0xFFFE : c == '\t' || c == '\n' || c == '\r';
    }
}
