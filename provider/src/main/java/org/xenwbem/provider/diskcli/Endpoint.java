package org.xenwbem.provider.diskcli;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;

/** A disk connection's transfer endpoint: its URL, the credentials of the connection, and its verified TLS. */
record Endpoint(URI target, String user, String password, SSLSocketFactory tls, SSLParameters params,
                int timeoutMillis) {
    HttpExchange open(String method, Map<String, String> headers) throws IOException {
        return HttpExchange.open(tls, params, target, method, headers, user, password, timeoutMillis);
    }

    @Override
    public String toString() {
        return "Endpoint[" + target + "]";
    }
}
