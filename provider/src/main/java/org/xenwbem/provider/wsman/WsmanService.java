package org.xenwbem.provider.wsman;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.Readiness;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.UserLimits;

/**
 * The WS-Management endpoint as a function from request bytes to response bytes, independent of
 * HTTP: decode, dispatch to the action, encode in the request's charset, faults rendered in one place.
 */
public final class WsmanService {
    private static final Logger LOG = LoggerFactory.getLogger(WsmanService.class);

    /**
     * A response ready for HTTP: status, body bytes and the charset they are in. A large page's bytes
     * are the first {@code length} of a pooled array: write {@link #content()}, then {@link #release()}
     * it once written (until then nobody else gets the array).
     */
    public record Response(int status, byte[] body, Charset charset, String action, String resourceUri, String outcome,
                           int length, Runnable onWritten) {
        /** For a body of its own: nothing to give back. */
        private static final Runnable OWN = () -> { };

        Response(int status, byte[] body, Charset charset, String action, String resourceUri, String outcome) {
            this(status, body, charset, action, resourceUri, outcome, body.length, OWN);
        }

        public String contentType() {
            return "application/soap+xml;charset=" + charset.name();
        }

        /** The body's bytes, exactly (a copy when they are part of a pooled array). */
        @Override
        public byte[] body() {
            return onWritten == OWN ? body : java.util.Arrays.copyOf(body, length);
        }

        /** The body to write, without a copy. */
        public java.nio.ByteBuffer content() {
            return java.nio.ByteBuffer.wrap(body, 0, length);
        }

        /** Gives a pooled body back; call once, after the bytes have been written (or not at all). */
        public void release() {
            onWritten.run();
        }
    }

    private final CimOperations ops;
    private final EnumerationContexts contexts;
    private final long envelopeCeiling;
    /**
     * Buffers of large pages, kept between requests: four of each kind, of the ceiling's size plus an item
     * (none beyond 1 MiB: a ceiling raised to megabytes gets a buffer per page, as before).
     */
    private final PageBuffers pageBuffers;
    private final String productVendor;
    private final String productVersion;
    private final Map<String, WsmanAction> extensions = new java.util.concurrent.ConcurrentHashMap<>();
    /** Operations in progress per user; null: not bounded (unit tests of other matters). */
    private volatile UserLimits.Operations operations;
    /** Whether the pool data is loaded; every request but Identify and class reads waits for it. */
    private volatile Readiness readiness = Readiness.ALWAYS;
    private final java.util.List<WsmanExtension.PullSource> pullSources = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, WsmanAction> actions = Map.of(
            Ns.ACTION_GET, GetAction.ACTION,
            Ns.ACTION_PUT, TransferWrites.PUT,
            Ns.ACTION_CREATE, TransferWrites.CREATE,
            Ns.ACTION_DELETE, TransferWrites.DELETE,
            Ns.ACTION_ENUMERATE, EnumerateAction.ACTION,
            Ns.ACTION_PULL, new PullAction(),
            Ns.ACTION_RELEASE, ReleaseAction.ACTION,
            Ns.ACTION_GET_STATUS, EnumerationStatus.GET_STATUS,
            Ns.ACTION_RENEW, EnumerationStatus.RENEW);
    private final WsmanAction identify = IdentifyAction.ACTION;
    private static final WsmanAction CLASS_GET = ClassGetAction.ACTION;
    /** How long a large page waits for a pooled buffer before it gets one of its own ({@link PageBuffers}). */
    private static final java.time.Duration PAGE_BUFFER_WAIT = java.time.Duration.ofSeconds(1);
    private static final WsmanAction INTRINSIC = IntrinsicAction.ACTION;

    public WsmanService(CimOperations ops, String productVersion, int maxContextsPerUser, Duration contextIdle) {
        this(ops, productVersion, maxContextsPerUser, contextIdle, Limits.DEFAULT_CEILING);
    }

