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

    /** Faults a response larger than the client allows. Sizes are counted in characters (UTF-8 bytes ≥ chars). */
    static void checkEnvelope(WsmanRequest req, int chars) throws WsmanFault {
        if (chars > envelopeLimit(req)) {
            throw new WsmanFault(FaultKind.ENCODING_LIMIT, FaultKind.detail("MaxEnvelopeSize"),
                    "the response (" + chars + " characters) exceeds MaxEnvelopeSize " + req.maxEnvelopeSize(), null);
        }
    }
}
