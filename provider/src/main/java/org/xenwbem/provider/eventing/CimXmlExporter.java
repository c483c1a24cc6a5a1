package org.xenwbem.provider.eventing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.xenwbem.cim.xml.XmlWriter;

/**
 * Delivers indications to a CIM-XML listener (DSP0200 §5.4, §7.2.1.1.3): an ExportIndication
 * export request with headers {@code CIMExport: MethodRequest} and
 * {@code CIMExportMethod: ExportIndication}. A 2xx answer delivers; anything else is retried by
 * the channel. When the retries are spent the indication is dropped and delivery goes on with the
 * next one (the subscription stays: DSP1054's OnFatalErrorPolicy "Ignore").
 */
final class CimXmlExporter implements DeliveryChannel.Sender {
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(1000);
    static final Map<String, String> HEADERS = Map.of("Content-Type", "application/xml; charset=utf-8",
            "CIMExport", "MethodRequest", "CIMExportMethod", "ExportIndication");

    private final URI destination;
    private final EventTransport transport;
    private final EventingOptions options;
    private final Runnable onFailure;

    CimXmlExporter(URI destination, EventTransport transport, EventingOptions options, Runnable onFailure) {
        this.destination = destination;
        this.transport = transport;
        this.options = options;
        this.onFailure = onFailure;
    }

    /** The export message for one indication. */
    static String message(Indication ind) {
        XmlWriter w = new XmlWriter(4096, false);
        w.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        w.start("CIM").attr("CIMVERSION", "2.0").attr("DTDVERSION", "2.0");
        w.start("MESSAGE").attr("ID", Long.toString(MESSAGE_IDS.incrementAndGet())).attr("PROTOCOLVERSION", "1.0");
        w.start("SIMPLEEXPREQ");
        w.start("EXPMETHODCALL").attr("NAME", "ExportIndication");
        w.start("EXPPARAMVALUE").attr("NAME", "NewIndication");
        IndicationXml.writeCimXml(w, ind);
        w.end("EXPPARAMVALUE");
        w.end("EXPMETHODCALL");
        w.end("SIMPLEEXPREQ");
        w.end("MESSAGE");
        w.end("CIM");
        return w.toString();
    }

    @Override
    public void event(Indication ind) throws DeliveryChannel.DeliveryException {
        EventTransport.Reply r;
        try {
            r = transport.post(destination, message(ind).getBytes(StandardCharsets.UTF_8), HEADERS,
                    options.deliveryTimeout());
        } catch (IOException e) {
            throw new DeliveryChannel.DeliveryException("cannot reach " + destination + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryChannel.DeliveryException("interrupted", e);
        }
        if (!r.ok()) {
            throw new DeliveryChannel.DeliveryException(destination + " answered HTTP " + r.status(), null);
        }
    }

    @Override
    public void failed(DeliveryChannel.DeliveryException last) {
        onFailure.run();
    }
}
