package org.xenwbem.bridge.xmlrpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.xenwbem.bridge.xml.HardenedStax;

/**
 * Parses XML-RPC calls, responses and value fragments with StAX. DTDs and external entities are
 * disabled; a document type declaration is rejected. Accepts what xapi and other clients send:
 * untyped values, {@code <string>}, {@code <int>/<i4>/<i8>} (decoded as {@link Long}),
 * {@code <boolean>}, {@code <double>}, dates with or without {@code Z} (and with or without dashes),
 * {@code <base64>} (as {@code byte[]}), {@code <nil/>}, and whitespace between elements.
 */
public final class XmlRpcReader {
    /**
     * Default body limit: 256 MiB, enough for {@code VBD.get_all_records} of a 10,000-VM pool (about
     * 70 MiB of XML for 40,000 VBDs) with room to spare.
     */
    public static final int DEFAULT_MAX_BYTES = 256 << 20;
    private static final int MAX_DEPTH = 64;
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyyMMdd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private final XMLInputFactory factory;
    private final int maxBytes;

    public XmlRpcReader() {
        this(DEFAULT_MAX_BYTES);
    }

    public XmlRpcReader(int maxBytes) {
        this.maxBytes = maxBytes;
        this.factory = HardenedStax.factory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** Reads at most {@link #maxBytes()} bytes; more is a {@link BodyTooLargeException}. */
    public byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        return body;
    }

    public MethodCall readCall(byte[] body) throws XmlRpcFormatException {
        XMLStreamReader r = open(body);
        try {
            expectRoot(r, "methodCall");
            expectStart(r, "methodName");
            String name = r.getElementText().trim();
            List<Object> params = new ArrayList<>();
            if (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                requireName(r, "params");
                while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    requireName(r, "param");
                    expectStart(r, "value");
                    params.add(readValue(r, 0));
                    expectEnd(r, "param");
                }
                expectEnd(r, "methodCall");
            }
            if (name.isEmpty()) {
                throw new XmlRpcFormatException("empty methodName");
            }
            return new MethodCall(name, params);
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmlRpcFormatException("malformed methodCall: " + e.getMessage(), e);
        }
    }

    /** Reads a {@code <methodResponse>} up to the start of its one {@code <param><value>}; a fault is a format error. */
    private static void openResponseValue(XMLStreamReader r) throws XMLStreamException, XmlRpcFormatException {
        expectRoot(r, "methodResponse");
        r.nextTag();
        if ("fault".equals(r.getLocalName())) {
            throw new XmlRpcFormatException("unexpected XML-RPC <fault>"); // xapi never sends one
        }
        requireName(r, "params");
        expectStart(r, "param");
        expectStart(r, "value");
    }

    /** The single value of a {@code <methodResponse>}; a {@code <fault>} is a format error (xapi never sends one). */
    public Object readResponse(byte[] body) throws XmlRpcFormatException {
        XMLStreamReader r = open(body);
        try {
            openResponseValue(r);
            Object value = readValue(r, 0);
            expectEnd(r, "param");
            expectEnd(r, "params");
            return value;
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmlRpcFormatException("malformed methodResponse: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a XenAPI response ({@code Status} with {@code Value} or {@code ErrorDescription}) from {@code in}
     * as it arrives, reading at most {@code maxBytes}. When {@code members} is not null and the Value is a
     * struct, each of its members is handed to {@code members} as soon as it is read and not kept (the
     * Success then carries an empty map): {@code get_all_records} of a large pool never exists whole in
     * memory, neither as bytes nor decoded. Any other Value is returned whole.
     */
    public XenApiResult readResult(InputStream in, long maxBytes, BiConsumer<String, Object> members)
            throws XmlRpcFormatException {
        XMLStreamReader r = open(new BoundedInput(in, maxBytes));
        try {
            openResponseValue(r);
            expectStart(r, "struct");
            Map<String, Object> envelope = new LinkedHashMap<>();
            while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
                requireName(r, "member");
                expectStart(r, "name");
                String name = r.getElementText();
                expectStart(r, "value");
                envelope.put(name, readValue(r, 1, "Value".equals(name) ? members : null));
                expectEnd(r, "member");
            }
            return XenApiResult.fromStruct(envelope);
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmlRpcFormatException("malformed methodResponse: " + e.getMessage(), e);
        }
    }

    /** Parses one {@code <value>…</value>} fragment, e.g. {@code task.result}. */
    public Object readValueFragment(String fragment) throws XmlRpcFormatException {
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new StringReader(fragment));
            expectRoot(r, "value");
            return readValue(r, 0);
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmlRpcFormatException("malformed value: " + e.getMessage(), e);
        }
    }

    private XMLStreamReader open(byte[] body) throws XmlRpcFormatException {
        return open(new ByteArrayInputStream(body));
    }

    private XMLStreamReader open(InputStream in) throws XmlRpcFormatException {
        try {
            return factory.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw new XmlRpcFormatException("unreadable XML: " + e.getMessage(), e);
        }
    }

