package org.xenwbem.provider.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.xenwbem.tls.HostNames;
import org.xenwbem.tls.ServerIdentity;

/** How the HTTPS server is set up, where a default of Jetty's costs memory per connection (issue #15). */
class HttpsServerTest {
    @Test
    void connectionsKeepNoCacheOfHeaderLines() throws Exception {
        Path dir = Files.createTempDirectory("xenwbem-https");
        ServerIdentity identity = ServerIdentity.loadOrGenerate(dir, HostNames.detect());
        Server server = HttpsServer.create("127.0.0.1", 0, identity, new HttpsServer.Limits(8, 8, Duration.ofSeconds(5),
                Duration.ofSeconds(5), 500), new Handler.Abstract() {
                    @Override
                    public boolean handle(org.eclipse.jetty.server.Request request,
                                          org.eclipse.jetty.server.Response response,
                                          org.eclipse.jetty.util.Callback callback) {
                        callback.succeeded();
                        return true;
                    }
                });
        HttpConnectionFactory http = server.getConnectors()[0].getConnectionFactory(HttpConnectionFactory.class);
        // Jetty's default (1,024 characters) gives each connection a trie of about 88 KB of heap
        assertEquals(0, http.getHttpConfiguration().getHeaderCacheSize());
    }
}
