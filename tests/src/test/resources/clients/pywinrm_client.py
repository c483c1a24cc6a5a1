#!/usr/bin/python3
"""Drives xenwbem with Debian's python3-winrm (pywinrm 0.3): its Protocol, its Windows-style SOAP
header builder (_get_soap_header) and its requests-based transport, with our own WS-Man bodies.

usage: pywinrm_client.py URL USER PASSWORD COMMAND [ARGS...]
  identify
  enum RESOURCE_URI [optimized|plain] [MAXELEMENTS] [WQL]   -> one JSON object per item (its properties);
                                                   WQL is sent as a Filter in Microsoft's WQL dialect
  get RESOURCE_URI NAME=VALUE...
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
