package org.xenwbem.provider.cimom.indications;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.query.QueryLanguage;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.InstanceProvider;

/**
 * CIM-XML indication subscriptions (DSP1054): CIM_IndicationFilter (Query, QueryLanguage),
 * CIM_ListenerDestinationCIMXML (Destination URL) and CIM_IndicationSubscription (Filter, Handler)
 * instances created by clients, kept in memory (they do not survive a restart), per namespace. Each
 * subscription delivers the indications its filter selects to its destination through its own
 * {@link DeliveryChannel}. A filter or destination a subscription uses cannot be deleted. One user may
 * hold at most {@code maxPerUser} subscriptions (the WS-Man cap, {@code --max-subscriptions-per-user},
 * counted separately for this protocol), the service {@code capacityLeft} more in all; beyond either,
 * {@code CIM_ERR_SERVER_LIMITS_EXCEEDED}.
 */
public final class CimXmlListeners {
    private static final Logger LOG = LoggerFactory.getLogger(CimXmlListeners.class);

    /** The three instance kinds. */
    enum Kind { FILTER, DESTINATION, SUBSCRIPTION }

    private static final Map<String, Kind> CLASSES = Map.of(
            "CIM_IndicationFilter", Kind.FILTER,
            "CIM_ListenerDestinationCIMXML", Kind.DESTINATION,
            "CIM_IndicationHandlerCIMXML", Kind.DESTINATION,
            "CIM_IndicationSubscription", Kind.SUBSCRIPTION);

    /** One instance; {@code owner} is the user who created it. */
    private record Stored(Kind kind, String namespace, CimInstance instance, IndicationFilter filter, URI destination,
                          DeliveryChannel channel, String owner) {
    }

    private final List<Stored> stored = new CopyOnWriteArrayList<>();
    private final IndicationSchema schema;
    private final String systemName;
    private final Function<URI, DeliveryChannel> channels;
    private final java.util.function.IntSupplier capacityLeft;
    private final int maxPerUser;

    /**
     * @param capacityLeft how many more subscriptions the service accepts in all
     * @param maxPerUser   subscriptions one user may hold
     */
    public CimXmlListeners(IndicationSchema schema, String systemName, Function<URI, DeliveryChannel> channels,
                    java.util.function.IntSupplier capacityLeft, int maxPerUser) {
        this.schema = schema;
        this.systemName = systemName;
        this.channels = channels;
        this.capacityLeft = capacityLeft;
        this.maxPerUser = maxPerUser;
    }

    /** Providers of the subscription classes {@code classes} has, for {@code namespace}. */
    public List<InstanceProvider> providers(ClassRepository classes, String namespace) {
        List<InstanceProvider> out = new ArrayList<>();
        CLASSES.forEach((cls, kind) -> {
            if (classes.get(cls) != null) {
                out.add(new ListenerProvider(classes.get(cls).name(), namespace, kind, this));
            }
        });
        return out;
    }

    List<CimInstance> list(String namespace, String className) {
        List<CimInstance> out = new ArrayList<>();
        for (Stored s : stored) {
            if (s.namespace().equalsIgnoreCase(namespace) && s.instance().className().equalsIgnoreCase(className)) {
                out.add(s.instance());
            }
        }
        return out;
    }

    /** The live listener subscriptions, for the status page (no credentials: see {@link SubscriptionInfo}). */
    public List<SubscriptionInfo> describe() {
        List<SubscriptionInfo> out = new ArrayList<>();
        for (Stored s : stored) {
            if (s.kind() == Kind.SUBSCRIPTION) {
                out.add(new SubscriptionInfo(s.instance().path().toString(), "cim-xml", "", "listener",
                        SubscriptionInfo.safeAddress(s.destination()), null, s.filter().describe()));
            }
        }
        return out;
    }

    public int subscriptions() {
        return (int) stored.stream().filter(s -> s.kind() == Kind.SUBSCRIPTION).count();
    }

    public void deliver(Indication ind) {
        for (Stored s : stored) {
            if (s.kind() == Kind.SUBSCRIPTION && s.filter().accepts(ind)) {
                s.channel().offer(ind);
            }
        }
    }

    /** Creates an instance of {@code kind} for {@code user}. */
    synchronized CimObjectPath create(String namespace, Kind kind, CimInstance template, String user)
            throws CimException {
        CimInstance inst = complete(namespace, kind, template);
        if (find(namespace, inst.path()).isPresent()) {
            throw new CimException(CimStatus.ALREADY_EXISTS, "an instance " + inst.path() + " exists already");
        }
        Stored s = switch (kind) {
            case FILTER -> new Stored(kind, namespace, inst, compile(inst), null, null, user);
            case DESTINATION -> new Stored(kind, namespace, inst, null, destination(inst), null, user);
            case SUBSCRIPTION -> subscription(namespace, inst, user);
        };
        stored.add(s);
        LOG.info("CIM-XML {} {} created in {}", kind.name().toLowerCase(Locale.ROOT), inst.path(), namespace);
        return inst.path();
    }

