package org.xenwbem.provider.cimom;

import java.util.List;
import org.xenwbem.cim.CimInstance;

/**
 * Instances produced one at a time, so that a request (or an open enumeration between its pages)
 * holds what it is encoding now and not the whole result: a polymorphic enumeration reads one
 * provider's list at a time ({@link ProviderCursor}), a query filters and projects as it goes.
 * Not thread-safe; an open enumeration guards its cursor. The caller is passed to every call
 * rather than kept, since a {@link RequestContext} may carry a credential only for one request.
 */
public abstract class InstanceCursor {
    /** What a mapping step does with one instance: the instance to return, or null to drop it. */
    @FunctionalInterface
    public interface Mapper {
        CimInstance apply(CimInstance in) throws CimException;
    }

    /** The next instance, or null when there are no more. */
    public abstract CimInstance next(RequestContext ctx) throws CimException;

    /**
     * Called between pages: what the cursor holds only to be quick may now be collected (it is
     * fetched again, in place, when the next page needs it).
     */
    public void relax() {
    }

    /** A cursor over the same instances, not yet advanced (for counting without consuming this one). */
    protected abstract InstanceCursor fresh();

    /** How many instances a full traversal yields now (a fresh traversal; this cursor does not move). */
    public long count(RequestContext ctx) throws CimException {
        InstanceCursor c = fresh();
        long n = 0;
        while (c.next(ctx) != null) {
            n++;
        }
        return n;
    }

    /** This cursor with {@code f} applied to each instance (null results are skipped). */
    public InstanceCursor map(Mapper f) {
        return new Mapped(this, f);
    }

    /** Every remaining instance in a list (for callers that need them all at once). */
    public List<CimInstance> drain(RequestContext ctx) throws CimException {
        List<CimInstance> out = new java.util.ArrayList<>();
        for (CimInstance i = next(ctx); i != null; i = next(ctx)) {
            out.add(i);
        }
        return out;
    }

    /** A cursor over a list already built (an association's few results). */
    public static InstanceCursor of(List<CimInstance> items) {
        return new Listed(items);
    }

    private static final class Listed extends InstanceCursor {
        private final List<CimInstance> items;
        private int position;

        Listed(List<CimInstance> items) {
            this.items = items;
        }

        @Override
        public CimInstance next(RequestContext ctx) {
            return position < items.size() ? items.get(position++) : null;
        }

        @Override
        protected InstanceCursor fresh() {
            return new Listed(items);
        }

        @Override
        public long count(RequestContext ctx) {
            return items.size();
        }
    }

    private static final class Mapped extends InstanceCursor {
        private final InstanceCursor base;
        private final Mapper f;

        Mapped(InstanceCursor base, Mapper f) {
            this.base = base;
            this.f = f;
        }

        @Override
        public CimInstance next(RequestContext ctx) throws CimException {
            for (CimInstance i = base.next(ctx); i != null; i = base.next(ctx)) {
                CimInstance out = f.apply(i);
                if (out != null) {
                    return out;
                }
            }
            return null;
        }

        @Override
        protected InstanceCursor fresh() {
            return new Mapped(base.fresh(), f);
        }

        @Override
        public void relax() {
            base.relax();
        }
    }
}
