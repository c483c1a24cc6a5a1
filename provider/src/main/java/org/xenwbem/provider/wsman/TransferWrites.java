package org.xenwbem.provider.wsman;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.xml.CimDecodeException;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.WsCimDecoder;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.wsman.decode.DeleteRequest;

/**
 * WS-Transfer Put (whole instance, or one property with FragmentTransfer), Create and Delete
 * (DSP0226 §7.4–7.6), on top of the core's ModifyInstance, CreateInstance and DeleteInstance.
 */
final class TransferWrites {
    private TransferWrites() {
    }

    static final WsmanAction PUT = TransferWrites::put;
    static final WsmanAction CREATE = TransferWrites::create;
    static final WsmanAction DELETE = new TypedAction<>(DeleteRequest::decode, TransferWrites::delete,
            TransferEncoder::delete);

    private static String put(WsmanRequest req, Exchange ex) throws WsmanFault {
        Targets.Target t = Targets.resolve(req, ex.ops());
        CimObjectPath path = Targets.path(t, req.selectors(), ex.ops());
        Element body = required(req.body(), "Put");
        try {
            CimInstance current = ex.ops().getInstance(ex.caller(), path);
            Fragments.Target frag = req.fragment() == null ? null : Fragments.resolve(req.fragment(), current.cimClass());
            CimInstance modified;
            List<String> props;
            if (frag != null) {
                if (!Ns.WSMAN.equals(body.getNamespaceURI()) || !"XmlFragment".equals(body.getLocalName())) {
                    throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "a fragment Put carries wsman:XmlFragment");
                }
                modified = fragmentInstance(body, current, frag, ex);
                props = List.of(frag.property().name());
            } else {
                modified = decode(body, ex.ops().classes(t.namespace()), t.namespace(), ex);
                props = presentNonKeys(body, modified);
            }
            CimInstance updated = ex.ops().modifyInstance(ex.caller(), current.path(), modified, props);
            return TransferEncoder.put(new TransferEncoder.Instance(updated, frag, t.uri(), false), req, ex);
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }

    private static String create(WsmanRequest req, Exchange ex) throws WsmanFault {
        Targets.Target t = Targets.resolve(req, ex.ops());
        Element body = required(req.body(), "Create");
        try {
            CimInstance template = decode(body, ex.ops().classes(t.namespace()), t.namespace(), ex);
            if (!ex.ops().classes(t.namespace()).isA(template.className(), t.cimClass().name())) {
                throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "the body holds a " + template.className()
                        + ", not a " + t.cimClass().name());
            }
            CimObjectPath created = ex.ops().createInstance(ex.caller(), t.namespace(), template);
            return TransferEncoder.create(new TransferEncoder.Created(
                    created.namespace() == null ? created.withNamespace(t.namespace()) : created, t.uri()), req, ex);
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

    private static Element required(Element body, String op) throws WsmanFault {
        if (body == null) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, op + " needs the resource in the Body");
        }
        return body;
    }

    private static CimInstance decode(Element el, ClassRepository repo, String ns, Exchange ex) throws WsmanFault {
        try {
            return WsCimDecoder.readInstance(el, repo, ns, holder -> InvokeAction.eprPath(holder, ex));
        } catch (CimDecodeException e) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, e.getMessage(), e);
        }
    }

    private static CimInstance fragmentInstance(Element fragment, CimInstance current, Fragments.Target frag, Exchange ex)
            throws WsmanFault {
        CimProperty p = frag.property();
        List<Element> els = frag.textOnly() ? List.of(fragment) : SafeXml.children(fragment);
        try {
            Object v = WsCimDecoder.readProperty(p.type(), p.array(), els, holder -> InvokeAction.eprPath(holder, ex));
            return CimInstance.builder(current.cimClass()).namespace(current.namespace()).set(p.name(), v).build();
        } catch (CimDecodeException | org.xenwbem.cim.SchemaException e) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, e.getMessage(), e);
        }
    }

    /** The non-key properties the client actually sent: a Put changes only those. */
    private static List<String> presentNonKeys(Element body, CimInstance modified) {
        List<String> out = new ArrayList<>();
        for (Element child : SafeXml.children(body)) {
            CimProperty p = modified.cimClass().property(child.getLocalName());
            if (p != null && !p.isKey() && !out.contains(p.name())) {
                out.add(p.name());
            }
        }
        return out;
    }
}
