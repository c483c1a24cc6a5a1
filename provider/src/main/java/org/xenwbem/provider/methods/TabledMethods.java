package org.xenwbem.provider.methods;

import java.util.Map;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.MethodProvider;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;

/** A method provider whose methods are a {@link MethodTable}: dispatch and the common opening come from it. */
public interface TabledMethods extends MethodProvider {
    /** The class's method table. */
    MethodTable methods();

    @Override
    default String className() {
        return methods().className();
    }

    @Override
    default MethodResult invoke(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
            throws CimException {
        return methods().invoke(ctx, target, method, in);
    }
}
