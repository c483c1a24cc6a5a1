package org.xenwbem.cim.xml;

/**
 * A small streaming XML writer over a StringBuilder: elements, attributes, escaped text. The caller
 * supplies qualified names and namespace declarations; no validation beyond escaping.
 */
public final class XmlWriter {
    private final StringBuilder sb;
    private final boolean selfClosing;
    private boolean startOpen;
    /** Whether {@link #truncate} took back a character beyond Latin-1 (see {@link #cutWide()}). */
    private boolean cutWide;

    public XmlWriter(int capacity) {
        this(capacity, true);
    }

    /**
     * @param selfClosing write empty elements as {@code <x/>}; false writes {@code <x></x>}, which
     *                    the hand-written parsers of some CIM-XML clients (sblim wbemcli) require
     */
    public XmlWriter(int capacity, boolean selfClosing) {
        this(new StringBuilder(capacity), selfClosing);
    }

    /**
     * Writes into {@code buffer}, emptied first: a large response's buffer taken from a pool instead of
     * allocated (and grown, copied and copied again into a String) for each page.
     */
    public XmlWriter(StringBuilder buffer, boolean selfClosing) {
        buffer.setLength(0);
        sb = buffer;
        this.selfClosing = selfClosing;
    }

    public XmlWriter raw(String xml) {
        closeStart();
        sb.append(xml);
        return this;
    }

    public XmlWriter start(String qname) {
        closeStart();
        sb.append('<').append(qname);
        startOpen = true;
        return this;
    }

    public XmlWriter attr(String qname, String value) {
        if (!startOpen) {
            throw new IllegalStateException("attribute outside a start tag: " + qname);
        }
        sb.append(' ').append(qname).append("=\"");
        escape(value, true);
        sb.append('"');
        return this;
    }

    public XmlWriter text(String text) {
        closeStart();
        escape(text, false);
        return this;
    }

    public XmlWriter end(String qname) {
        if (startOpen && selfClosing) {
            sb.append("/>");
            startOpen = false;
        } else {
            closeStart();
            sb.append("</").append(qname).append('>');
        }
        return this;
    }

    /** A whole number as text, without the String {@code String.valueOf} would make of it. */
    public XmlWriter number(long value) {
        closeStart();
        sb.append(value);
        return this;
    }

    /** {@code <qname>text</qname>}. */
    public XmlWriter element(String qname, String text) {
        return start(qname).text(text).end(qname);
    }

    private void closeStart() {
        if (startOpen) {
            sb.append('>');
            startOpen = false;
        }
    }

    private void escape(String s, boolean attr) {
        int clean = cleanPrefix(s);
        if (clean == s.length()) {
            sb.append(s);
            return;
        }
        sb.append(s, 0, clean);
        for (int i = clean; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append(attr ? "&quot;" : "\"");
                case '\r' -> sb.append("&#13;");
                case '\n' -> sb.append(attr ? "&#10;" : "\n");
                case '\t' -> sb.append(attr ? "&#9;" : "\t");
                default -> appendChar(c);
            }
        }
    }

    /** How many leading characters need no escaping in text or attributes (most values: all of them). */
    private static int cleanPrefix(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '"' || c >= 0xFFFE) {
                return i;
            }
        }
        return n;
    }

    /** Characters XML 1.0 cannot carry at all are replaced by U+FFFD rather than producing a broken document. */
    private void appendChar(char c) {
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            sb.append('\uFFFD');
        } else {
            sb.append(c);
        }
    }

    public int length() {
        return sb.length();
    }

    /** The character at {@code index} of what has been written (to measure a part in place). */
    public char charAt(int index) {
        return sb.charAt(index);
    }

    /**
     * Forgets everything written after a {@link #mark}, keeping the buffer: an element written in
     * place and then found not to fit is taken back without having been copied anywhere.
     */
    public XmlWriter truncate(int mark) {
        if (mark < 0 || mark > sb.length()) {
            throw new IllegalArgumentException("mark " + mark + " outside 0.." + sb.length());
        }
        for (int i = mark; i < sb.length() && !cutWide; i++) {
            cutWide = sb.charAt(i) > 0xFF;
        }
        sb.setLength(mark);
        startOpen = false;
        return this;
    }

    /**
     * Whether anything taken back by {@link #truncate} held a character beyond Latin-1: the buffer then
     * keeps two bytes per character although what is left would not need them.
     */
    public boolean cutWide() {
        return cutWide;
    }

    /**
     * Closes a pending start tag and returns the current length: a place where {@link #insert} can
     * later put what is only known once the rest has been written.
     */
    public int mark() {
        closeStart();
        return sb.length();
    }

    /**
     * Returns what has been written (as {@link #toString}) and empties the writer, keeping its buffer:
     * for output sent in chunks. Call it between elements, not inside a start tag.
     */
    public String drain() {
        String s = toString();
        sb.setLength(0);
        return s;
    }

    /** Inserts XML (already escaped) at a {@link #mark}, in place: no copy of what was written. */
    public XmlWriter insert(int mark, String xml) {
        sb.insert(mark, xml);
        return this;
    }

    /**
     * What has been written, without copying it into a String: the buffer itself, valid until the
     * writer is written to again or its buffer is given back to its pool.
     */
    public CharSequence chars() {
        closeStart();
        return sb;
    }

    @Override
    public String toString() {
        closeStart();
        return sb.toString();
    }
}
