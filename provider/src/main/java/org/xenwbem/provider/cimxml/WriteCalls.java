package org.xenwbem.provider.cimxml;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.SchemaException;
import org.xenwbem.cim.xml.CimDecodeException;
import org.xenwbem.cim.xml.CimXmlEncoder;
import org.xenwbem.cim.xml.CimXmlInstanceReader;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.RequestContext;

/** ModifyInstance, CreateInstance, DeleteInstance and SetProperty (DSP0200 §5.3.2.6–9, 5.3.2.13). */
final class WriteCalls {
    private final CimOperations ops;

    WriteCalls(CimOperations ops) {
        this.ops = ops;
    }

    void modifyInstance(CimXmlRequest req, RequestContext caller) throws CimException {
        Element named = CimXmlDecoder.first(required(req, "ModifiedInstance"), "VALUE.NAMEDINSTANCE");
        if (named == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "ModifiedInstance must hold a VALUE.NAMEDINSTANCE");
        }
        CimObjectPath path = CimXmlDecoder.instanceName(CimXmlDecoder.first(named, "INSTANCENAME"), req.namespace());
        Element instEl = CimXmlDecoder.first(named, "INSTANCE");
        CimInstance modified = read(instEl, req);
        List<String> props = CimXmlDecoder.propertyList(req.param("PropertyList"));
        ops.modifyInstance(caller, path, modified, props != null ? props : sentNonKeys(instEl, modified));
    }

    void createInstance(CimXmlRequest req, RequestContext caller, XmlWriter out) throws CimException {
        Element instEl = CimXmlDecoder.first(required(req, "NewInstance"), "INSTANCE");
        CimObjectPath created = ops.createInstance(caller, req.namespace(), read(instEl, req));
        CimXmlEncoder.writeInstanceName(out, new CimObjectPath(null, created.className(), created.keys()));
    }

    void deleteInstance(CimXmlRequest req, RequestContext caller) throws CimException {
        ops.deleteInstance(caller, CimXmlDecoder.instanceName(
                CimXmlDecoder.first(required(req, "InstanceName"), "INSTANCENAME"), req.namespace()));
    }

    void setProperty(CimXmlRequest req, RequestContext caller) throws CimException {
        CimObjectPath path = CimXmlDecoder.instanceName(
                CimXmlDecoder.first(required(req, "InstanceName"), "INSTANCENAME"), req.namespace());
        Element nameEl = CimXmlDecoder.first(required(req, "PropertyName"), "VALUE");
        String name = nameEl == null ? "" : nameEl.getTextContent().trim();
        CimInstance current = ops.getInstance(caller, path);
        CimProperty p = current.cimClass().property(name);
        if (p == null) {
            throw new CimException(CimStatus.NO_SUCH_PROPERTY, current.className() + " has no property " + name);
        }
        Object value = newValue(req.param("NewValue"), p, req.namespace());
        try {
            CimInstance modified = CimInstance.builder(current.cimClass()).namespace(current.namespace()).set(p.name(), value).build();
            ops.modifyInstance(caller, current.path(), modified, List.of(p.name()));
        } catch (SchemaException e) {
            throw new CimException(CimStatus.TYPE_MISMATCH, e.getMessage());
        }
    }

    private static Object newValue(Element param, CimProperty p, String ns) throws CimException {
        if (param == null || SafeXml.children(param).isEmpty()) {
            return null;
        }
        Element v = SafeXml.children(param).get(0);
        try {
            if (v.getTagName().equals("VALUE.REFERENCE")) {
                return CimXmlInstanceReader.reference(v, ns);
            }
            if (v.getTagName().equals("VALUE.ARRAY")) {
                List<Object> items = new ArrayList<>();
                for (Element item : SafeXml.children(v)) {
                    items.add(CimXmlInstanceReader.scalar(p.type(), item.getTextContent()));
                }
                return items;
            }
            return p.type() == CimType.REFERENCE ? null : CimXmlInstanceReader.scalar(p.type(), v.getTextContent());
        } catch (CimDecodeException e) {
            throw new CimException(CimStatus.TYPE_MISMATCH, e.getMessage());
        }
    }

    private CimInstance read(Element instEl, CimXmlRequest req) throws CimException {
        if (instEl == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, req.method() + " needs an INSTANCE");
        }
        ClassRepository repo = ops.classes(req.namespace());
        if (repo.get(instEl.getAttribute("CLASSNAME")) == null) {
            throw new CimException(CimStatus.INVALID_CLASS, "no class " + instEl.getAttribute("CLASSNAME"));
        }
        try {
            return CimXmlInstanceReader.readInstance(instEl, repo, req.namespace());
        } catch (CimDecodeException e) {
            throw new CimException(CimStatus.INVALID_PARAMETER, e.getMessage());
        }
    }

    private static List<String> sentNonKeys(Element instEl, CimInstance modified) {
        List<String> out = new ArrayList<>();
        for (Element pe : SafeXml.children(instEl)) {
            CimProperty p = modified.cimClass().property(pe.getAttribute("NAME"));
            if (p != null && !p.isKey()) {
                out.add(p.name());
            }
        }
        return out;
    }

    private static Element required(CimXmlRequest req, String name) throws CimException {
        Element p = req.param(name);
        if (p == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, req.method() + " needs the parameter " + name);
        }
        return p;
    }
}