    /**
     * @param envelopeCeiling the largest response in octets, whatever MaxEnvelopeSize a client asks for
     *                        (and the limit when it asks for none); at least 8192
     */
    public WsmanService(CimOperations ops, String productVersion, int maxContextsPerUser, Duration contextIdle,
                        long envelopeCeiling) {
        if (envelopeCeiling < Limits.MIN_ENVELOPE) {
            throw new IllegalArgumentException("the envelope ceiling must be at least " + Limits.MIN_ENVELOPE);
        }
        this.envelopeCeiling = envelopeCeiling;
        this.pageBuffers = new PageBuffers(4, (int) Math.min(envelopeCeiling, 1 << 20) + 65536, PAGE_BUFFER_WAIT);
        this.ops = ops;
        this.productVendor = "xenwbem (compatible with Citrix XenServer-CIM)";
        this.productVersion = "xenwbem " + productVersion;
        this.contexts = new EnumerationContexts(maxContextsPerUser, contextIdle, System::nanoTime);
    }

    CimOperations ops() {
        return ops;
    }

    /** Bounds the operations one user may have in progress (QuotaLimit, ERROR_WSMAN_QUOTA_MAX_OPERATIONS, beyond). */
    public WsmanService limit(UserLimits.Operations perUser) {
        this.operations = perUser;
        return this;
    }

    /**
     * Makes every request that reads pool data wait for {@code ready} (within its OperationTimeout),
     * and answer TimedOut when it does not come; Identify, class reads and faults are answered at once.
     */
    public WsmanService readiness(Readiness ready) {
        this.readiness = ready;
        return this;
    }

    /** Enumeration contexts open now, over all users (expired ones swept first). */
    public int openEnumerations() {
        return contexts.size();
    }

    /** Adds an action (by its wsa:Action URI) served by code outside this package. */
    public void register(String action, WsmanExtension extension) {
        extensions.put(action, (req, ex) -> extension.handle(req, new WsmanExtension.Call(ex.caller(), ex.address(), ops)));
    }

    /** Adds a source of Pull responses for contexts it issues. */
    public void register(WsmanExtension.PullSource source) {
        pullSources.add(source);
    }

    java.util.List<WsmanExtension.PullSource> pullSources() {
        return pullSources;
    }

    EnumerationContexts contexts() {
        return contexts;
    }

    PageBuffers pageBuffers() {
        return pageBuffers;
    }

    /** The largest response, in octets, whatever MaxEnvelopeSize asks for. */
    public long envelopeCeiling() {
        return envelopeCeiling;
    }

    String productVendor() {
        return productVendor;
    }

    String productVersion() {
        return productVersion;
    }

    /**
     * Handles one request.
     *
     * @param address   the address to write into EPRs, e.g. {@code https://host:5989/wsman}
     * @param anonymous true for an unauthenticated Identify ({@code WSMANIDENTIFY: unauthenticated})
     */
    public Response handle(byte[] body, String contentType, RequestContext caller, String address, boolean anonymous) {
        Charset cs = StandardCharsets.UTF_8;
        WsmanRequest req = null;
        try {
            cs = WsmanDecoder.charsetOf(contentType);
            req = WsmanDecoder.decode(body, contentType);
            boolean isIdentify = req.action() == null;
            if (anonymous && !isIdentify) {
                throw new WsmanFault(FaultKind.ACCESS_DENIED, "only Identify may be sent unauthenticated");
            }
            Route route = isIdentify ? new Route(identify, Understanding.Scope.NOTHING) : route(req);
            Understanding.check(req, route.scope());
            try (UserLimits.Slot slot = enter(caller, anonymous)) {
                awaitReady(route.action(), req);
                Utf8.Encoded out = run(route.action(), req, new Exchange(caller, address, anonymous, this), cs, body, slot);
                return out.pooled() ? new Response(200, out.bytes(), cs, actionName(req), req.resourceUri(), "ok",
                        out.length(), () -> pageBuffers.giveBytes(out.bytes()))
                        : new Response(200, out.bytes(), cs, actionName(req), req.resourceUri(), "ok");
            }
        } catch (WsmanFault f) {
            return fault(f, req, cs, body);
        } catch (RuntimeException e) {
            LOG.error("internal error handling {}", req == null ? "a request" : req.action(), e);
            return fault(new WsmanFault(FaultKind.INTERNAL_ERROR, null, "internal error: " + e.getClass().getSimpleName(), e),
                    req, cs, body);
        }
    }

