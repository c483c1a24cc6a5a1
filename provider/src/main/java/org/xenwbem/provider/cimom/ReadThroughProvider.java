package org.xenwbem.provider.cimom;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.cim.CimInstance;

/**
 * A writable provider that reads through another provider: its class name, Enumerate and Get are
 * the wrapped provider's; a subclass adds the write operations it supports.
 */
public abstract class ReadThroughProvider implements WritableProvider {
    private final InstanceProvider inner;

    protected ReadThroughProvider(InstanceProvider inner) {
        this.inner = inner;
    }

    /** The provider reads go to. */
    protected final InstanceProvider inner() {
        return inner;
    }

    @Override
    public final String className() {
        return inner.className();
    }

    @Override
    public final List<CimInstance> enumerate(RequestContext ctx) throws CimException {
        return inner.enumerate(ctx);
    }

    @Override
    public final Optional<CimInstance> get(RequestContext ctx, Map<String, Object> keys) throws CimException {
        return inner.get(ctx, keys);
    }
}
