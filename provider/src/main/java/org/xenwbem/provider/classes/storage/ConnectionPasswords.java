package org.xenwbem.provider.classes.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * The live properties of a {@code Xen_ConnectToDiskImageJob} (anchor §8.1), read from the transfer
 * endpoint's memory: the progress of a transfer running on the connection as PercentComplete (bytes moved
 * of the transfer's length; the job reads 100 again once no bytes move, so a client polling for 100
 * after ConnectToDiskImage is never held up), and the Password. The job's other properties live
 * in its xapi task, which every pool user who may read tasks can see, so the password is never put
 * there: it stays in the transfer endpoint's memory ({@link DiskExposure#password}) and is added to the
 * job instance only when the caller is the xapi user who made the connection. To anyone else, and
 * once the connection is closed or the daemon restarted, the property is absent.
 */
public final class ConnectionPasswords implements InstanceProvider {
    static final String PASSWORD = "Password";
    static final String PERCENT = "PercentComplete";
    private final InstanceProvider inner;
    private final DiskExposure exposure;

    private ConnectionPasswords(InstanceProvider inner, DiskExposure exposure) {
        this.inner = inner;
        this.exposure = exposure;
    }

    /** The providers, the connect job's wrapped so that its owner reads the password. */
    public static List<InstanceProvider> revealing(List<InstanceProvider> providers, DiskExposure exposure) {
        List<InstanceProvider> out = new ArrayList<>(providers.size());
        for (InstanceProvider p : providers) {
            boolean reveals = DiskConnections.CONNECT_JOB.equalsIgnoreCase(p.className())
                    || ForestExport.START_JOB.equalsIgnoreCase(p.className());
            out.add(reveals ? new ConnectionPasswords(p, exposure) : p);
        }
        return out;
    }

    @Override
    public String className() {
        return inner.className();
    }

    @Override
    public List<CimInstance> enumerate(RequestContext ctx) throws CimException {
        List<CimInstance> out = new ArrayList<>();
        for (CimInstance i : inner.enumerate(ctx)) {
            out.add(withPassword(ctx, i));
        }
        return out;
    }

    @Override
    public Optional<CimInstance> get(RequestContext ctx, Map<String, Object> keys) throws CimException {
        Optional<CimInstance> i = inner.get(ctx, keys);
        return i.isPresent() ? Optional.of(withPassword(ctx, i.get())) : i;
    }

    /**
     * The instance with the password when the caller owns its connection (otherwise without one), and
     * the running transfer's progress.
     */
    private CimInstance withPassword(RequestContext ctx, CimInstance i) {
        if (i.get("MetadataURI") != null || i.get("DiskImageURIs") != null) {
            return withUriPasswords(ctx, i);
        }
        Object handle = i.get("ConnectionHandle");
        Optional<String> pw = handle instanceof String h && ctx != null
                ? exposure.password(h, ctx.user()) : Optional.empty();
        OptionalInt moving = handle instanceof String h ? exposure.progress(h) : OptionalInt.empty();
        if (pw.isEmpty() && i.get(PASSWORD) == null && moving.isEmpty()) {
            return i;
        }
        CimInstance.Builder b = copy(i);
        moving.ifPresent(p -> b.set(PERCENT, (long) p));
        return b.set(PASSWORD, pw.orElse(null)).build();
    }

    /**
     * A snapshot forest export's URIs ({@code https://user@host:port/transfer/<handle>…}) with each
     * connection's password put in ({@code user:password@}) when the caller owns it.
     */
    private CimInstance withUriPasswords(RequestContext ctx, CimInstance i) {
        CimInstance.Builder b = copy(i);
        if (i.get("MetadataURI") instanceof String u) {
            b.set("MetadataURI", revealed(ctx, u));
        }
        if (i.get("DiskImageURIs") instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            l.forEach(u -> out.add(revealed(ctx, String.valueOf(u))));
            b.set("DiskImageURIs", out);
        }
        return b.build();
    }

    private String revealed(RequestContext ctx, String uri) {
        int scheme = uri.indexOf("://");
        int at = uri.indexOf('@');
        int path = uri.indexOf("/transfer/");
        if (ctx == null || scheme < 0 || at < scheme || path < at || uri.substring(scheme + 3, at).contains(":")) {
            return uri;
        }
        String handle = uri.substring(path + "/transfer/".length()).split("[.?/]", 2)[0];
        Optional<String> pw = exposure.password(handle, ctx.user());
        return pw.isEmpty() ? uri : uri.substring(0, at) + ":" + pw.get() + uri.substring(at);
    }

    private static CimInstance.Builder copy(CimInstance i) {
        CimInstance.Builder b = CimInstance.builder(i.cimClass()).namespace(i.namespace());
        i.values().forEach((k, v) -> {
            if (v != null) {
                b.set(k, v);
            }
        });
        return b;
    }
}
