#!/usr/bin/python3
"""Drives xenwbem with Debian's python3-winrm (pywinrm 0.3): its Protocol, its Windows-style SOAP
header builder (_get_soap_header) and its requests-based transport, with our own WS-Man bodies.

usage: pywinrm_client.py URL USER PASSWORD COMMAND [ARGS...]
  identify
  enum RESOURCE_URI [optimized|plain] [MAXELEMENTS] [WQL]   -> one JSON object per item (its properties);
                                                   WQL is sent as a Filter in Microsoft's WQL dialect
  get RESOURCE_URI NAME=VALUE...
  getclass NAMESPACE CLASS                       -> the class WinRM's way (Get on the cim-xml URI, a CIM-XML
                                                   CLASS back): {"name", "superclass", "properties", "methods"}
  intrinsic RESOURCE_URI METHOD NAME=VALUE...    -> openwsman's intrinsic GetClass / EnumerateClassNames
                                                   (an Invoke of RESOURCE_URI/METHOD): the answer's elements
  invoke RESOURCE_URI METHOD PARAMS_XML NAME=VALUE...   -> the output parameters, an EPR as its selectors;
                                                   PARAMS_XML may use the a: and w: prefixes
Prints JSON lines; on a SOAP fault prints {"fault": subcode, "wsmanfault_code": ...}; on 401 {"http": 401}.
"""
import json
import sys
import xml.etree.ElementTree as ET

import xmltodict
from winrm.exceptions import InvalidCredentialsError, WinRMError, WinRMTransportError
from winrm.protocol import Protocol

NS = {
    "s": "http://www.w3.org/2003/05/soap-envelope",
    "wsen": "http://schemas.xmlsoap.org/ws/2004/09/enumeration",
    "wsman": "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd",
    "wsmid": "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd",
    "wsa": "http://schemas.xmlsoap.org/ws/2004/08/addressing",
}
ENUMERATE = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate"
PULL = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull"
GET = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get"


def envelope(proto, action, uri, body, selectors=None):
    msg = proto._get_soap_header(action=action, resource_uri=uri)
    if selectors:
        msg["env:Header"]["w:SelectorSet"] = {
            "w:Selector": [{"@Name": k, "#text": v} for k, v in selectors]}
    msg["env:Body"] = body
    return xmltodict.unparse({"env:Envelope": msg})


def send(proto, xml):
    return ET.fromstring(proto.send_message(xml))


def instance_dict(el):
    out = {"_class": el.tag.split("}")[1]}
    for p in el:
        name = p.tag.split("}")[1]
        nil = p.get("{http://www.w3.org/2001/XMLSchema-instance}nil") == "true"
        val = None if nil else (p.text or "")
        if name in out:
            prev = out[name]
            out[name] = (prev if isinstance(prev, list) else [prev]) + [val]
        else:
            out[name] = val
    return out


def emit_items(items):
    for it in list(items):
        print(json.dumps(instance_dict(it)), flush=True)


WQL = "http://schemas.microsoft.com/wbem/wsman/1/WQL"


def enum(proto, uri, mode, max_elements, wql=None):
    body = {"n:Enumerate": {}}
    if mode == "optimized":
        body["n:Enumerate"] = {"w:OptimizeEnumeration": None, "w:MaxElements": str(max_elements)}
    if wql:
        body["n:Enumerate"]["w:Filter"] = {"@Dialect": WQL, "#text": wql}
    root = send(proto, envelope(proto, ENUMERATE, uri, body))
    resp = root.find("s:Body/wsen:EnumerateResponse", NS)
    items = resp.find("wsman:Items", NS)
    if items is not None:
        emit_items(items)
    ctx = resp.find("wsen:EnumerationContext", NS)
    pulls = 0
    while ctx is not None:
        pulls += 1
        pull = {"n:Pull": {"n:EnumerationContext": ctx.text, "n:MaxElements": str(max_elements)}}
        root = send(proto, envelope(proto, PULL, uri, pull))
        resp = root.find("s:Body/wsen:PullResponse", NS)
        items = resp.find("wsen:Items", NS)
        if items is not None:
            emit_items(items)
        if resp.find("wsen:EndOfSequence", NS) is not None:
            if resp.find("wsen:EnumerationContext", NS) is not None:
                raise SystemExit("EndOfSequence came with a context")
            break
        ctx = resp.find("wsen:EnumerationContext", NS)
    print(json.dumps({"_pulls": pulls}), flush=True)


CIM_XML = "http://schemas.dmtf.org/wbem/cim-xml/2/cim-schema/2/*"


