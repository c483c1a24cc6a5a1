package org.xenwbem.provider.cimom.indications;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Posts one message to a delivery target (a WS-Man event sink or a CIM-XML listener). */
public interface EventTransport {
    /** The target's answer. */
    record Reply(int status, byte[] body, String contentType) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Reply post(URI target, byte[] body, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException;
}
