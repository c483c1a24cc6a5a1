package org.xenwbem.bridge.sim;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.xenwbem.bridge.jsonrpc.JsonFormatException;
import org.xenwbem.bridge.jsonrpc.JsonReader;

/**
 * An rbd SR: device-config {@code conf} (ceph.conf), {@code pool}, {@code user} (cephx id),
 * {@code keyring}; each VDI is the RBD image {@code VHD-<vdi-uuid>} of that pool, driven through the
 * {@code rbd} CLI (STORAGE-PLAN.md). The SR's marker is the RADOS object {@code xenwbem-sr-metadata}
 * in the pool (one SR per pool). Import goes to a temporary image renamed over the VDI's on success,
 * so a failed import leaves the old content; export streams {@code rbd export - } with bounded memory.
 */
final class SimRbdBacking implements SimBacking {
    static final String PREFIX = "VHD-";
    private static final String MARKER = "xenwbem-sr-metadata";

    private final String conf;
    private final String pool;
    private final String user;
    private final String keyring;

    private SimRbdBacking(String conf, String pool, String user, String keyring) {
        this.conf = conf;
        this.pool = pool;
        this.user = user;
        this.keyring = keyring;
    }

    /** SR_BACKEND_FAILURE_115 (ConfigParamsMissing) unless conf, pool, user and keyring are given. */
    static SimRbdBacking of(Map<String, ?> dc) {
        List<String> missing = new ArrayList<>();
        for (String k : List.of("conf", "pool", "user", "keyring")) {
            if (dc.get(k) == null || String.valueOf(dc.get(k)).isBlank()) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new SimFault("SR_BACKEND_FAILURE_115", "",
                    "Not all required parameters specified. [opterr=missing " + String.join(", ", missing) + "]", "");
        }
        return new SimRbdBacking(String.valueOf(dc.get("conf")), String.valueOf(dc.get("pool")),
                String.valueOf(dc.get("user")), String.valueOf(dc.get("keyring")));
    }

    String pool() {
        return pool;
    }

    /** Whether {@code other} reaches the same cluster as the same user (so {@code rbd cp} can copy between them). */
    boolean sameCluster(SimRbdBacking other) {
        return conf.equals(other.conf) && user.equals(other.user) && keyring.equals(other.keyring);
    }

    /** A thick copy inside the cluster: {@code rbd cp} reads every allocated object and writes it again. */
    void copyFrom(SimRbdBacking src, String srcUuid, String dstUuid) throws IOException {
        delete(dstUuid);
        SimCommand.run(cmd("rbd", "cp", "--no-progress", src.image(srcUuid), image(dstUuid)), null,
                new ByteArrayOutputStream(), SimCommand.DEFAULT_TIMEOUT.multipliedBy(60));
    }

    private List<String> cmd(String tool, String... args) {
        List<String> c = new ArrayList<>(List.of(tool, "--conf", conf, "--id", user, "--keyring", keyring));
        c.addAll(List.of(args));
        return c;
    }

    private String image(String vdiUuid) {
        if (!SimFileBacking.UUID.matcher(vdiUuid).matches()) {
            throw new IllegalArgumentException("not a VDI uuid: " + vdiUuid);
        }
        return pool + "/" + PREFIX + vdiUuid;
    }

