package org.xenwbem.provider.wsman.eventing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlException;
import org.xenwbem.provider.cimom.indications.DeliveryChannel;
import org.xenwbem.provider.cimom.indications.EventTransport;
import org.xenwbem.provider.cimom.indications.EventingOptions;
import org.xenwbem.provider.cimom.indications.Indication;
import org.xenwbem.provider.wsman.Ns;

/**
 * Sends a Push or PushWithAck subscription's messages to its NotifyTo. Any 2xx answer delivers a
 * Push message; with PushWithAck the answer must also be a {@code wsman:Ack} whose RelatesTo is the
 * message's MessageID (DSP0226 §10.2.3), otherwise the attempt failed and is retried.
 */
final class PushSender implements DeliveryChannel.Sender {
    static final Map<String, String> SOAP_HEADERS = Map.of("Content-Type", "application/soap+xml;charset=UTF-8");

    private final SubscribeRequest request;
    private final String address;
    private final EventTransport transport;
    private final EventingOptions options;
    private final Consumer<DeliveryChannel.DeliveryException> onFailure;

    /** @param address the service address, for the EPRs of references inside events */
    PushSender(SubscribeRequest request, String address, EventTransport transport, EventingOptions options,
               Consumer<DeliveryChannel.DeliveryException> onFailure) {
        this.request = request;
        this.address = address;
        this.transport = transport;
        this.options = options;
        this.onFailure = onFailure;
    }

    private SubscribeRequest.Target to() {
        return request.notifyTo();
    }

    private boolean ack() {
        return request.withAck();
    }

    @Override
    public void event(Indication ind) throws DeliveryChannel.DeliveryException {
        String id = WsEnvelopes.newMessageId();
        send(WsEnvelopes.event(to(), id, ack(), ind, address), id);
    }

    @Override
    public void dropped(long count) throws DeliveryChannel.DeliveryException {
        String id = WsEnvelopes.newMessageId();
        send(WsEnvelopes.dropped(to(), id, ack(), count), id);
    }

    @Override
    public void heartbeat() throws DeliveryChannel.DeliveryException {
        String id = WsEnvelopes.newMessageId();
        send(WsEnvelopes.heartbeat(to(), id, ack()), id);
    }

    @Override
    public void failed(DeliveryChannel.DeliveryException last) {
        onFailure.accept(last);
    }

    private void send(String envelope, String messageId) throws DeliveryChannel.DeliveryException {
        EventTransport.Reply r;
        try {
            r = transport.post(to().address(), envelope.getBytes(StandardCharsets.UTF_8), SOAP_HEADERS,
                    options.deliveryTimeout());
        } catch (IOException e) {
            throw new DeliveryChannel.DeliveryException("cannot reach " + to().address() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryChannel.DeliveryException("interrupted", e);
        }
        if (!r.ok()) {
            throw new DeliveryChannel.DeliveryException(to().address() + " answered HTTP " + r.status(), null);
        }
        if (ack()) {
            checkAck(r.body(), messageId);
        }
    }

    static void checkAck(byte[] body, String messageId) throws DeliveryChannel.DeliveryException {
        Document d;
        try {
            d = SafeXml.parse(body);
        } catch (XmlException e) {
            throw new DeliveryChannel.DeliveryException("the answer to an event with AckRequested is not XML", e);
        }
        Element header = SafeXml.child(d.getDocumentElement(), Ns.SOAP, "Header");
        Element action = header == null ? null : SafeXml.child(header, Ns.WSA, "Action");
        Element relates = header == null ? null : SafeXml.child(header, Ns.WSA, "RelatesTo");
        if (action == null || !Wse.ACTION_ACK.equals(SafeXml.text(action))) {
            throw new DeliveryChannel.DeliveryException("the answer is not a wsman:Ack", null);
        }
        if (relates == null || !messageId.equals(SafeXml.text(relates))) {
            throw new DeliveryChannel.DeliveryException("the Ack does not relate to " + messageId, null);
        }
    }
}
