#!/usr/bin/env python3
"""XenAPI storage witness: Debian's XenAPI.py (python3-os-xenapi) sees the simulated pool's storage.

Reads XAPI_URL, XAPI_USER, XAPI_PASSWORD and the step to run:
  file  (XAPI_SR_LOCATION): SR.create of a file SR there, VDI.create, a disk file written behind
        xapi's back, SR.scan, then SRs and VDIs listed through get_all_records and get_VDIs;
  iscsi (XAPI_ISCSI_PORT, XAPI_ISCSI_IQN): SR.probe for lvmoiscsi on 127.0.0.1 without targetIQN
        (SR_BACKEND_FAILURE_96 with the IQN XML), with it (SR_BACKEND_FAILURE_107 with the LUN XML),
        then SR.create on the first LUN's SCSIid.
Prints one line per step and exits 0 when every step passed.
"""
import importlib.util
import os
import sys
import uuid
import xml.dom.minidom

XENAPI_PY = os.environ.get("XENAPI_PY", "/usr/lib/python3/dist-packages/os_xenapi/client/XenAPI.py")
MIB = 1 << 20


def load_xenapi():
    spec = importlib.util.spec_from_file_location("XenAPI", XENAPI_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def texts(doc, tag):
    return [n.firstChild.data for n in doc.getElementsByTagName(tag) if n.firstChild is not None]


def file_step(x):
    location = os.environ["XAPI_SR_LOCATION"]
    host = x.host.get_all()[0]
    sr = x.SR.create(host, {"location": location}, "0", "witness files", "", "file", "user", False, {})
    vdi = x.VDI.create({"name_label": "witness disk", "name_description": "", "SR": sr,
                        "virtual_size": str(8 * MIB), "type": "user", "sharable": False, "read_only": False,
                        "other_config": {}, "xenstore_data": {}, "sm_config": {}, "tags": []})
    made = x.VDI.get_uuid(vdi)
    print("created sr=%s vdi=%s" % (x.SR.get_uuid(sr), made))
    behind = str(uuid.uuid4())
    with open(os.path.join(location, behind + ".raw"), "wb") as f:
        f.truncate(16 * MIB)
        f.write(b"witness")
    x.SR.scan(sr)
    print("scanned")
    records = x.SR.get_all_records()
    assert any(r["uuid"] == x.SR.get_uuid(sr) and r["type"] == "file" for r in records.values())
    vdis = x.VDI.get_all_records()
    mine = {r["uuid"]: r for r in vdis.values() if r["SR"] == sr}
    assert set(mine) == {made, behind}, mine.keys()
    assert int(mine[behind]["virtual_size"]) == 16 * MIB, mine[behind]
    assert int(mine[made]["virtual_size"]) == 8 * MIB, mine[made]
    assert sorted(x.VDI.get_uuid(v) for v in x.SR.get_VDIs(sr)) == sorted([made, behind])
    print("listed vdis=%d found %s size=%d" % (len(mine), behind, int(mine[behind]["virtual_size"])))
    print("sr virtual_allocation=%s" % x.SR.get_virtual_allocation(sr))


def expect_failure(xenapi, call, code):
    try:
        call()
    except xenapi.Failure as f:
        if f.details[0] != code:
            raise SystemExit("expected %s, got %s" % (code, f.details))
        return f.details
    raise SystemExit("expected %s, the call succeeded" % code)


def iscsi_step(x, xenapi):
    host = x.host.get_all()[0]
    dc = {"target": "127.0.0.1", "port": os.environ["XAPI_ISCSI_PORT"]}
    details = expect_failure(xenapi, lambda: x.SR.probe(host, dc, "lvmoiscsi", {}), "SR_BACKEND_FAILURE_96")
    iqns = [i for i in texts(xml.dom.minidom.parseString(details[3]), "TargetIQN") if i != "*"]
    addresses = set(texts(xml.dom.minidom.parseString(details[3]), "IPAddress"))
    assert addresses == {"127.0.0.1"}, addresses
    assert os.environ["XAPI_ISCSI_IQN"] in iqns, iqns
    print("probe iqns=%d has %s" % (len(iqns), os.environ["XAPI_ISCSI_IQN"]))
    dc["targetIQN"] = os.environ["XAPI_ISCSI_IQN"]
    details = expect_failure(xenapi, lambda: x.SR.probe(host, dc, "lvmoiscsi", {}), "SR_BACKEND_FAILURE_107")
    doc = xml.dom.minidom.parseString(details[3])
    scsi_ids = texts(doc, "SCSIid")
    sizes = [int(s) for s in texts(doc, "size")]
    print("probe luns=%d sizes=%s" % (len(scsi_ids), ",".join(str(s) for s in sizes)))
    dc["SCSIid"] = scsi_ids[0]
    sr = x.SR.create(host, dc, "0", "witness iscsi", "", "lvmoiscsi", "user", True, {})
    print("created lvmoiscsi physical_size=%s" % x.SR.get_physical_size(sr))


def main():
    xenapi = load_xenapi()
    session = xenapi.Session(os.environ["XAPI_URL"])
    session.xenapi.login_with_password(os.environ["XAPI_USER"], os.environ["XAPI_PASSWORD"], "1.0", "xenwbem-witness")
    print("login ok")
    try:
        step = sys.argv[1]
        if step == "file":
            file_step(session.xenapi)
        else:
            iscsi_step(session.xenapi, xenapi)
    finally:
        session.xenapi.session.logout()
    print("OK")


if __name__ == "__main__":
    main()
