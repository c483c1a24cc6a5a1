package org.xenwbem.provider.wsman;

/**
 * Envelope size rules of DSP0226 §6.2 (MaxEnvelopeSize) and the server's ceiling on them: a response
 * is never larger than the ceiling, whatever the client asks for (as Windows' MaxEnvelopeSizekb), so
 * what one request holds while its page is encoded is bounded.
 */
final class Limits {
    /** The smallest MaxEnvelopeSize a service must accept (DSP0226 R6.2-5). */
    static final long MIN_ENVELOPE = 8192;
    /**
     * The default ceiling, and the limit when the client sets none: 512 KiB, just above the 512000
     * octets Windows' client asks for by default (MaxEnvelopeSizekb 500).
     */
    static final long DEFAULT_CEILING = 512L * 1024;

    private Limits() {
    }

    /** The largest response for this request: its MaxEnvelopeSize, or the ceiling when absent or larger. */
    static long envelopeLimit(WsmanRequest req, long ceiling) throws WsmanFault {
        Long m = req.maxEnvelopeSize();
        if (m == null) {
            return ceiling;
        }
        if (m < MIN_ENVELOPE) {
            throw new WsmanFault(FaultKind.ENCODING_LIMIT, FaultKind.detail("MinimumEnvelopeLimit"),
                    "MaxEnvelopeSize " + m + " is below the minimum of " + MIN_ENVELOPE, null);
        }
        return Math.min(m, ceiling);
    }

    /**
     * What one page of items may hold: at most {@code maxElements} items, {@code octets} octets of
     * items in the response's charset (the envelope limit less room for the headers) and
     * {@code characters} characters (wsen:MaxCharacters).
     */
    record Page(long maxElements, long octets, long characters, boolean wide) {
        /** The octets an item takes in the response. */
        /** The octets of what {@code w} holds from {@code from} on, counted in place. */
        long size(org.xenwbem.cim.xml.XmlWriter w, int from) {
            int end = w.length();
            if (wide) {
                return 2L * (end - from);
            }
            long n = end - from;
            for (int i = from; i < end; i++) {
                char c = w.charAt(i);
                if (c >= 0x80) {
                    n += c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2;
                }
            }
            return n;
        }
    }

    static Page page(WsmanRequest req, long ceiling, long maxElements, long maxCharacters) throws WsmanFault {
        String cs = req.charset() == null ? "UTF-8" : req.charset().name();
        boolean wide = cs.startsWith("UTF-16");
        long relatesTo = req.messageId() == null ? 0 : req.messageId().length();
        long headroom = wide ? 3072 + 2 * relatesTo : 2048 + 3 * relatesTo;
        return new Page(maxElements, envelopeLimit(req, ceiling) - headroom, maxCharacters, wide);
    }
}
