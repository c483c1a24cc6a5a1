package org.xenwbem.provider.cimom;

import java.util.List;
import java.util.Map;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;

/** Providers for protocol tests: a class with a fixed list of instances, a class whose methods a lambda answers. */
public final class TestProviders {
    /** What a test's method provider does with a call. */
    @FunctionalInterface
    public interface Invocation {
        MethodResult invoke(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
                throws CimException;
    }

    private TestProviders() {
    }

    /** {@code cls}, enumerating to {@code items} (Get scans them, as the interface's default does). */
    public static InstanceProvider instances(String cls, List<CimInstance> items) {
        return new InstanceProvider() {
            @Override
            public String className() {
                return cls;
            }

            @Override
            public List<CimInstance> enumerate(RequestContext ctx) {
                return items;
            }
        };
    }

    /** {@code cls}'s extrinsic methods, each call handed to {@code invocation}. */
    public static MethodProvider methods(String cls, Invocation invocation) {
        return new MethodProvider() {
            @Override
            public String className() {
                return cls;
            }

            @Override
            public MethodResult invoke(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
                    throws CimException {
                return invocation.invoke(ctx, target, method, in);
            }
        };
    }
}
