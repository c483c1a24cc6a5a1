package org.xenwbem.provider.cimom;

import java.util.List;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;

/**
 * An instance provider whose instances can be changed by the intrinsic write operations
 * (ModifyInstance / WS-Transfer Put, CreateInstance / Create, DeleteInstance / Delete). Each
 * operation a provider does not support answers CIM_ERR_NOT_SUPPORTED.
 */
public interface WritableProvider extends InstanceProvider {
    /**
     * Applies the properties of {@code modified} named in {@code propertyList} (all non-key
     * properties when null) to the instance at {@code path}; returns the instance as it now is.
     */
    default CimInstance modifyInstance(RequestContext ctx, CimObjectPath path, CimInstance modified,
                                       List<String> propertyList) throws CimException {
        throw new CimException(CimStatus.NOT_SUPPORTED, className() + " instances cannot be modified");
    }

    /** Creates an instance from {@code template}; returns its path. */
    default CimObjectPath createInstance(RequestContext ctx, CimInstance template) throws CimException {
        throw new CimException(CimStatus.NOT_SUPPORTED, className() + " instances cannot be created");
    }

    default void deleteInstance(RequestContext ctx, CimObjectPath path) throws CimException {
        throw new CimException(CimStatus.NOT_SUPPORTED, className() + " instances cannot be deleted");
    }
}
