package org.xenwbem.provider.cimom;

import java.util.Map;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;

/**
 * Implements the extrinsic methods of one class (and, unless a subclass has its own, of its
 * subclasses). Input parameters arrive typed by the method's declaration: scalars as CIM values,
 * references as {@link CimObjectPath}, embedded instances as {@link org.xenwbem.cim.CimInstance},
 * arrays as lists.
 */
public interface MethodProvider {
    /** The class whose methods this provider implements. */
    String className();

    MethodResult invoke(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
            throws CimException;
}
