package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.jsonrpc.JsonFormatException;
import org.xenwbem.bridge.xmlrpc.BodyTooLargeException;
import org.xenwbem.bridge.xmlrpc.XmlRpcFormatException;

/**
 * The simulator's HTTP boundary, as xapi serves it (xenapi.md §2.2, §4): {@code POST /} and
 * {@code /RPC2} (XML-RPC, {@code text/xml}), {@code POST /jsonrpc} (JSON-RPC v1/v2,
 * {@code application/json}), {@code GET /rrd_updates} and {@code /host_rrd}, {@code PUT /import_raw_vdi}
 * and {@code GET /export_raw_vdi}, {@code GET /export_metadata} and {@code PUT /import_metadata}
 * ({@link SimMetadataHandler}), {@code /console} ({@link SimConsoleHandler}). Every XenAPI outcome
 * is HTTP 200 (never an XML-RPC fault); an
 * unparsable RPC request is HTTP 500. Connection faults (refusal after a restart, dropped calls)
 * close the connection without a response; a dead host's endpoint ({@link SimFailover}) drops or holds
 * its requests.
 */
final class SimHttpHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(SimHttpHandler.class);

    private final SimRpc rpc;
    private final SimRrdHandler rrd;
    private final SimTransferHandler transfer;
    private final SimConsoleHandler console;
    private final SimMetadataHandler metadata;
    private final SimFaults faults;
    private final Function<Request, SimEndpoint> endpoints;
    private final SimFailover failover;

    SimHttpHandler(SimRpc rpc, SimRrdHandler rrd, SimTransferHandler transfer, SimConsoleHandler console,
                   SimMetadataHandler metadata, SimFaults faults, Function<Request, SimEndpoint> endpoints,
                   SimFailover failover) {
        this.metadata = metadata;
        this.failover = failover;
        this.rpc = rpc;
        this.console = console;
        this.rrd = rrd;
        this.transfer = transfer;
        this.faults = faults;
        this.endpoints = endpoints;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (faults.refusing()) {
            drop(request, callback);
            return true;
        }
        String path = Request.getPathInContext(request);
        SimEndpoint endpoint = endpoints.apply(request);
        try {
            if (failover.dead(endpoint)) {
                failover.swallow(endpoint);
            }
            return switch (path) {
                case "/", "/RPC2", "/jsonrpc" -> rpc(request, response, callback, endpoint, "/jsonrpc".equals(path));
                case "/rrd_updates", "/host_rrd" -> rrd.handle(request, response, callback, endpoint);
                case "/import_raw_vdi", "/export_raw_vdi" -> transfer.handle(request, response, callback, endpoint);
                case "/export_metadata", "/import_metadata" -> metadata.handle(request, response, callback, endpoint);
                case "/console" -> console.handle(request, response, callback, endpoint);
                default -> false;
            };
        } catch (SimDropConnection e) {
            drop(request, callback);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503);
        } catch (RuntimeException e) {
            // request boundary: a simulator bug must not kill the connection silently
            LOG.warn("simulator failed on a request to {}", path, e);
            Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500);
        }
        return true;
    }

    private boolean rpc(Request request, Response response, Callback callback, SimEndpoint endpoint, boolean json)
            throws InterruptedException {
        if (!HttpMethod.POST.is(request.getMethod())) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        try {
            byte[] body;
            try (InputStream in = Content.Source.asInputStream(request)) {
                body = rpc.reader().readBody(in);
            }
            byte[] answer = json ? rpc.json(body, endpoint) : rpc.xml(body, endpoint);
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, json ? "application/json" : "text/xml");
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            response.write(true, ByteBuffer.wrap(answer), callback);
        } catch (BodyTooLargeException e) {
            Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
        } catch (XmlRpcFormatException | JsonFormatException | IOException e) {
            LOG.debug("rejecting malformed RPC request: {}", e.getMessage());
            Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500);
        }
        return true;
    }

    /** Closes the client's connection without answering. */
    static void drop(Request request, Callback callback) {
        EndPoint ep = request.getConnectionMetaData().getConnection().getEndPoint();
        ep.close();
        callback.failed(new IOException("connection dropped by fault injection"));
    }
}
