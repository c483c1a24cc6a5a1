package org.xenwbem.provider.classes.common;

import java.util.List;
import java.util.function.Function;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;

/**
 * An association class whose instances are pairs of object paths computed from the pool snapshot:
 * the instance sets the two REF properties and nothing else. Cached per generation like every
 * snapshot provider, so Associators and References scan a ready list.
 */
public final class LinkProvider extends SnapshotProvider<LinkProvider.Link> {
    /** The two ends, in the order of the provider's roles. */
    public record Link(CimObjectPath first, CimObjectPath second) {
    }

    private final String firstRole;
    private final String secondRole;
    private final Function<PoolSnapshot, List<Link>> links;

    /**
     * @param firstRole  the REF property holding {@link Link#first()}
     * @param secondRole the REF property holding {@link Link#second()}
     */
    public LinkProvider(ProviderContext ctx, String className, String firstRole, String secondRole,
                 Function<PoolSnapshot, List<Link>> links) {
        super(ctx, className);
        this.firstRole = firstRole;
        this.secondRole = secondRole;
        this.links = links;
    }

    @Override
    protected Iterable<Link> sources(PoolSnapshot s) {
        return links.apply(s);
    }

    @Override
    protected CimInstance map(Link l, PoolSnapshot s) {
        return instance().set(firstRole, l.first()).set(secondRole, l.second()).build();
    }
}
