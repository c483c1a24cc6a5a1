package org.xenwbem.provider.cimom;

import java.lang.ref.SoftReference;
import java.util.List;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;

/**
 * The instances of a class and its subclasses, one provider at a time. Between pages ({@link #relax})
 * the list being read is held only softly: providers keep their lists cached while memory allows, and when the
 * collector has taken it the cursor asks the provider again and finds its place by the path of the
 * last instance it returned (so a list rebuilt for a newer pool generation is neither repeated nor
 * skipped, except for what changed).
 */
final class ProviderCursor extends InstanceCursor {
    private final List<InstanceProvider> providers;
    private int provider;
    private SoftReference<List<CimInstance>> current = new SoftReference<>(null);
    /** The list being read, held strongly until {@link #relax()} (so that one page never rebuilds it). */
    private List<CimInstance> pinned;
    private int position;
    private CimObjectPath last;

    ProviderCursor(List<InstanceProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    @Override
    public CimInstance next(RequestContext ctx) throws CimException {
        while (provider < providers.size()) {
            List<CimInstance> list = current(ctx);
            if (position < list.size()) {
                CimInstance i = list.get(position++);
                last = i.path();
                return i;
            }
            provider++;
            current = new SoftReference<>(null);
            pinned = null;
            position = 0;
            last = null;
        }
        return null;
    }

    private List<CimInstance> current(RequestContext ctx) throws CimException {
        List<CimInstance> list = pinned != null ? pinned : current.get();
        if (list == null) {
            list = providers.get(provider).enumerate(ctx);
            position = resume(list, position, last);
            current = new SoftReference<>(list);
        }
        pinned = list;
        return list;
    }

    @Override
    public void relax() {
        pinned = null;
    }

    /** Where to go on in {@code list} after the instance at {@code last}, expected just before {@code position}. */
    static int resume(List<CimInstance> list, int position, CimObjectPath last) {
        if (last == null) {
            return Math.min(position, list.size());
        }
        if (position > 0 && position <= list.size() && list.get(position - 1).path().equals(last)) {
            return position;
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path().equals(last)) {
                return i + 1;
            }
        }
        return Math.min(position, list.size());
    }

    @Override
    protected InstanceCursor fresh() {
        return new ProviderCursor(providers);
    }

    @Override
    public long count(RequestContext ctx) throws CimException {
        long n = 0;
        for (InstanceProvider p : providers) {
            n += p.enumerate(ctx).size();
        }
        return n;
    }
}
