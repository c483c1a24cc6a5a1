package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SR.probe, SR.introduce and SR.get_supported_types. Probe answers as SM's drivers do: an
 * {@code <SRlist>} of the SRs already at the storage the device-config names (a file SR's
 * {@code location}, an rbd pool's marker, or the markers under the storage root for the other types),
 * so that a forgotten SR can be introduced again with its disks; lvmoiscsi first goes through
 * {@link SimIscsi}'s IQN and LUN listings. Introduce makes the SR record only (SR_UUID_EXISTS [uuid]
 * when the uuid is taken); PBD.create, PBD.plug and SR.scan then bring its VDIs back.
 */
final class SimSrProbe {
    private final SimDatabase db;
    private final SimDevices devices;

    SimSrProbe(SimDatabase db, SimDevices devices) {
        this.db = db;
        this.devices = devices;
    }

    void register(Map<String, SimMethod> m) {
        m.put("SR.probe", SimMethod.action(5, "sr.probe", (s, a) -> probe(SimArgs.str(a, 0), SimArgs.struct(a, 1),
                SimArgs.str(a, 2))));
        m.put("SR.introduce", SimMethod.action(8, "sr.introduce", (s, a) -> introduce(SimArgs.str(a, 0),
                SimArgs.str(a, 1), SimArgs.str(a, 2), SimArgs.str(a, 3), SimArgs.str(a, 4), SimArgs.bool(a, 5),
                SimArgs.struct(a, 6))));
        m.put("SR.get_supported_types", SimMethod.read(1, (s, a) -> new ArrayList<>(SimSrs.DRIVERS)));
    }

    /** SR.probe(host, device_config, type, sm_config): the XML of the SRs found. */
    String probe(String host, Map<String, Object> deviceConfig, String type) {
        db.atomically(() -> db.record("host", host));
        if (!SimSrs.DRIVERS.contains(type)) {
            throw new SimFault("SR_UNKNOWN_DRIVER", type);
        }
        if ("lvmoiscsi".equals(type)) {
            SimIscsi.probe(deviceConfig);
        }
        List<String> found = new ArrayList<>();
        try {
            if ("file".equals(type) || "rbd".equals(type)) {
                SimBacking b = devices.storage().backing("probe", type, deviceConfig);
                if ("rbd".equals(type)) {
                    b.list();
                }
                b.srUuid().ifPresent(found::add);
            } else {
                found.addAll(devices.storage().probeRoot(SimStorage.identity(type, deviceConfig)));
            }
        } catch (IOException e) {
            throw SimStorageFaults.backend(47, "The SR is not available", e);
        }
        return srList(found);
    }

    static String srList(List<String> uuids) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" ?>\n<SRlist>\n");
        for (String u : uuids) {
            sb.append("\t<SR>\n\t\t<UUID>").append(SimIscsi.xml(u)).append("</UUID>\n\t</SR>\n");
        }
        return sb.append("</SRlist>\n").toString();
    }

    /** SR.introduce: the record only, no PBDs, sizes 0 until a scan. */
    String introduce(String uuid, String name, String description, String type, String contentType, boolean shared,
                     Map<String, Object> smConfig) {
        if (!SimFileBacking.UUID.matcher(uuid).matches()) {
            throw new SimFault("UUID_INVALID", "SR", uuid);
        }
        return db.atomically(() -> {
            if (!SimSrs.DRIVERS.contains(type)) {
                throw new SimFault("SR_UNKNOWN_DRIVER", type);
            }
            if (db.records(SimDevices.SR).values().stream().anyMatch(r -> uuid.equals(r.get("uuid")))) {
                throw new SimFault("SR_UUID_EXISTS", uuid);
            }
            Map<String, Object> rec = SimRecords.sr(uuid, name, type, shared, 0L);
            rec.put("name_description", description);
            rec.put("content_type", contentType);
            rec.put("physical_utilisation", 0L);
            rec.put("sm_config", smConfig);
            return db.create(SimDevices.SR, rec);
        });
    }
}
