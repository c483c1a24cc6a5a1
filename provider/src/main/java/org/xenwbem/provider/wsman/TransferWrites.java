package org.xenwbem.provider.wsman;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.SchemaException;
import org.xenwbem.provider.cimom.CimException;

/**
 * WS-Transfer Put (whole instance, or one property with FragmentTransfer), Create and Delete
 * (DSP0226 §7.4–7.6), on top of the core's ModifyInstance, CreateInstance and DeleteInstance.
 */
final class TransferWrites {
    private TransferWrites() {
    }

    static final WsmanAction PUT = new TypedAction<>(PutRequest::decode, TransferWrites::put, TransferEncoder::put);
    static final WsmanAction CREATE = new TypedAction<>(CreateRequest::decode, TransferWrites::create,
            TransferEncoder::create);
    static final WsmanAction DELETE = new TypedAction<>(DeleteRequest::decode, TransferWrites::delete,
            TransferEncoder::delete);

    /** EPRs in a written instance name their objects by key, as selectors of a Get do. */
    static EprResolver keyPaths(Exchange ex) {
        return epr -> Targets.eprPath(epr, ex.ops());
    }

    private static TransferEncoder.Instance put(PutRequest q, Exchange ex) throws WsmanFault {
        Targets.Target t = Targets.resolve(q.resourceUri(), q.selectors(), ex.ops());
        CimObjectPath path = Targets.path(t, q.selectors(), ex.ops());
        try {
            CimInstance current = ex.ops().getInstance(ex.caller(), path);
            Fragments.Target frag = q.fragment() == null ? null : Fragments.resolve(q.fragment(), current.cimClass());
            CimInstance modified;
            List<String> props;
            if (frag != null) {
                modified = fragmentInstance(q, current, frag, ex);
                props = List.of(frag.property().name());
            } else {
                modified = q.body().instance(ex.ops().classes(t.namespace()), t.namespace(), keyPaths(ex));
                props = sentNonKeys(q, modified);
            }
            CimInstance updated = ex.ops().modifyInstance(ex.caller(), current.path(), modified, props);
            return new TransferEncoder.Instance(updated, frag, t.uri(), false);
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }

    private static TransferEncoder.Created create(CreateRequest q, Exchange ex) throws WsmanFault {
        Targets.Target t = Targets.resolve(q.resourceUri(), q.selectors(), ex.ops());
        try {
            CimInstance template = q.body().instance(ex.ops().classes(t.namespace()), t.namespace(), keyPaths(ex));
            if (!ex.ops().classes(t.namespace()).isA(template.className(), t.cimClass().name())) {
                throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "the body holds a " + template.className()
                        + ", not a " + t.cimClass().name());
            }
            CimObjectPath created = ex.ops().createInstance(ex.caller(), t.namespace(), template);
            return new TransferEncoder.Created(created.namespace() == null ? created.withNamespace(t.namespace())
                    : created, t.uri());
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }

    private static TransferEncoder.Deleted delete(DeleteRequest q, Exchange ex) throws WsmanFault {
        Targets.Target t = Targets.resolve(q.resourceUri(), q.selectors(), ex.ops());
        CimObjectPath path = Targets.path(t, q.selectors(), ex.ops());
        try {
            ex.ops().deleteInstance(ex.caller(), path);
        } catch (CimException e) {
            throw Faults.from(e);
        }
        return new TransferEncoder.Deleted();
    }

    private static CimInstance fragmentInstance(PutRequest q, CimInstance current, Fragments.Target frag, Exchange ex)
            throws WsmanFault {
        CimProperty p = frag.property();
        Object v = q.body().fragmentValue(p, frag.textOnly(), keyPaths(ex));
        try {
            return CimInstance.builder(current.cimClass()).namespace(current.namespace()).set(p.name(), v).build();
        } catch (SchemaException e) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, e.getMessage(), e);
        }
    }

    /** The non-key properties the client actually sent: a Put changes only those. */
    private static List<String> sentNonKeys(PutRequest q, CimInstance modified) {
        List<String> out = new ArrayList<>();
        for (String name : q.body().sentNames()) {
            CimProperty p = modified.cimClass().property(name);
            if (p != null && !p.isKey() && !out.contains(p.name())) {
                out.add(p.name());
            }
        }
        return out;
    }
}