    /** Counts the caller's operation in progress; QuotaLimit when they already have the most allowed. */
    private UserLimits.Slot enter(RequestContext caller, boolean anonymous) throws WsmanFault {
        UserLimits.Operations o = operations;
        if (o == null || anonymous || caller == null) {
            return null;
        }
        UserLimits.Slot slot = o.enter(caller.user());
        if (slot == null) {
            throw new WsmanFault(FaultKind.QUOTA_LIMIT, null,
                    UserLimits.operationsExceeded(caller.user(), o.max()), null)
                    .withCode(WinrmErrors.QUOTA_MAX_OPERATIONS);
        }
        return slot;
    }

    /** Waits for the pool data unless the action reads none (Identify, class definitions). */
    private void awaitReady(WsmanAction a, WsmanRequest req) throws WsmanFault {
        if (a == identify || a == CLASS_GET || a == INTRINSIC) {
            return;
        }
        try {
            readiness.await(req.operationTimeout());
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }

    /**
     * Runs the action and encodes its answer; whatever the action set up is undone when that fails. An
     * Invoke answered TimedOut takes the caller's operation {@code slot} with it until the method ends.
     */
    private Utf8.Encoded run(WsmanAction a, WsmanRequest req, Exchange ex, Charset cs, byte[] body, UserLimits.Slot slot)
            throws WsmanFault {
        long limit = Limits.envelopeLimit(req, envelopeCeiling);
        long started = System.nanoTime();
        boolean ok = false;
        boolean latin1 = false;
        try {
            CharSequence xml = invokes(a, req) ? MethodDeadline.run(actionName(req), req.operationTimeout(),
                    () -> a.handle(req, ex).toString(), slot) : a.handle(req, ex);
            Utf8.Encoded out;
            if (xml instanceof String s) {
                out = Utf8.Encoded.of(encode(s, cs, body));
            } else if (cs.equals(StandardCharsets.UTF_8)) {
                out = Utf8.encode(xml, pageBuffers); // a pooled page into pooled bytes: no String, no copy
                latin1 = out.latin1();
            } else {
                out = Utf8.Encoded.of(encode(xml.toString(), cs, body));
            }
            try {
                checkTimeout(req, started);
                if (out.length() > limit) {
                    throw new WsmanFault(FaultKind.ENCODING_LIMIT, FaultKind.detail("MaxEnvelopeSize"),
                            "the response (" + out.length() + " octets) exceeds MaxEnvelopeSize " + limit, null);
                }
            } catch (WsmanFault f) {
                if (out.pooled()) {
                    pageBuffers.giveBytes(out.bytes());
                }
                throw f;
            }
            ok = true;
            return out;
        } finally {
            ex.releasePage(latin1);
            if (!ok) {
                ex.failed();
            }
        }
    }

    /** A custom-action Invoke with an OperationTimeout: held to it ({@link MethodDeadline}). */
    private boolean invokes(WsmanAction a, WsmanRequest req) {
        return req.operationTimeout() != null && req.action() != null && !actions.containsKey(req.action())
                && !extensions.containsKey(req.action()) && a != identify && a != CLASS_GET && a != INTRINSIC;
    }

    /**
     * A read that overran the client's OperationTimeout is answered with TimedOut (DSP0226 §6.1),
     * since the client has stopped waiting; Put, Create and Delete complete and report their result, an
     * Invoke is answered TimedOut when its deadline passes ({@link MethodDeadline}).
     */
    private static void checkTimeout(WsmanRequest req, long startedNanos) throws WsmanFault {
        boolean read = Ns.ACTION_GET.equals(req.action()) || Ns.ACTION_ENUMERATE.equals(req.action())
                || Ns.ACTION_PULL.equals(req.action()) || ClassSchemaUris.isIntrinsic(req.resourceUri());
        if (read && req.operationTimeout() != null
                && System.nanoTime() - startedNanos > req.operationTimeout().toNanos()) {
            throw new WsmanFault(FaultKind.TIMED_OUT, null, "the operation did not complete within OperationTimeout "
                    + req.operationTimeout(), null);
        }
    }

    /** The action that answers a request, and what of the request's header it acts on. */
    private record Route(WsmanAction action, Understanding.Scope scope) {
    }

    private Route route(WsmanRequest req) throws WsmanFault {
        WsmanAction a = classAction(req);
        if (a != null) {
            return new Route(a, a == CLASS_GET ? Understanding.CLASS_GET : Understanding.Scope.NOTHING);
        }
        a = actions.get(req.action());
        if (a != null) {
            return new Route(a, Understanding.of(req.action()));
        }
        a = extensions.get(req.action());
        if (a != null) {
            return new Route(a, Understanding.EVENTING);
        }
        a = customAction(req);
        if (a != null) {
            return new Route(a, Understanding.Scope.NOTHING);
        }
        throw new WsmanFault(FaultKind.ACTION_NOT_SUPPORTED, null, "the action " + req.action() + " is not supported", null);
    }

    /**
     * Reads of class definitions (see {@link ClassSchemaUris}): a Get on the CIM-XML class URI, or
     * any action under openwsman's intrinsic namespace; null for every other request.
     */
    private static WsmanAction classAction(WsmanRequest req) {
        if (Ns.ACTION_GET.equals(req.action()) && ClassSchemaUris.isCimXml(req.resourceUri())) {
            return CLASS_GET;
        }
        return ClassSchemaUris.isIntrinsic(req.resourceUri()) ? INTRINSIC : null;
    }

    /** {@code <resourceURI>/<Method>} of a class this service knows is an Invoke; null otherwise. */
    private static WsmanAction customAction(WsmanRequest req) {
        String action = req.action();
        int slash = action.lastIndexOf('/');
        if (slash <= 0 || req.resourceUri() == null) {
            return null;
        }
        ResourceUris.Parsed a = ResourceUris.parse(action.substring(0, slash));
        ResourceUris.Parsed r = ResourceUris.parse(req.resourceUri());
        if (a == null || r == null || !a.className().equalsIgnoreCase(r.className())) {
            return null;
        }
        return InvokeAction.of(action.substring(slash + 1));
    }

    /**
     * UTF-16 answers keep the request's byte order, with a BOM (Windows sends little-endian with
     * a BOM); other charsets are written plainly.
     */
    static byte[] encode(String xml, Charset cs, byte[] request) {
        if (!cs.name().equalsIgnoreCase("UTF-16")) {
            return xml.getBytes(cs);
        }
        boolean little = request.length >= 2 && (request[0] & 0xFF) == 0xFF && (request[1] & 0xFF) == 0xFE;
        if (!little) {
            return xml.getBytes(StandardCharsets.UTF_16);
        }
        byte[] le = xml.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[le.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(le, 0, out, 2, le.length);
        return out;
    }

    private Response fault(WsmanFault f, WsmanRequest req, Charset cs, byte[] request) {
        String xml = EnvelopeWriter.fault(f, req == null ? null : req.messageId());
        return new Response(500, encode(xml, cs, request), cs, req == null ? "?" : actionName(req),
                req == null ? null : req.resourceUri(), "fault " + f.kind().subcode() + ": " + f.getMessage());
    }

    private static String actionName(WsmanRequest req) {
        if (req.action() == null) {
            return "Identify";
        }
        int i = req.action().lastIndexOf('/');
        return i < 0 ? req.action() : req.action().substring(i + 1);
    }
}
