package org.xenwbem.provider.wsman;

/**
 * One WS-Management action as three steps (decode, then execute, then encode): the decoder turns the
 * envelope's body into an immutable request record (a {@code *Request} record's {@code decode}), the executor
 * runs it against the CIM core and returns a result record without writing XML, and the encoder
 * writes the response envelope. Faults from any step are rendered by the service, from the one table.
 *
 * @param <Q> the request record
 * @param <R> the result record
 */
record TypedAction<Q, R>(Decoder<Q> decoder, Executor<Q, R> executor, Encoder<R> encoder) implements WsmanAction {

    /** Reads the request record from the envelope. */
    @FunctionalInterface
    interface Decoder<Q> {
        Q decode(WsmanRequest envelope) throws WsmanFault;
    }

    /** Acts on the request; sees no DOM and writes no XML. */
    @FunctionalInterface
    interface Executor<Q, R> {
        R execute(Q request, Exchange ex) throws WsmanFault;
    }

    /**
     * Writes the response to a result. It sees the envelope's header (MessageID for RelatesTo, the
     * charset and MaxEnvelopeSize that bound a page) and the exchange (the address EPRs carry).
     */
    @FunctionalInterface
    interface Encoder<R> {
        CharSequence encode(R result, WsmanRequest envelope, Exchange ex) throws WsmanFault;
    }

    @Override
    public CharSequence handle(WsmanRequest req, Exchange ex) throws WsmanFault {
        return encoder.encode(executor.execute(decoder.decode(req), ex), req, ex);
    }
}
