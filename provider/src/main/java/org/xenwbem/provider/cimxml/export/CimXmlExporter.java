package org.xenwbem.provider.cimxml.export;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.xenwbem.provider.cimom.indications.DeliveryChannel;
import org.xenwbem.provider.cimom.indications.EventTransport;
import org.xenwbem.provider.cimom.indications.EventingOptions;
import org.xenwbem.provider.cimom.indications.Indication;

/**
 * Delivers indications to a CIM-XML listener (DSP0200 §5.4, §7.2.1.1.3): the ExportIndication
 * export request of {@link ExportCodec}, posted with headers {@code CIMExport: MethodRequest} and
 * {@code CIMExportMethod: ExportIndication}. A 2xx answer delivers; anything else is retried by
 * the channel. When the retries are spent the indication is dropped and delivery goes on with the
 * next one (the subscription stays: DSP1054's OnFatalErrorPolicy "Ignore").
 */
public final class CimXmlExporter implements DeliveryChannel.Sender {
    static final Map<String, String> HEADERS = Map.of("Content-Type", "application/xml; charset=utf-8",
            "CIMExport", "MethodRequest", "CIMExportMethod", "ExportIndication");

    private final URI destination;
    private final EventTransport transport;
    private final EventingOptions options;
    private final Runnable onFailure;

    public CimXmlExporter(URI destination, EventTransport transport, EventingOptions options, Runnable onFailure) {
        this.destination = destination;
        this.transport = transport;
        this.options = options;
        this.onFailure = onFailure;
    }

    @Override
    public void event(Indication ind) throws DeliveryChannel.DeliveryException {
        EventTransport.Reply r;
        try {
            r = transport.post(destination, ExportCodec.message(ind).getBytes(StandardCharsets.UTF_8), HEADERS,
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