    synchronized void delete(String namespace, CimObjectPath path) throws CimException {
        Stored s = find(namespace, path).orElseThrow(() -> new CimException(CimStatus.NOT_FOUND, "no instance " + path));
        for (Stored other : stored) {
            if (other.kind() == Kind.SUBSCRIPTION && (path.equals(other.instance().get("Filter"))
                    || path.equals(other.instance().get("Handler")))) {
                throw new CimException(CimStatus.FAILED, path + " is used by the subscription " + other.instance().path()
                        + "; delete the subscription first");
            }
        }
        stored.remove(s);
        if (s.channel() != null) {
            s.channel().close();
        }
        LOG.info("CIM-XML instance {} deleted from {}", path, namespace);
    }

    public void closeAll() {
        stored.stream().filter(s -> s.channel() != null).forEach(s -> s.channel().close());
    }

    private Optional<Stored> find(String namespace, CimObjectPath path) {
        return stored.stream().filter(s -> s.namespace().equalsIgnoreCase(namespace) && s.instance().path().equals(path))
                .findFirst();
    }

    private Optional<Stored> find(String namespace, Object ref, Kind kind) {
        if (!(ref instanceof CimObjectPath p)) {
            return Optional.empty();
        }
        String ns = p.namespace() == null ? namespace : p.namespace();
        return find(ns, p).filter(s -> s.kind() == kind);
    }

    /** The template with its keys filled in: system keys of this host, the class, a Name when none. */
    private CimInstance complete(String namespace, Kind kind, CimInstance template) throws CimException {
        CimClass c = template.cimClass();
        CimInstance.Builder b = CimInstance.builder(c).namespace(namespace);
        template.values().forEach((k, v) -> {
            if (v != null) {
                b.set(k, v);
            }
        });
        if (kind != Kind.SUBSCRIPTION) {
            setIfUnset(c, template, b, "SystemCreationClassName", "CIM_ComputerSystem");
            setIfUnset(c, template, b, "SystemName", systemName);
            setIfUnset(c, template, b, "CreationClassName", c.name());
            setIfUnset(c, template, b, "Name", "xenwbem:" + UUID.randomUUID());
        }
        CimInstance inst = b.build();
        for (String key : c.keyNames()) {
            if (inst.get(key) == null) {
                throw new CimException(CimStatus.INVALID_PARAMETER, c.name() + " needs the key " + key);
            }
        }
        return inst;
    }

    private static void setIfUnset(CimClass c, CimInstance template, CimInstance.Builder b, String p, Object v) {
        CimProperty prop = c.property(p);
        if (prop != null && template.get(p) == null) {
            b.set(p, v);
        }
    }

    private IndicationFilter compile(CimInstance f) throws CimException {
        Object query = f.get("Query");
        Object langName = f.get("QueryLanguage");
        if (!(query instanceof String q) || q.isBlank()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "CIM_IndicationFilter needs a Query");
        }
        QueryLanguage lang = QueryLanguage.forName(langName == null ? "WQL" : langName.toString())
                .orElseThrow(() -> new CimException(CimStatus.QUERY_LANGUAGE_NOT_SUPPORTED, "QueryLanguage " + langName
                        + " is not supported; use WQL or DMTF:CQL"));
        try {
            return IndicationFilter.of(schema, null, lang, q);
        } catch (IndicationFilter.FilterException e) {
            throw new CimException(CimStatus.INVALID_QUERY, CimException.Detail.NONE, e.getMessage(), e);
        }
    }

    private static URI destination(CimInstance d) throws CimException {
        Object dest = d.get("Destination");
        try {
            URI u = new URI(String.valueOf(dest));
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && u.getRawUserInfo() == null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CimException(CimStatus.INVALID_PARAMETER, "Destination must be an http:// or https:// URL without"
                + " credentials");
    }

    private Stored subscription(String namespace, CimInstance inst, String user) throws CimException {
        Stored filter = find(namespace, inst.get("Filter"), Kind.FILTER).orElseThrow(() -> new CimException(
                CimStatus.INVALID_PARAMETER, "Filter names no CIM_IndicationFilter of " + namespace));
        Stored dest = find(namespace, inst.get("Handler"), Kind.DESTINATION).orElseThrow(() -> new CimException(
                CimStatus.INVALID_PARAMETER, "Handler names no listener destination of " + namespace));
        long mine = stored.stream().filter(s -> s.kind() == Kind.SUBSCRIPTION && s.owner().equals(user)).count();
        if (mine >= maxPerUser) {
            throw new CimException(CimStatus.SERVER_LIMITS_EXCEEDED, "user " + user + " already holds " + mine
                    + " subscriptions; delete some or raise max_subscriptions_per_user");
        }
        if (capacityLeft.getAsInt() <= 0) {
            throw new CimException(CimStatus.SERVER_LIMITS_EXCEEDED, "the service holds its maximum of subscriptions");
        }
        return new Stored(Kind.SUBSCRIPTION, namespace, inst, filter.filter(), dest.destination(),
                channels.apply(dest.destination()), user);
    }
}
