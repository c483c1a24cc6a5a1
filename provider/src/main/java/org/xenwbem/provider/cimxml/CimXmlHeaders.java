package org.xenwbem.provider.cimxml;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The HTTP extension headers of a CIM operation request (DSP0200 §6.3), checked before the body is
 * read. A header is looked up as sent with POST, or with the {@code NN-} prefix an M-POST declares
 * in its {@code Man} header. Each rule is DSP0200's: CIMOperation missing or not MethodCall → 400
 * unsupported-operation; CIMBatch (multiple requests) → 501 multiple-requests-unsupported; a
 * CIMProtocolVersion other than 1.x → 501 unsupported-protocol-version; CIMMethod or CIMObject
 * missing, empty or not a valid %-encoding → 400 header-mismatch (we serve simple requests only, for
 * which both are required). A media type other than application/xml or text/xml is refused with
 * HTTP's 415 (DSP0200 names no status for it).
 *
 * @param method the CIMMethod header, %-decoded
 * @param object the CIMObject header, %-decoded
 */
public record CimXmlHeaders(String method, String object) {
    /** The DMTF extension M-POST requests declare in {@code Man: <uri>; ns=NN}. */
    static final String MAN_URI = "http://www.dmtf.org/cim/mapping/http/v1.0";

    /** A request refused on its headers: the HTTP status, the CIMError value (or null) and why. */
    public static final class Rejected extends Exception {
        public final int status;
        public final String cimError;

        Rejected(int status, String cimError, String message) {
            super(message);
            this.status = status;
            this.cimError = cimError;
        }
    }

    /**
     * @param httpMethod "POST" or "M-POST"
     * @param header     looks a request header up by name (case-insensitively), null when absent
     */
    public static CimXmlHeaders check(String httpMethod, UnaryOperator<String> header) throws Rejected {
        String prefix = "M-POST".equals(httpMethod) ? manPrefix(header.apply("Man")) : "";
        UnaryOperator<String> cim = name -> {
            String v = prefix.isEmpty() ? null : header.apply(prefix + name);
            return v != null ? v : header.apply(name);
        };
        String operation = cim.apply("CIMOperation");
        if (operation == null || !operation.trim().equalsIgnoreCase("MethodCall")) {
            throw new Rejected(400, "unsupported-operation", "CIMOperation must be MethodCall");
        }
        if (cim.apply("CIMBatch") != null) {
            throw new Rejected(501, "multiple-requests-unsupported", "multiple operation requests are not supported");
        }
        String version = cim.apply("CIMProtocolVersion");
        if (version != null && !supportedProtocolVersion(version)) {
            throw new Rejected(501, "unsupported-protocol-version",
                    "CIMProtocolVersion " + printable(version) + " is not supported; this server speaks 1.x");
        }
        checkMediaType(header.apply("Content-Type"));
        return new CimXmlHeaders(decoded(cim.apply("CIMMethod"), "CIMMethod"), decoded(cim.apply("CIMObject"), "CIMObject"));
    }

    /** Protocol versions 1.0 to 1.x: DSP0200 keeps minor versions compatible. */
    static boolean supportedProtocolVersion(String version) {
        return version.trim().matches("1(\\.[0-9]{1,3}){0,2}");
    }

    private static void checkMediaType(String contentType) throws Rejected {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/xml") && !type.equals("text/xml")) {
            throw new Rejected(415, null, "CIM-XML requests are application/xml or text/xml, not "
                    + (contentType == null ? "without a Content-Type" : printable(type)));
        }
    }

    /** The {@code NN-} prefix of the DMTF extension declared in a Man header, or "" when none is. */
    static String manPrefix(String man) {
        if (man == null) {
            return "";
        }
        for (String ext : man.split(",")) {
            String[] parts = ext.split(";");
            if (parts[0].trim().replace("\"", "").equalsIgnoreCase(MAN_URI)) {
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].trim();
                    if (p.regionMatches(true, 0, "ns=", 0, 3) && p.substring(3).trim().matches("[0-9]{2}")) {
                        return p.substring(3).trim() + "-";
                    }
                }
            }
        }
        return "";
    }

    private static String decoded(String value, String name) throws Rejected {
        if (value == null || value.isBlank()) {
            throw new Rejected(400, "header-mismatch", name + " header is " + (value == null ? "missing" : "empty"));
        }
        try {
            return percentDecode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new Rejected(400, "header-mismatch", name + " header is not valid: " + e.getMessage());
        }
    }

    /**
     * %XX escapes to UTF-8 (RFC 3986; '+' stays '+', unlike form decoding). A '%' not followed by
     * two hex digits, or bytes that are not UTF-8, are an {@link IllegalArgumentException}.
     */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int hi = i + 1 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("'%' at " + i + " is not followed by two hex digits");
            }
            out.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the %-escapes are not UTF-8");
        }
    }

    /** A header value for a message: printable ASCII, at most 64 characters. */
    private static String printable(String v) {
        String p = v.replaceAll("[^\\x20-\\x7E]", "?");
        return p.length() > 64 ? p.substring(0, 64) + "..." : p;
    }
}
