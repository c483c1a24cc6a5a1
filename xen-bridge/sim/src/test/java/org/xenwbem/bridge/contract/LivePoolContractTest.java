package org.xenwbem.bridge.contract;

import java.net.URI;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.xenwbem.bridge.client.XenApiProtocol;

/**
 * The bridge contract against a real pool: runs only when {@code XAPI_URL}, {@code XAPI_USER} and
 * {@code XAPI_PASSWORD} are set; {@code XAPI_PROTOCOL=json} selects JSON-RPC; {@code XAPI_TEST_VM}
 * optionally names a disposable halted VM for the power operations.
 */
@EnabledIfEnvironmentVariable(named = "XAPI_URL", matches = ".+")
class LivePoolContractTest extends BridgeContract {
    @Override
    Target open() {
        XenApiProtocol protocol = "json".equalsIgnoreCase(System.getenv("XAPI_PROTOCOL"))
                ? XenApiProtocol.JSON_RPC : XenApiProtocol.XML_RPC;
        return new Target(URI.create(System.getenv("XAPI_URL")), System.getenv("XAPI_USER"),
                System.getenv().getOrDefault("XAPI_PASSWORD", "").toCharArray(), protocol, System.getenv("XAPI_TEST_VM"));
    }

    @Override
    void release() {
        // nothing to stop
    }
}
