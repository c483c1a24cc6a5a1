package org.xenwbem.bridge.storage;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.storage.ArrayConfig.ArrayConfigException;
import org.xenwbem.bridge.storage.ArrayConfig.Section;
import org.xenwbem.tls.OutboundTrust;
import org.xenwbem.tls.TlsConfigException;

/**
 * Chooses each SR's adapter from its type and device-config and the operator's {@link ArrayConfig}:
 * an {@code [ontap]} section naming the SR (or its NFS server) first; an {@code rbd} SR with a
 * {@code pool}; a file-based SR ({@code nfs}, {@code ext}, {@code smb}, {@code file}) whose directory
 * exists under the mount root (a {@code file} SR: its {@code location}) gets the reflink adapter, whose
 * probe decides whether anything is offloaded. One adapter per SR, kept.
 */
public final class ArrayAdapters implements AdapterSource {
    private static final Logger LOG = LoggerFactory.getLogger(ArrayAdapters.class);
    private static final Set<String> FILE_SRS = Set.of("nfs", "ext", "smb", "file");

    private final ArrayConfig config;
    private final Path mountRoot;
    private final String fileFormat;
    private final Map<String, Optional<StorageAdapter>> bySr = new ConcurrentHashMap<>();

    /**
     * {@code mountRoot}: where file SRs are mounted, {@code <root>/<sr-uuid>} (the daemon's --sr-mount-root);
     * new disks on file SRs are {@code .vhd} files, as xapi's file-based SRs keep them.
     */
    public ArrayAdapters(ArrayConfig config, Path mountRoot) {
        this(config, mountRoot, "vhd");
    }

    /**
     * {@code fileFormat}: the format ({@code vhd} or {@code raw}) the pool's file SRs keep their disks in, the
     * extension of a disk the reflink adapter creates; the operator's {@code [reflink] format} overrides it.
     * The simulated pool keeps raw files ({@code <uuid>.raw}), real xapi VHD files.
     */
    public ArrayAdapters(ArrayConfig config, Path mountRoot, String fileFormat) {
        if (!"vhd".equals(fileFormat) && !"raw".equals(fileFormat)) {
            throw new IllegalArgumentException("file SR disk format must be vhd or raw: " + fileFormat);
        }
        this.config = config;
        this.mountRoot = mountRoot;
        this.fileFormat = fileFormat;
    }

    @Override
    public Optional<StorageAdapter> forSr(SrDisk.Sr sr) {
        return bySr.computeIfAbsent(sr.uuid(), u -> choose(sr));
    }

    private Optional<StorageAdapter> choose(SrDisk.Sr sr) {
        for (Section s : config.sections("ontap")) {
            if (serves(s, sr)) {
                try {
                    return Optional.of(ontap(s, sr));
                } catch (ArrayConfigException e) {
                    LOG.warn("array {} is not used for SR {}: {}", s.name(), sr.uuid(), e.getMessage());
                    return Optional.empty();
                }
            }
        }
        Map<String, String> dc = sr.deviceConfig();
        if ("rbd".equals(sr.type()) && config.enabled("rbd") && dc.containsKey("pool")) {
            return Optional.of(new RbdAdapter(new RbdCli.Target(dc.get("conf"), dc.get("pool"), dc.get("user"),
                    dc.get("keyring")), !"cli".equals(config.value("rbd", "client", "librbd"))));
        }
        if (FILE_SRS.contains(sr.type()) && config.enabled("reflink")) {
            Path dir = "file".equals(sr.type()) && dc.containsKey("location") ? Path.of(dc.get("location"))
                    : mountRoot.resolve(sr.uuid());
            if (Files.isDirectory(dir)) {
                return Optional.of(new ReflinkAdapter(dir, config.value("reflink", "format", fileFormat)));
            }
        }
        return Optional.empty();
    }

    private static boolean serves(Section s, SrDisk.Sr sr) {
        boolean listed = Arrays.stream(s.get("srs", "").split("[,\\s]+")).anyMatch(sr.uuid()::equals);
        String server = s.get("nfs_server", "");
        return listed || "nfs".equals(sr.type()) && !server.isEmpty() && server.equals(sr.deviceConfig().get("server"));
    }

    private static OntapAdapter ontap(Section s, SrDisk.Sr sr) throws ArrayConfigException {
        String address = s.require("address");
        OntapRest rest = new OntapRest(URI.create("https://" + hostPart(address) + ":" + s.get("port", "443") + "/"),
                s.require("username"), s.require("password"), trust(s),
                Duration.ofSeconds(Long.parseLong(s.get("job_timeout_seconds", "600"))));
        return new OntapAdapter(rest, s.require("svm"), s.require("volume"), sr.deviceConfig().getOrDefault("serverpath",
                "/"), sr.uuid(), s.get("format", "vhd"));
    }

    private static String hostPart(String address) {
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }

    /** The array's certificate: a CA (or its own certificate) file, and/or a SHA-256 pin; one is required. */
    private static OutboundTrust trust(Section s) throws ArrayConfigException {
        String ca = s.get("ca_file", "");
        String pin = s.get("cert_sha256", "");
        if (ca.isEmpty() && pin.isEmpty()) {
            throw new ArrayConfigException("[ontap " + s.name() + "] needs ca_file or cert_sha256: the array's"
                    + " certificate is always verified");
        }
        try {
            return OutboundTrust.of(ca.isEmpty() ? null : Path.of(ca), pin.isEmpty() ? Set.of() : Set.of(pin));
        } catch (TlsConfigException e) {
            throw new ArrayConfigException("[ontap " + s.name() + "]: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "array adapters (" + config + ", file SRs under " + mountRoot + ", new file disks " + fileFormat + ")";
    }
}
