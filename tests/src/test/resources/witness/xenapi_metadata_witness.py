#!/usr/bin/env python3
"""XenAPI metadata witness: Debian's XenAPI.py (python3-os-xenapi) and Python's own tarfile and
xmlrpc.client read the simulated pool's /export_metadata as a client of xapi would, and the tar goes back
through PUT /import_metadata with a task of the caller's (as the Transfer VM's remap_vm did).

Reads XAPI_URL, XAPI_USER, XAPI_PASSWORD. Prints one line per step and exits 0 when every step passed.
"""
import importlib.util
import io
import os
import tarfile
import time
import urllib.parse
import urllib.request
import xmlrpc.client

XENAPI_PY = os.environ.get("XENAPI_PY", "/usr/lib/python3/dist-packages/os_xenapi/client/XenAPI.py")


def load_xenapi():
    spec = importlib.util.spec_from_file_location("XenAPI", XENAPI_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def value(fragment):
    wrapped = "<methodResponse><params><param>" + fragment + "</param></params></methodResponse>"
    return xmlrpc.client.loads(wrapped)[0][0]


def url(base, path, **query):
    return base.rstrip("/") + path + "?" + urllib.parse.urlencode(query)


def main():
    xenapi = load_xenapi()
    base = os.environ["XAPI_URL"]
    session = xenapi.Session(base)
    session.login_with_password(os.environ["XAPI_USER"], os.environ["XAPI_PASSWORD"], "1.0", "xenwbem-witness")
    x = session.xenapi
    try:
        print("login ok")
        vm = [r for r, v in x.VM.get_all_records().items()
              if not v["is_a_template"] and not v["is_control_domain"] and not v["is_a_snapshot"]][0]
        x.VM.snapshot(vm, "w1")
        x.VM.snapshot(vm, "w2")
        with urllib.request.urlopen(url(base, "/export_metadata", session_id=session._session, ref=vm)) as r:
            data = r.read()
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            ova = tar.extractfile("ova.xml").read().decode("utf-8")
        md = value(ova)
        classes = {}
        for o in md["objects"]:
            classes.setdefault(o["class"], []).append(o)
        snaps = [o for o in classes["VM"] if o["snapshot"]["is_a_snapshot"]]
        assert all(s["snapshot"]["snapshot_of"] == vm for s in snaps), "snapshot_of names the exported VM"
        print("exported vms=%d snapshots=%d vdis=%d srs=%d vifs=%d" % (len(classes["VM"]), len(snaps),
              len(classes.get("VDI", [])), len(classes.get("SR", [])), len(classes.get("VIF", []))))
        task = x.task.create("witness import", "")
        req = urllib.request.Request(url(base, "/import_metadata", session_id=session._session, task_id=task,
                                         force="true"), data=data, method="PUT")
        urllib.request.urlopen(req).read()
        while x.task.get_status(task) == "pending":
            time.sleep(0.05)
        assert x.task.get_status(task) == "success", x.task.get_error_info(task)
        made = value(x.task.get_result(task))
        x.task.destroy(task)
        new_vm = made[0]
        parent = x.VM.get_parent(new_vm)
        print("imported vms=%d parent=%s" % (len(made), x.VM.get_name_label(parent)))
        assert x.VM.get_snapshot_of(parent) == new_vm
        print("OK")
    finally:
        session.xenapi.session.logout()


if __name__ == "__main__":
    main()
