package org.xenwbem.bridge.sim;

import java.nio.charset.StandardCharsets;
import org.xenwbem.bridge.jsonrpc.JsonFormatException;
import org.xenwbem.bridge.jsonrpc.JsonReader;
import org.xenwbem.bridge.jsonrpc.JsonRpcCodec;
import org.xenwbem.bridge.jsonrpc.JsonRpcRequest;
import org.xenwbem.bridge.xmlrpc.MethodCall;
import org.xenwbem.bridge.xmlrpc.XenApiResult;
import org.xenwbem.bridge.xmlrpc.XmlRpcFormatException;
import org.xenwbem.bridge.xmlrpc.XmlRpcReader;
import org.xenwbem.bridge.xmlrpc.XmlRpcWriter;

/**
 * The RPC request boundary, independent of the HTTP server that carried the body: decode XML-RPC or
 * JSON-RPC (v1/v2, xenapi.md §2.4), count the call, apply latency and drop faults, dispatch, encode.
 * A session from one protocol is valid in the other (there is one session table).
 */
final class SimRpc {
    /** Requests are small; 8 MiB is far beyond any legitimate call. */
    static final int MAX_REQUEST_BYTES = 8 << 20;

    private final SimDispatcher dispatcher;
    private final SimCounters counters;
    private final SimFaults faults;
    private final XmlRpcReader reader = new XmlRpcReader(MAX_REQUEST_BYTES);

    SimRpc(SimDispatcher dispatcher, SimCounters counters, SimFaults faults) {
        this.dispatcher = dispatcher;
        this.counters = counters;
        this.faults = faults;
    }

    XmlRpcReader reader() {
        return reader;
    }

    /** An XML-RPC body in, the {@code <methodResponse>} out. */
    byte[] xml(byte[] body, SimEndpoint endpoint) throws XmlRpcFormatException, InterruptedException {
        MethodCall call = reader.readCall(body);
        XenApiResult result = run(call, endpoint);
        return XmlRpcWriter.methodResponse(result.toStruct()).getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON-RPC body in, the response of the same version out. */
    byte[] json(byte[] body, SimEndpoint endpoint) throws JsonFormatException, InterruptedException {
        JsonRpcRequest request = JsonRpcCodec.readRequest(new String(body, StandardCharsets.UTF_8),
                MAX_REQUEST_BYTES, JsonReader.DEFAULT_MAX_DEPTH);
        XenApiResult result = run(new MethodCall(request.method(), request.params()), endpoint);
        return JsonRpcCodec.response(request, result).getBytes(StandardCharsets.UTF_8);
    }

    private XenApiResult run(MethodCall call, SimEndpoint endpoint) throws InterruptedException {
        counters.record(call.methodName());
        faults.beforeCall(call.methodName());
        return dispatcher.dispatch(call, endpoint);
    }
}
