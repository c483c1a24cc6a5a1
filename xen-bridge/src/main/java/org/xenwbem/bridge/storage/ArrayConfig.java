package org.xenwbem.bridge.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operator's array configuration, {@code /etc/xenwbem/arrays.conf} ({@code --arrays-config}):
 * sections of {@code key = value} lines, {@code #} comments.
 * <pre>
 * [rbd]
 * enabled = true            # Ceph RBD SRs: clones and snapshots by Ceph (default true)
 * [reflink]
 * enabled = true            # file SRs on XFS/btrfs: FICLONE clones (default true)
 * format = vhd              # extension of new disks: vhd (a real pool) or raw (the simulator)
 * [ontap NAME]              # one NetApp ONTAP cluster serving NFS SRs
 * address = 192.0.2.10      # cluster management address (https)
 * port = 443
 * username = xenwbem
 * password = ...
 * svm = svm1
 * volume = xen_nfs
 * ca_file = /etc/xenwbem/NAME-ca.pem    # and/or
 * cert_sha256 = AB:CD:...               # the array's certificate, pinned
 * srs = SR-UUID, SR-UUID                # or
 * nfs_server = 192.0.2.11               # the SRs whose device-config server is this
 * </pre>
 * The file holds credentials: it is refused unless owned by root and unreadable by group and other.
 * Values stay in memory; {@link #toString()} and {@link Section#toString()} redact passwords.
 */
public final class ArrayConfig {
    /** A {@code [type name]} section. */
    public record Section(String type, String name, Map<String, String> values) {
        public Section {
            values = Map.copyOf(values);
        }

        public String get(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        /** A required key, or a message naming the section and the key. */
        public String require(String key) throws ArrayConfigException {
            String v = values.get(key);
            if (v == null || v.isBlank()) {
                throw new ArrayConfigException("[" + type + (name.isEmpty() ? "" : " " + name) + "] needs " + key);
            }
            return v;
        }

        @Override
        public String toString() {
            Map<String, String> shown = new LinkedHashMap<>();
            values.forEach((k, v) -> shown.put(k, secret(k) ? "(redacted)" : v));
            return "[" + type + (name.isEmpty() ? "" : " " + name) + "] " + shown;
        }

        private static boolean secret(String key) {
            return key.contains("password") || key.contains("secret") || key.contains("token") || key.equals("key");
        }
    }

    /** A refused or malformed array configuration; the message names the file and the fault. */
    public static final class ArrayConfigException extends Exception {
        public ArrayConfigException(String message) {
            super(message);
        }
    }

    private final List<Section> sections;

    private ArrayConfig(List<Section> sections) {
        this.sections = List.copyOf(sections);
    }

    /** No file: RBD and reflink offload on (they need no credentials), no ONTAP array. */
    public static ArrayConfig defaults() {
        return new ArrayConfig(List.of());
    }

    /** Reads and checks the file; a missing file is {@link #defaults()}. */
    public static ArrayConfig load(Path file) throws ArrayConfigException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return defaults();
        }
        checkPrivate(file);
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new ArrayConfigException("cannot read array configuration " + file + ": " + e.getMessage());
        }
    }

    static void checkPrivate(Path file) throws ArrayConfigException {
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new ArrayConfigException("array configuration " + file + " is not a regular file");
            }
            Object uid = Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (!Integer.valueOf(0).equals(uid)) {
                throw new ArrayConfigException("array configuration " + file + " holds array credentials and must be"
                        + " owned by root (it is owned by uid " + uid + "): chown root " + file);
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new ArrayConfigException("array configuration " + file + " holds array credentials and must not"
                        + " be accessible to group or other (it is " + java.nio.file.attribute.PosixFilePermissions
                        .toString(perms) + "): chmod 600 " + file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new ArrayConfigException("cannot check the owner and mode of " + file + ": " + e.getMessage());
        }
    }

    /** Parses the text; {@code origin} names it in messages. */
    static ArrayConfig parse(String text, String origin) throws ArrayConfigException {
        List<Section> out = new ArrayList<>();
        String type = null;
        String name = "";
        Map<String, String> values = new LinkedHashMap<>();
        int n = 0;
        for (String raw : text.split("\r?\n", -1)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                if (type != null) {
                    out.add(new Section(type, name, values));
                }
                String[] head = line.substring(1, line.length() - 1).strip().split("\\s+", 2);
                type = head[0].toLowerCase(java.util.Locale.ROOT);
                name = head.length > 1 ? head[1] : "";
                values = new LinkedHashMap<>();
                continue;
            }
            int eq = line.indexOf('=');
            if (type == null || eq <= 0) {
                throw new ArrayConfigException(origin + " line " + n + ": expected [section] or key = value");
            }
            values.put(line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), line.substring(eq + 1).strip());
        }
        if (type != null) {
            out.add(new Section(type, name, values));
        }
        return new ArrayConfig(out);
    }

    public List<Section> sections(String type) {
        return sections.stream().filter(s -> s.type().equals(type)).toList();
    }

    /** {@code [type] enabled}, default true. */
    public boolean enabled(String type) {
        return sections(type).stream().allMatch(s -> !"false".equalsIgnoreCase(s.get("enabled", "true")));
    }

    /** The first {@code [type]} section's value, or the fallback. */
    public String value(String type, String key, String fallback) {
        return sections(type).stream().map(s -> s.values().get(key)).filter(v -> v != null).findFirst()
                .orElse(fallback);
    }

    @Override
    public String toString() {
        return sections.toString();
    }
}
