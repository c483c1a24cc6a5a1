package org.xenwbem.provider.wsman;

/** Envelope size rules of DSP0226 §6.2 (MaxEnvelopeSize). */
final class Limits {
    /** The smallest MaxEnvelopeSize a service must accept (DSP0226 R6.2-5). */
    static final long MIN_ENVELOPE = 8192;
    /** What a response may hold when the client sets no limit. */
    static final long DEFAULT_ENVELOPE = 32L * 1024 * 1024;

    private Limits() {
    }

    static long envelopeLimit(WsmanRequest req) throws WsmanFault {
        Long m = req.maxEnvelopeSize();
        if (m == null) {
            return DEFAULT_ENVELOPE;
        }
        if (m < MIN_ENVELOPE) {
            throw new WsmanFault(FaultKind.ENCODING_LIMIT, FaultKind.detail("MinimumEnvelopeLimit"),
                    "MaxEnvelopeSize " + m + " is below the minimum of " + MIN_ENVELOPE, null);
        }
        return m;
    }

    /** The characters of items a page may hold: the envelope budget less room for headers, per octet width. */
    static long itemBudget(WsmanRequest req) throws WsmanFault {
        long octets = envelopeLimit(req) - 2048;
        String cs = req.charset() == null ? "UTF-8" : req.charset().name();
        return cs.startsWith("UTF-16") ? octets / 2 : octets;
    }
}
