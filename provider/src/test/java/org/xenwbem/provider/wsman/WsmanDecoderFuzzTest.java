package org.xenwbem.provider.wsman;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * Fuzz test (issue #14) of the SOAP envelope decoder and the request decoders behind it: any body
 * either decodes or is refused with a {@link WsmanFault} (a precise WS-Management fault); what decoded
 * goes on, routed as {@link WsmanService} routes it, to its action's body decoder (Enumerate with its
 * filters, Pull, Release/Renew/GetStatus, Get, Create, Put, Delete, Invoke, the class reads,
 * Identify) and to the MaxEnvelopeSize check, which answer or fault the same way.
 * Regression mode over {@code WsmanDecoderFuzzTestInputs} (the golden envelopes, WinRM, pywinrm and
 * wsl requests) in every build; fuzzing in the fuzzing benchmark.
 */
class WsmanDecoderFuzzTest {
    private static final Map<String, Decoder> BY_ACTION = Map.of(
            Ns.ACTION_GET, GetRequest::decode, Ns.ACTION_PUT, PutRequest::decode,
            Ns.ACTION_CREATE, CreateRequest::decode, Ns.ACTION_DELETE, DeleteRequest::decode,
            Ns.ACTION_ENUMERATE, EnumerateRequest::decode, Ns.ACTION_PULL, PullRequest::decode,
            Ns.ACTION_RELEASE, ContextRequest::release, Ns.ACTION_GET_STATUS, ContextRequest::getStatus,
            Ns.ACTION_RENEW, ContextRequest::renew);

    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        WsmanRequest req;
        try {
            req = WsmanDecoder.decode(input, "application/soap+xml;charset=UTF-8");
        } catch (WsmanFault expected) {
            return; // the documented fault
        }
        try {
            Limits.envelopeLimit(req, 512 * 1024);
            route(req).decode(req);
        } catch (WsmanFault expected) {
            // the documented fault
        }
    }

    /** The body decoder WsmanService would hand this request to. */
    private static Decoder route(WsmanRequest req) {
        if (req.action() == null) {
            return IdentifyRequest::decode;
        }
        if (Ns.ACTION_GET.equals(req.action()) && ClassSchemaUris.isCimXml(req.resourceUri())) {
            return ClassRequests::classGet;
        }
        if (ClassSchemaUris.isIntrinsic(req.resourceUri())) {
            return ClassRequests::intrinsic;
        }
        Decoder d = BY_ACTION.get(req.action());
        String method = req.action().substring(req.action().lastIndexOf('/') + 1);
        return d != null ? d : r -> InvokeRequest.decode(r, method);
    }

    @FunctionalInterface
    private interface Decoder {
        Object decode(WsmanRequest req) throws WsmanFault;
    }
}