    @Override
    public void attach(String srUuid, String identity) throws IOException {
        SimCommand.run(cmd("rbd", "ls", "--format", "json", "-p", pool));
        Properties p = new Properties();
        p.setProperty("uuid", srUuid);
        p.setProperty("identity", identity);
        Path tmp = Files.createTempFile("xenwbem-sr", ".properties");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "xenwbem simulated SR");
            }
            SimCommand.run(cmd("rados", "-p", pool, "put", MARKER, tmp.toString()));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public Optional<String> srUuid() throws IOException {
        String text;
        try {
            text = SimCommand.run(cmd("rados", "-p", pool, "get", MARKER, "-"));
        } catch (IOException e) {
            if (e.getMessage().contains("No such file")) {
                return Optional.empty();
            }
            throw e;
        }
        Properties p = new Properties();
        p.load(new StringReader(text));
        return Optional.ofNullable(p.getProperty("uuid"));
    }

    @Override
    public void detachForever() throws IOException {
        try {
            SimCommand.run(cmd("rados", "-p", pool, "rm", MARKER));
        } catch (IOException e) {
            if (!e.getMessage().contains("No such file")) {
                throw e;
            }
        }
    }

    @Override
    public void create(String vdiUuid, long size) throws IOException {
        try {
            SimCommand.run(cmd("rbd", "create", "--size", size + "B", image(vdiUuid)));
        } catch (IOException e) {
            if (!e.getMessage().contains("exists")) {
                throw e;
            }
            delete(vdiUuid);
            SimCommand.run(cmd("rbd", "create", "--size", size + "B", image(vdiUuid)));
        }
    }

    @Override
    public void delete(String vdiUuid) throws IOException {
        try {
            SimCommand.run(cmd("rbd", "snap", "purge", image(vdiUuid)));
            SimCommand.run(cmd("rbd", "rm", "--no-progress", image(vdiUuid)));
        } catch (IOException e) {
            if (!e.getMessage().contains("No such file")) {
                throw e;
            }
        }
    }

    @Override
    public void describe(String vdiUuid, String name, String description) throws IOException {
        meta(vdiUuid, "xenwbem.name_label", name);
        meta(vdiUuid, "xenwbem.name_description", description);
    }

    /** A new image has no metadata: only what is not empty is set. */
    @Override
    public void describeNew(String vdiUuid, String name, String description) throws IOException {
        if (!name.isEmpty()) {
            meta(vdiUuid, "xenwbem.name_label", name);
        }
        if (!description.isEmpty()) {
            meta(vdiUuid, "xenwbem.name_description", description);
        }
    }

    private void meta(String vdiUuid, String key, String value) throws IOException {
        if (!value.isEmpty()) {
            SimCommand.run(cmd("rbd", "image-meta", "set", image(vdiUuid), key, value));
            return;
        }
        try {
            SimCommand.run(cmd("rbd", "image-meta", "remove", image(vdiUuid), key));
        } catch (IOException e) {
            // not set: nothing to remove
        }
    }

    @Override
    public String[] description(String vdiUuid) throws IOException {
        Map<String, Object> meta = object(json(
                SimCommand.run(cmd("rbd", "image-meta", "list", "--format", "json", image(vdiUuid)))));
        return new String[] {text(meta.get("xenwbem.name_label")),
                text(meta.get("xenwbem.name_description"))};
    }

    @Override
    public void resize(String vdiUuid, long size) throws IOException {
        SimCommand.run(cmd("rbd", "resize", "--no-progress", "--size", size + "B", image(vdiUuid)));
    }

    @Override
    public long allocated(String vdiUuid) throws IOException {
        String json = SimCommand.run(cmd("rbd", "du", "--format", "json", image(vdiUuid)));
        for (Map<String, Object> e : objects(object(json(json)).get("images"))) {
            if ((PREFIX + vdiUuid).equals(e.get("name")) && !e.containsKey("snapshot")) {
                return number(e.get("used_size"));
            }
        }
        return 0;
    }

    /** One {@code rbd du} of the pool (fast with the object-map and fast-diff features rbd create enables). */
    @Override
    public Map<String, Long> allocatedAll() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        Object du = json(SimCommand.run(cmd("rbd", "du", "--format", "json", "-p", pool)));
        for (Map<String, Object> e : objects(object(du).get("images"))) {
            String name = text(e.get("name"));
            if (name.startsWith(PREFIX) && !e.containsKey("snapshot")) {
                out.put(name.substring(PREFIX.length()), number(e.get("used_size")));
            }
        }
        return out;
    }

    @Override
    public Map<String, Long> list() throws IOException {
        return images(SimCommand.run(cmd("rbd", "ls", "-l", "--format", "json", "-p", pool)));
    }

    /**
     * The VDI images (not their snapshots) of an {@code rbd ls -l --format json} answer, by VDI uuid, with
     * their virtual sizes; a COW clone's entry nests its {@code parent} object and is an image like any other.
     */
    static Map<String, Long> images(String lsJson) throws IOException {
        Map<String, Long> out = new TreeMap<>();
        for (Map<String, Object> e : objects(json(lsJson))) {
            String name = text(e.get("image"));
            if (name.startsWith(PREFIX) && !e.containsKey("snapshot")
                    && SimFileBacking.UUID.matcher(name.substring(PREFIX.length())).matches()) {
                out.put(name.substring(PREFIX.length()), number(e.get("size")));
            }
        }
        return out;
    }

    /**
     * A tool's JSON answer ({@code null} when it printed nothing, as {@code rbd image-meta list} does for an
     * image without metadata); anything else is an I/O error naming what was wrong.
     */
    static Object json(String text) throws IOException {
        if (text.isBlank()) {
            return null;
        }
        try {
            return JsonReader.parse(text);
        } catch (JsonFormatException e) {
            throw new IOException("unexpected answer from a Ceph tool: " + e.getMessage(), e);
        }
    }

    /** A JSON object ({@code null}, no answer, is an empty one). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object v) throws IOException {
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IOException("unexpected answer from a Ceph tool: expected a JSON object");
    }

    /** The objects of a JSON array ({@code null}, as in an empty pool's answer, is none). */
    static List<Map<String, Object>> objects(Object v) throws IOException {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IOException("unexpected answer from a Ceph tool: expected a JSON array");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : l) {
            out.add(object(o));
        }
        return out;
    }

    static long number(Object v) throws IOException {
        if (v == null) {
            return 0;
        }
        if (v instanceof Long n) {
            return n;
        }
        throw new IOException("unexpected answer from a Ceph tool: expected an integer, got " + v);
    }

    private static String text(Object v) {
        return v instanceof String s ? s : "";
    }

    @Override
    public void read(String vdiUuid, long length, OutputStream out) throws IOException {
        Bounded bounded = new Bounded(out, length);
        SimCommand.run(cmd("rbd", "export", "--no-progress", image(vdiUuid), "-"), null, bounded,
                SimCommand.DEFAULT_TIMEOUT.multipliedBy(60));
        byte[] zeros = new byte[64 << 10];
        while (bounded.left > 0) {
            int n = (int) Math.min(zeros.length, bounded.left);
            bounded.write(zeros, 0, n);
        }
    }

    @Override
    public long write(String vdiUuid, InputStream data, long limit) throws IOException {
        String tmp = pool + "/" + PREFIX + vdiUuid + ".part";
        long old = list().getOrDefault(vdiUuid, 0L);
        CountingInput counted = new CountingInput(data, limit);
        try {
            SimCommand.run(cmd("rbd", "rm", "--no-progress", tmp));
        } catch (IOException e) {
            // no leftover temporary image
        }
        try {
            SimCommand.run(cmd("rbd", "import", "--no-progress", "-", tmp), counted, new ByteArrayOutputStream(),
                    SimCommand.DEFAULT_TIMEOUT.multipliedBy(60));
            if (old > counted.count) {
                SimCommand.run(cmd("rbd", "resize", "--no-progress", "--size", old + "B", tmp));
            }
            delete(vdiUuid);
            SimCommand.run(cmd("rbd", "mv", tmp, image(vdiUuid)));
            return counted.count;
        } catch (IOException e) {
            try {
                SimCommand.run(cmd("rbd", "rm", "--no-progress", tmp));
            } catch (IOException ignored) {
                // best effort: the import may not have created it
            }
            throw e;
        }
    }

    @Override
    public long capacity() {
        try {
            Object stats = object(json(SimCommand.run(cmd("ceph", "df", "--format", "json")))).get("stats");
            return stats == null ? -1 : number(object(stats).get("total_bytes"));
        } catch (IOException e) {
            return -1;
        }
    }

    /** Passes at most {@code left} bytes on. */
    private static final class Bounded extends FilterOutputStream {
        long left;

        Bounded(OutputStream out, long left) {
            super(out);
            this.left = left;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, left);
            if (n > 0) {
                out.write(b, off, n);
                left -= n;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }
    }

    /** Counts what passes; more than {@code limit} bytes is an error. */
    private static final class CountingInput extends InputStream {
        private final InputStream in;
        private final long limit;
        long count;

        CountingInput(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw new IOException("more data than the VDI's virtual size");
                }
            }
            return n;
        }
    }
}
