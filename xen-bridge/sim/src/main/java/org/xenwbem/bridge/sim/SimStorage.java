package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The simulator's storage root ({@code --sim-storage DIR}, else a temporary directory deleted on
 * close) and the {@link SimBacking} of each SR: an rbd SR keeps its VDIs in its Ceph pool, a file SR
 * (type {@code file}) in its device-config {@code location}, every other type in
 * {@code <root>/<sr-uuid>/}. An SR's identity is its type and the device-config keys that name its
 * storage (never secrets); SR.probe matches markers by it.
 */
final class SimStorage implements AutoCloseable {
    /** Types whose VDIs are thin files, as FileSR-derived SM drivers keep them. */
    static final List<String> FILE_TYPES = List.of("nfs", "ext", "file", "smb", "iso");
    private static final Map<String, List<String>> IDENTITY_KEYS = Map.of(
            "nfs", List.of("server", "serverpath"), "smb", List.of("server"), "iso", List.of("location"),
            "file", List.of("location"), "rbd", List.of("pool"), "ext", List.of("device"),
            "lvm", List.of("device"), "lvmohba", List.of("SCSIid", "device"),
            "lvmoiscsi", List.of("target", "port", "targetIQN", "SCSIid"));

    private final Path root;
    private final boolean owned;
    private final Map<String, SimBacking> bySr = new ConcurrentHashMap<>();

    SimStorage(Path root, boolean owned) {
        this.root = root.toAbsolutePath();
        this.owned = owned;
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the simulator's storage root " + root, e);
        }
    }

    /** A storage root in a new temporary directory, deleted by {@link #close()}. */
    static SimStorage temporary() {
        try {
            return new SimStorage(Files.createTempDirectory("xenwbem-sim-storage"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    /** The identity of an SR's storage: its type and the naming keys of its device-config, sorted. */
    static String identity(String type, Map<String, ?> deviceConfig) {
        Map<String, String> keys = new TreeMap<>();
        for (String k : IDENTITY_KEYS.getOrDefault(type, List.of("device"))) {
            Object v = deviceConfig.get(k);
            if (v != null && !String.valueOf(v).isEmpty()) {
                keys.put(k, String.valueOf(v));
            }
        }
        return type + " " + keys;
    }

    /** The back end an SR of {@code type} with {@code deviceConfig} uses (no I/O yet). */
    SimBacking backing(String srUuid, String type, Map<String, ?> deviceConfig) {
        if ("rbd".equals(type)) {
            return SimRbdBacking.of(deviceConfig);
        }
        if ("file".equals(type)) {
            Object location = deviceConfig.get("location");
            if (location == null || String.valueOf(location).isBlank()) {
                throw new SimFault("SR_BACKEND_FAILURE_94", "", "The request is missing the location parameter", "");
            }
            return new SimFileBacking(Path.of(String.valueOf(location)).toAbsolutePath());
        }
        return new SimFileBacking(root.resolve(srUuid));
    }

    /** The back end of an existing SR (reads its type and first PBD's device-config under the monitor). */
    SimBacking of(SimDatabase db, String srRef) {
        return db.atomically(() -> {
            String uuid = (String) db.get(SimDevices.SR, srRef, "uuid");
            SimBacking known = bySr.get(uuid);
            if (known != null) {
                return known;
            }
            Map<String, Object> dc = deviceConfig(db, srRef);
            SimBacking b = backing(uuid, (String) db.get(SimDevices.SR, srRef, "type"), dc);
            if (!dc.isEmpty()) {
                bySr.put(uuid, b);
                mount(uuid, b);
            }
            return b;
        });
    }

    /** The device-config of the SR's first PBD (empty when it has none). */
    static Map<String, Object> deviceConfig(SimDatabase db, String srRef) {
        for (Object pbd : (List<?>) db.get(SimDevices.SR, srRef, "PBDs")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> dc = (Map<String, Object>) db.get("PBD", (String) pbd, "device_config");
            return dc;
        }
        return Map.of();
    }

    /**
     * A file SR whose {@code location} is elsewhere is also reachable as {@code <root>/<sr-uuid>} (a
     * symbolic link, as xapi bind-mounts it under {@code /var/run/sr-mount}), so the offload layer finds
     * every file SR's disks under the one mount root.
     */
    void mount(String srUuid, SimBacking b) {
        if (b instanceof SimFileBacking f && !f.dir().equals(root.resolve(srUuid))) {
            Path link = root.resolve(srUuid);
            try {
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, f.dir());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot link " + link + " to the SR's location", e);
            }
        }
    }

    /** Forgets the cached back end of an SR (after SR.forget or SR.destroy) and unlinks its mount. */
    void drop(String srUuid) {
        bySr.remove(srUuid);
        Path link = root.resolve(srUuid);
        try {
            if (Files.isSymbolicLink(link)) {
                Files.delete(link);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The uuids of SRs under the root whose marker has {@code identity} (SR.probe for non-file types). */
    List<String> probeRoot(String identity) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : (Iterable<Path>) dirs.sorted()::iterator) {
                Properties p = Files.isDirectory(d) ? SimFileBacking.marker(d) : null;
                if (p != null && identity.equals(p.getProperty("identity"))) {
                    out.add(p.getProperty("uuid"));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        bySr.clear();
        if (!owned) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