    private static void expectRoot(XMLStreamReader r, String name) throws XMLStreamException, XmlRpcFormatException {
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.DTD) {
                throw new XmlRpcFormatException("document type declarations are not accepted");
            }
            if (ev == XMLStreamConstants.START_ELEMENT) {
                requireName(r, name);
                return;
            }
        }
        throw new XmlRpcFormatException("no root element");
    }

    private static void expectStart(XMLStreamReader r, String name) throws XMLStreamException, XmlRpcFormatException {
        if (r.nextTag() != XMLStreamConstants.START_ELEMENT) {
            throw new XmlRpcFormatException("expected <" + name + ">, found </" + r.getLocalName() + ">");
        }
        requireName(r, name);
    }

    private static void expectEnd(XMLStreamReader r, String name) throws XMLStreamException, XmlRpcFormatException {
        if (r.nextTag() != XMLStreamConstants.END_ELEMENT || !name.equals(r.getLocalName())) {
            throw new XmlRpcFormatException("expected </" + name + ">, found " + r.getLocalName());
        }
    }

    private static void requireName(XMLStreamReader r, String name) throws XmlRpcFormatException {
        if (!name.equals(r.getLocalName())) {
            throw new XmlRpcFormatException("expected <" + name + ">, found <" + r.getLocalName() + ">");
        }
    }

    private Object readValue(XMLStreamReader r, int depth) throws XMLStreamException, XmlRpcFormatException {
        return readValue(r, depth, null);
    }

    /**
     * Positioned on {@code <value>}; returns positioned on {@code </value>}. A struct is handed member by
     * member to {@code members} when that is not null (and read as an empty map).
     */
    private Object readValue(XMLStreamReader r, int depth, BiConsumer<String, Object> members)
            throws XMLStreamException, XmlRpcFormatException {
        if (depth > MAX_DEPTH) {
            throw new XmlRpcFormatException("values nested deeper than " + MAX_DEPTH);
        }
        StringBuilder text = new StringBuilder();
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(r.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return text.toString();
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    if (!text.toString().isBlank()) {
                        throw new XmlRpcFormatException("text mixed with <" + r.getLocalName() + ">");
                    }
                    Object v = members != null && "struct".equals(r.getLocalName())
                            ? streamStruct(r, depth, members) : readTyped(r, depth);
                    expectEnd(r, "value");
                    return v;
                }
                case XMLStreamConstants.COMMENT, XMLStreamConstants.PROCESSING_INSTRUCTION -> { }
                default -> throw new XmlRpcFormatException("unexpected XML event " + ev + " in <value>");
            }
        }
    }

    private Object readTyped(XMLStreamReader r, int depth) throws XMLStreamException, XmlRpcFormatException {
        String type = r.getLocalName();
        return switch (type) {
            case "string" -> r.getElementText();
            case "int", "i4", "i8" -> Long.parseLong(r.getElementText().trim());
            case "boolean" -> parseBoolean(r.getElementText().trim());
            case "double" -> parseDouble(r.getElementText().trim());
            case "dateTime.iso8601" -> parseDateTime(r.getElementText().trim());
            case "base64" -> Base64.getMimeDecoder().decode(r.getElementText().trim());
            case "nil" -> {
                r.getElementText();
                yield null;
            }
            case "array" -> readArray(r, depth);
            case "struct" -> readStruct(r, depth);
            default -> throw new XmlRpcFormatException("unknown XML-RPC type <" + type + ">");
        };
    }

    private List<Object> readArray(XMLStreamReader r, int depth) throws XMLStreamException, XmlRpcFormatException {
        expectStart(r, "data");
        List<Object> list = new ArrayList<>();
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            requireName(r, "value");
            list.add(readValue(r, depth + 1));
        }
        requireName(r, "data");
        expectEnd(r, "array");
        return list;
    }

    private Map<String, Object> readStruct(XMLStreamReader r, int depth) throws XMLStreamException, XmlRpcFormatException {
        Map<String, Object> map = new LinkedHashMap<>();
        streamStruct(r, depth, map::put);
        return map;
    }

    private Map<String, Object> streamStruct(XMLStreamReader r, int depth, BiConsumer<String, Object> members)
            throws XMLStreamException, XmlRpcFormatException {
        while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
            requireName(r, "member");
            expectStart(r, "name");
            String name = r.getElementText();
            expectStart(r, "value");
            members.accept(name, readValue(r, depth + 1));
            expectEnd(r, "member");
        }
        requireName(r, "struct");
        return Map.of();
    }

    private static Boolean parseBoolean(String s) throws XmlRpcFormatException {
        return switch (s) {
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> throw new XmlRpcFormatException("bad boolean: " + s);
        };
    }

    private static Double parseDouble(String s) {
        return switch (s) {
            case "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan", "-nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /** {@code 20240420T12:00:00Z}, also without {@code Z} (UTC assumed) and {@code 2024-04-20T12:00:00Z}. */
    public static Instant parseDateTime(String s) throws XmlRpcFormatException {
        String t = s.endsWith("Z") ? s.substring(0, s.length() - 1) : s;
        int tee = t.indexOf('T');
        if (tee > 0) {
            t = t.substring(0, tee).replace("-", "") + t.substring(tee);
        }
        try {
            return LocalDateTime.parse(t, DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new XmlRpcFormatException("bad dateTime.iso8601: " + s, e);
        }
    }
}
