package org.xenwbem.provider.classes.common;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;

/**
 * An association class served from the snapshot: each {@link Pair} names the two ends, which are
 * set on the class's two REF properties. Both ends are built from the anchor's key formats
 * ({@link Paths}), so a VM-side end needs no other provider to exist.
 */
public final class Link extends AssembledProvider<Link.Pair> {
    /**
     * The two ends of one association instance, in the order of the roles given to the provider,
     * and any non-reference properties of the association (e.g. ValueRole).
     */
    public record Pair(CimObjectPath first, CimObjectPath second, Map<String, Object> properties) {
        public Pair(CimObjectPath first, CimObjectPath second) {
            this(first, second, Map.of());
        }
    }

    private final String firstRole;
    private final String secondRole;
    private final Function<PoolSnapshot, List<Pair>> pairs;

    private Link(ProviderContext pc, String className, String namespace, String firstRole, String secondRole,
                 Function<PoolSnapshot, List<Pair>> pairs, boolean perf) {
        super(pc, className, namespace, pairs, perf);
        this.firstRole = firstRole;
        this.secondRole = secondRole;
        this.pairs = pairs;
        pc.cimClass(className); // fail at start-up, not at the first request, when the schema lacks it
    }

    /** An association in root/cimv2 between {@code firstRole} and {@code secondRole}. */
    public static Link of(ProviderContext pc, String className, String firstRole, String secondRole,
                   Function<PoolSnapshot, List<Pair>> pairs) {
        return new Link(pc, className, ProviderContext.NAMESPACE, firstRole, secondRole, pairs, false);
    }

    /** Antecedent → Dependent (CIM_Dependency and its kin). */
    public static Link dependency(ProviderContext pc, String className, Function<PoolSnapshot, List<Pair>> pairs) {
        return of(pc, className, "Antecedent", "Dependent", pairs);
    }

    /** GroupComponent → PartComponent (CIM_Component and its kin). */
    public static Link component(ProviderContext pc, String className, Function<PoolSnapshot, List<Pair>> pairs) {
        return of(pc, className, "GroupComponent", "PartComponent", pairs);
    }

    /** ManagedElement → Capabilities (CIM_ElementCapabilities). */
    public static Link capabilities(ProviderContext pc, String className, Function<PoolSnapshot, List<Pair>> pairs) {
        return of(pc, className, "ManagedElement", "Capabilities", pairs);
    }

    /** The same association served in another namespace. */
    public Link in(String ns) {
        return new Link(ctx, className(), ns, firstRole, secondRole, pairs, perf());
    }

    /** The same association, whose pairs also follow the sampled performance values. */
    public Link readingPerf() {
        return new Link(ctx, className(), namespace(), firstRole, secondRole, pairs, true);
    }

    @Override
    protected CimInstance map(Pair p, PoolSnapshot s) {
        CimInstance.Builder b = instance().set(firstRole, p.first()).set(secondRole, p.second());
        p.properties().forEach(b::set);
        return b.build();
    }
}
