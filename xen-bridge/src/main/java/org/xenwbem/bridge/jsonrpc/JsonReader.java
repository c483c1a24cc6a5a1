package org.xenwbem.bridge.jsonrpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 JSON parser producing plain Java values: {@link String}, {@link Long} (integers
 * that fit), {@link Double} (numbers with a fraction or exponent, or too large for a long),
 * {@link Boolean}, {@code null}, {@link List} and {@link Map} (insertion-ordered). Bounded: at most
 * {@code maxChars} characters and {@code maxDepth} nested containers; duplicate keys are rejected.
 * One instance per document; not thread-safe.
 */
public final class JsonReader {
    /** Default nesting bound: far deeper than any XenAPI value. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private final String text;
    private final int maxDepth;
    private int pos;

    private JsonReader(String text, int maxDepth) {
        this.text = text;
        this.maxDepth = maxDepth;
    }

    /** Parses one complete JSON document. */
    public static Object parse(String text, int maxChars, int maxDepth) throws JsonFormatException {
        if (text.length() > maxChars) {
            throw new JsonFormatException("JSON document exceeds " + maxChars + " characters");
        }
        JsonReader r = new JsonReader(text, maxDepth);
        r.skipSpace();
        Object v = r.value(0);
        r.skipSpace();
        if (r.pos != text.length()) {
            throw r.error("trailing characters");
        }
        return v;
    }

    public static Object parse(String text) throws JsonFormatException {
        return parse(text, Integer.MAX_VALUE, DEFAULT_MAX_DEPTH);
    }

    private Object value(int depth) throws JsonFormatException {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) throws JsonFormatException {
        checkDepth(depth);
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            if (map.containsKey(key)) {
                throw error("duplicate member \"" + key + "\"");
            }
            map.put(key, value(depth));
            skipSpace();
            if (next() == '}') {
                return map;
            }
            pos--;
            expect(',');
        }
    }

    private List<Object> array(int depth) throws JsonFormatException {
        checkDepth(depth);
        pos++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value(depth));
            skipSpace();
            if (next() == ']') {
                return list;
            }
            pos--;
            expect(',');
        }
    }

    private String string() throws JsonFormatException {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(hex4());
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private char hex4() throws JsonFormatException {
        if (pos + 4 > text.length()) {
            throw error("truncated \\u escape");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
            pos += 4;
            return c;
        } catch (NumberFormatException e) {
            throw error("bad \\u escape");
        }
    }

    private Object number() throws JsonFormatException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int intStart = pos;
        digits();
        if (pos == intStart || (text.charAt(intStart) == '0' && pos - intStart > 1)) {
            throw error("bad number");
        }
        boolean integral = true;
        if (peek() == '.') {
            pos++;
            requireDigits();
            integral = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigits();
            integral = false;
        }
        String s = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return Double.parseDouble(s);
            }
        }
        return Double.parseDouble(s);
    }

    private void requireDigits() throws JsonFormatException {
        int start = pos;
        digits();
        if (pos == start) {
            throw error("bad number");
        }
    }

    private void digits() {
        while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 128) {
            pos++;
        }
    }

    private Object literal(String word, Object value) throws JsonFormatException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected token");
        }
        pos += word.length();
        return value;
    }

    private void checkDepth(int depth) throws JsonFormatException {
        if (depth > maxDepth) {
            throw error("nested deeper than " + maxDepth);
        }
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() throws JsonFormatException {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) throws JsonFormatException {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private JsonFormatException error(String what) {
        return new JsonFormatException(what + " at offset " + pos);
    }
}
