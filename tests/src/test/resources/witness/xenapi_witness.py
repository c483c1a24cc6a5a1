#!/usr/bin/env python3
"""XenAPI fidelity witness: Debian's XenAPI.py (python3-os-xenapi) against a pool.

Reads XAPI_URL, XAPI_USER, XAPI_PASSWORD and optionally XAPI_TEST_VM (name label of a disposable,
halted VM to start and shut down). Logs in, lists records, runs an async VM start with task polling,
follows event.from until the start is reported, creates a diskless VM with VM.create, configures it
with the setters, checks a bad record fails with FIELD_TYPE_ERROR, destroys it, checks the pool HA setters refuse bad
input (without turning HA on), logs out. Prints one line per step and exits 0 when
every step passed. Runs unchanged against the simulator and against a real pool.
"""
import importlib.util
import os
import sys
import time

XENAPI_PY = os.environ.get("XENAPI_PY", "/usr/lib/python3/dist-packages/os_xenapi/client/XenAPI.py")


def load_xenapi():
    # by file path: the package's __init__ imports pbr, which the witness does not need
    spec = importlib.util.spec_from_file_location("XenAPI", XENAPI_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def event_from(x, classes, token, timeout):
    return getattr(x.event, "from")(classes, token, float(timeout))


def start_and_follow(x, name, token):
    vm = x.VM.get_by_name_label(name)[0]
    uuid = x.VM.get_uuid(vm)
    task = x.Async.VM.start(vm, False, False)
    progress = 0.0
    while x.task.get_status(task) == "pending":
        progress = max(progress, float(x.task.get_progress(task)))
        time.sleep(0.05)
    status = x.task.get_status(task)
    if status != "success":
        raise SystemExit("task ended %s: %s" % (status, x.task.get_error_info(task)))
    result = x.task.get_result(task)
    x.task.destroy(task)
    print("task success result=%r" % result)
    assert x.VM.get_power_state(vm) == "Running"
    deadline = time.time() + 15
    while time.time() < deadline:
        batch = event_from(x, ["vm"], token, 5.0)
        token = batch["token"]
        for ev in batch["events"]:
            snap = ev.get("snapshot") or {}
            if ev["class"] == "vm" and snap.get("uuid") == uuid and snap.get("power_state") == "Running":
                print("event vm %s power_state=Running" % ev["operation"])
                x.VM.hard_shutdown(vm)
                return
    raise SystemExit("event.from never reported the VM running")


def create_configure_destroy(XenAPI, x):
    record = {
        "name_label": "witness-created", "name_description": "VM.create from XenAPI.py",
        "user_version": "1", "is_a_template": False, "affinity": "OpaqueRef:NULL",
        "memory_static_min": str(256 << 20), "memory_dynamic_min": str(256 << 20),
        "memory_dynamic_max": str(256 << 20), "memory_static_max": str(512 << 20),
        "VCPUs_params": {}, "VCPUs_max": "2", "VCPUs_at_startup": "1",
        "actions_after_shutdown": "destroy", "actions_after_reboot": "restart", "actions_after_crash": "restart",
        "PV_bootloader": "", "PV_kernel": "", "PV_ramdisk": "", "PV_args": "", "PV_bootloader_args": "",
        "PV_legacy_args": "", "HVM_boot_policy": "BIOS order", "HVM_boot_params": {"order": "cd"},
        "platform": {"acpi": "1"}, "PCI_bus": "", "other_config": {}, "recommendations": "",
    }
    vm = x.VM.create(record)
    try:
        assert x.VM.get_power_state(vm) == "Halted"
        assert x.VM.get_is_a_template(vm) is False
        x.VM.set_PV_args(vm, "quiet")
        x.VM.set_platform(vm, {"acpi": "1", "viridian": "true"})
        x.VM.set_HVM_boot_params(vm, {"order": "dc"})
        x.VM.set_actions_after_crash(vm, "preserve")
        x.VM.set_VCPUs_params(vm, {"weight": "512"})
        r = x.VM.get_record(vm)
        assert r["PV_args"] == "quiet", r["PV_args"]
        assert r["platform"]["viridian"] == "true", r["platform"]
        assert r["HVM_boot_params"] == {"order": "dc"}, r["HVM_boot_params"]
        assert r["actions_after_crash"] == "preserve", r["actions_after_crash"]
        assert r["VCPUs_params"] == {"weight": "512"}, r["VCPUs_params"]
        print("create ok setters ok")
    finally:
        x.VM.destroy(vm)
    bad = dict(record, actions_after_crash="explode")
    try:
        x.VM.create(bad)
        raise SystemExit("expected FIELD_TYPE_ERROR")
    except XenAPI.Failure as f:
        assert f.details[0] == "FIELD_TYPE_ERROR", f.details
        print("create failure %s %s" % (f.details[0], f.details[1]))


def rename_and_restore(XenAPI, x):
    """The setters behind xenwbem's Put: names of network, SR, VDI, pool and host, other-config keys."""
    for cls in ("network", "SR", "VDI", "pool", "host"):
        api = getattr(x, cls)
        ref = api.get_all()[0]
        label, description = api.get_name_label(ref), api.get_name_description(ref)
        api.set_name_label(ref, "witness-" + cls)
        api.set_name_description(ref, "renamed by XenAPI.py")
        assert api.get_name_label(ref) == "witness-" + cls, api.get_name_label(ref)
        assert api.get_name_description(ref) == "renamed by XenAPI.py"
        api.set_name_label(ref, label)
        api.set_name_description(ref, description)
    net = x.network.get_all()[0]
    x.network.add_to_other_config(net, "xenwbem-witness", "1")
    try:
        x.network.add_to_other_config(net, "xenwbem-witness", "2")
        raise SystemExit("expected MAP_DUPLICATE_KEY")
    except XenAPI.Failure as f:
        assert f.details[0] == "MAP_DUPLICATE_KEY", f.details
    finally:
        x.network.remove_from_other_config(net, "xenwbem-witness")
    assert "xenwbem-witness" not in x.network.get_other_config(net)
    print("names ok other_config ok")


def expect_failure(XenAPI, code, call, *args):
    try:
        call(*args)
        raise SystemExit("expected " + code)
    except XenAPI.Failure as f:
        assert f.details[0] == code, f.details


def network_vlan(XenAPI, x):
    """What the switch service does: network.create, VLAN.create on a host NIC (a bad tag refused), a network
    with a PIF not destroyed, VLAN.destroy then network.destroy."""
    pifs = x.PIF.get_all_records()
    nic = sorted(r for r, p in pifs.items() if p["physical"] and p["VLAN"] == "-1"
                 and p["bond_slave_of"] == "OpaqueRef:NULL")[0]
    net = x.network.create({"name_label": "witness-switch", "name_description": "XenAPI.py", "MTU": "1500",
                            "other_config": {}})
    try:
        expect_failure(XenAPI, "VLAN_TAG_INVALID", x.VLAN.create, nic, "4095", net)
        vlan = x.VLAN.create(nic, "3999", net)
        untagged = x.VLAN.get_untagged_PIF(vlan)
        assert x.PIF.get_VLAN(untagged) == "3999", x.PIF.get_record(untagged)
        assert x.network.get_PIFs(net) == [untagged]
        expect_failure(XenAPI, "NETWORK_CONTAINS_PIF", x.network.destroy, net)
        x.VLAN.destroy(vlan)
        print("network ok vlan ok")
    finally:
        x.network.destroy(net)


def pool_ha_refusals(XenAPI, x):
    """What Xen_HostPool relies on, without disturbing a real pool: the failures-to-tolerate setter refuses a
    negative count, disable_ha refuses while HA is off, and an unchanged count is written back."""
    pool = x.pool.get_all()[0]
    if x.pool.get_ha_enabled(pool):
        print("pool ha is on: refusals skipped")
        return
    expect_failure(XenAPI, "INVALID_VALUE", x.pool.set_ha_host_failures_to_tolerate, pool, "-1")
    expect_failure(XenAPI, "HA_NOT_ENABLED", x.pool.disable_ha)
    count = x.pool.get_ha_host_failures_to_tolerate(pool)
    x.pool.set_ha_host_failures_to_tolerate(pool, count)
    print("pool ha refusals ok")


def main():
    XenAPI = load_xenapi()
    session = XenAPI.Session(os.environ["XAPI_URL"])
    session.xenapi.login_with_password(os.environ["XAPI_USER"], os.environ["XAPI_PASSWORD"])
    x = session.xenapi
    print("login ok")
    vms = x.VM.get_all_records()
    hosts = x.host.get_all_records()
    print("records vms=%d hosts=%d" % (len(vms), len(hosts)))
    assert any(r["is_control_domain"] for r in vms.values())
    first = event_from(x, ["vm", "task"], "", 0.0)
    print("event token %s events=%d" % (first["token"], len(first["events"])))
    name = os.environ.get("XAPI_TEST_VM")
    if name:
        start_and_follow(x, name, first["token"])
    else:
        print("no XAPI_TEST_VM: power operations skipped")
    create_configure_destroy(XenAPI, x)
    rename_and_restore(XenAPI, x)
    network_vlan(XenAPI, x)
    pool_ha_refusals(XenAPI, x)
    try:
        x.VM.get_record("OpaqueRef:00000000-0000-0000-0000-000000000000")
        raise SystemExit("expected HANDLE_INVALID")
    except XenAPI.Failure as f:
        assert f.details[0] == "HANDLE_INVALID", f.details
        print("failure %s" % f.details[0])
    x.session.logout()
    print("OK")


if __name__ == "__main__":
    main()
