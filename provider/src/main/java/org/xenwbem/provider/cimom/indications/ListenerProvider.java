package org.xenwbem.provider.cimom.indications;

import java.util.List;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimom.WritableProvider;

/** Serves one of the CIM-XML subscription classes in one namespace from {@link CimXmlListeners}. */
final class ListenerProvider implements WritableProvider {
    private final String className;
    private final String namespace;
    private final CimXmlListeners.Kind kind;
    private final CimXmlListeners store;

    ListenerProvider(String className, String namespace, CimXmlListeners.Kind kind, CimXmlListeners store) {
        this.className = className;
        this.namespace = namespace;
        this.kind = kind;
        this.store = store;
    }

    @Override
    public String className() {
        return className;
    }

    @Override
    public List<CimInstance> enumerate(RequestContext ctx) {
        return store.list(namespace, className);
    }

    @Override
    public CimObjectPath createInstance(RequestContext ctx, CimInstance template) throws CimException {
        return store.create(namespace, kind, template, ctx.user());
    }

    @Override
    public void deleteInstance(RequestContext ctx, CimObjectPath path) throws CimException {
        store.delete(namespace, path);
    }
}