def getclass(proto, namespace, cls):
    root = send(proto, envelope(proto, GET, CIM_XML, None,
                                [["__cimnamespace", namespace], ["ClassName", cls]]))
    c = root.find("s:Body/CLASS", NS)
    methods = {}
    for m in c.findall("METHOD"):
        methods[m.get("NAME")] = [p.get("NAME") for p in m if p.tag.startswith("PARAMETER")]
    print(json.dumps({"name": c.get("NAME"), "superclass": c.get("SUPERCLASS"),
                      "qualifiers": [q.get("NAME") for q in c.findall("QUALIFIER")],
                      "properties": {p.get("NAME"): p.get("TYPE") or p.get("REFERENCECLASS")
                                     for p in c if p.tag.startswith("PROPERTY")},
                      "methods": methods}))


def local(el):
    return el.tag.split("}")[1]


def intrinsic(proto, uri, method, sels):
    root = send(proto, envelope(proto, uri + "/" + method, uri, None, sels))
    out = list(root.find("s:Body", NS))[0]
    if method == "EnumerateClassNames":
        print(json.dumps({"_element": local(out), "names": [n.text for n in out]}))
        return
    res = {"_element": local(out), "properties": {}, "methods": {}}
    for child in out:
        name = local(child)
        if name in ("name", "superclass"):
            res[name] = child.text
        elif name == "properties":
            for p in child:
                res["properties"][p.find("{*}name").text] = "".join(p.find("{*}type").itertext())
        elif name == "methods":
            for m in child:
                params = m.find("{*}parameters")
                res["methods"][m.find("{*}name").text] = [] if params is None else [
                    p.find("{*}name").text for p in params]
    print(json.dumps(res))


def element_value(el):
    if len(el):  # an EPR: its selectors
        return {s.get("Name"): s.text for s in el.iter("{%s}Selector" % NS["wsman"])}
    return el.text or ""


def invoke(proto, uri, method, params_xml, sels):
    inner = '<q:%s_INPUT xmlns:q="%s">%s</q:%s_INPUT>' % (method, uri, params_xml, method)
    wrapped = xmltodict.parse('<wrap xmlns:a="%s" xmlns:w="%s">%s</wrap>' % (NS["wsa"], NS["wsman"], inner))["wrap"]
    body = {k: v for k, v in wrapped.items() if not k.startswith("@xmlns")}
    root = send(proto, envelope(proto, uri + "/" + method, uri, body, sels))
    out = {}
    for p in list(root.find("s:Body", NS))[0]:
        name = p.tag.split("}")[1]
        val = element_value(p)
        if name in out:
            prev = out[name]
            out[name] = (prev if isinstance(prev, list) else [prev]) + [val]
        else:
            out[name] = val
    print(json.dumps(out), flush=True)


def main():
    url, user, password, cmd = sys.argv[1:5]
    args = sys.argv[5:]
    proto = Protocol(endpoint=url, transport="ssl", username=user, password=password,
                     server_cert_validation="ignore", operation_timeout_sec=20, read_timeout_sec=30)
    try:
        if cmd == "identify":
            xml = xmltodict.unparse({"env:Envelope": {
                "@xmlns:env": NS["s"], "@xmlns:wsmid": NS["wsmid"],
                "env:Header": None, "env:Body": {"wsmid:Identify": None}}})
            root = send(proto, xml)
            r = root.find("s:Body/wsmid:IdentifyResponse", NS)
            print(json.dumps({c.tag.split("}")[1]: (c.text or "") for c in r}))
        elif cmd == "enum":
            enum(proto, args[0], args[1] if len(args) > 1 else "optimized",
                 int(args[2]) if len(args) > 2 else 32000, args[3] if len(args) > 3 else None)
        elif cmd == "get":
            sels = [a.split("=", 1) for a in args[1:]]
            root = send(proto, envelope(proto, GET, args[0], None, sels))
            body = root.find("s:Body", NS)
            print(json.dumps(instance_dict(list(body)[0])))
        elif cmd == "getclass":
            getclass(proto, args[0], args[1])
        elif cmd == "intrinsic":
            intrinsic(proto, args[0], args[1], [a.split("=", 1) for a in args[2:]])
        elif cmd == "invoke":
            invoke(proto, args[0], args[1], args[2], [a.split("=", 1) for a in args[3:]])
        else:
            raise SystemExit("unknown command " + cmd)
    except InvalidCredentialsError:
        print(json.dumps({"http": 401}))
    except WinRMTransportError as e:
        print(json.dumps({"http": e.code, "text": e.response_text[:200]}))
    except WinRMError as e:
        # pywinrm folds the parsed fault (code, subcode, WSManFault code, HTTP status) into the message.
        print(json.dumps({"fault": str(e)}))


if __name__ == "__main__":
    main()
