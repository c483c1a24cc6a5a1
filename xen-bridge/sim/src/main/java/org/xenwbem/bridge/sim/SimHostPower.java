package org.xenwbem.bridge.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host power as xapi does it (Xapi_host.shutdown_and_reboot_common, power_on; Xapi_host_helpers'
 * allowed operations): {@code host.shutdown} and {@code host.reboot} are refused while a guest is resident
 * (HOST_IN_USE [host; "vm"; vm]), while the host is enabled (HOST_NOT_DISABLED) and on a host that is down
 * (HOST_NOT_LIVE). Shutdown leaves the host's metrics not live, with only {@code power_on} allowed; reboot
 * does the same, then after the boot time brings it back live and enabled, as a rebooted host's xapi
 * re-enables it. {@code host.power_on} wakes a halted host (HOST_IS_LIVE on a running one,
 * HOST_POWER_ON_MODE_DISABLED without a power-on mode), which comes up after the boot time. Every step is
 * a database change, so {@code event.from} shows a host leaving and rejoining.
 */
final class SimHostPower {
    private static final Logger LOG = LoggerFactory.getLogger(SimHostPower.class);
    private static final String HOST = "host";
    static final List<String> UP_OPERATIONS = List.of("provision", "evacuate", "shutdown", "reboot", "vm_start",
            "vm_resume", "vm_migrate");

    private final SimDatabase db;
    private final Duration bootTime;

    SimHostPower(SimDatabase db, Duration bootTime) {
        this.db = db;
        this.bootTime = bootTime;
    }

    static List<String> permissions() {
        return List.of("host.shutdown", "host.reboot", "host.power_on");
    }

    void register(Map<String, SimMethod> m) {
        m.put("host.shutdown", SimMethod.action(2, "host.shutdown", (s, a) -> down(SimArgs.str(a, 0), false)));
        m.put("host.reboot", SimMethod.action(2, "host.reboot", (s, a) -> down(SimArgs.str(a, 0), true)));
        m.put("host.power_on", SimMethod.action(2, "host.power_on", (s, a) -> powerOn(SimArgs.str(a, 0))));
    }

    /** True while the host's xapi heart-beats. */
    boolean live(String host) {
        return Boolean.TRUE.equals(db.get("host_metrics", (String) db.get(HOST, host, "metrics"), "live"));
    }

    private Object down(String host, boolean reboot) {
        db.atomically(() -> {
            db.record(HOST, host);
            if (!live(host)) {
                throw new SimFault("HOST_NOT_LIVE");
            }
            for (Object vm : (List<?>) db.get(HOST, host, "resident_VMs")) {
                if (!Boolean.TRUE.equals(db.get("VM", (String) vm, "is_control_domain"))) {
                    throw new SimFault("HOST_IN_USE", host, "vm", (String) vm);
                }
            }
            if (Boolean.TRUE.equals(db.get(HOST, host, "enabled"))) {
                throw new SimFault("HOST_NOT_DISABLED");
            }
            setLive(host, false);
            db.set(HOST, host, "allowed_operations", List.of("power_on"));
            return null;
        });
        if (reboot) {
            comeUpLater(host);
        }
        return "";
    }

    private Object powerOn(String host) {
        db.atomically(() -> {
            db.record(HOST, host);
            if (live(host)) {
                throw new SimFault("HOST_IS_LIVE", host);
            }
            if ("".equals(db.get(HOST, host, "power_on_mode"))) {
                throw new SimFault("HOST_POWER_ON_MODE_DISABLED");
            }
            db.set(HOST, host, "allowed_operations", List.of());
            return null;
        });
        comeUpLater(host);
        return "";
    }

    /** The host boots: after {@code bootTime} its metrics are live, it is enabled and its boot time is now. */
    private void comeUpLater(String host) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(bootTime.toMillis());
                db.atomically(() -> {
                    setLive(host, true);
                    db.set(HOST, host, "enabled", true);
                    db.set(HOST, host, "allowed_operations", UP_OPERATIONS);
                    db.putInMap(HOST, host, "other_config", "boot_time", Instant.now().getEpochSecond() + ".");
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.debug("simulated host {} did not come back: {}", host, e.toString());
            }
        }, "sim-host-boot");
        t.setDaemon(true);
        t.start();
    }

    private void setLive(String host, boolean live) {
        String metrics = (String) db.get(HOST, host, "metrics");
        db.set("host_metrics", metrics, "live", live);
        db.set("host_metrics", metrics, "last_updated", Instant.now());
    }
}
