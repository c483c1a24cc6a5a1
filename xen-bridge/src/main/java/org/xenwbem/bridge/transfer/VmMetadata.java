package org.xenwbem.bridge.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.xmlrpc.XmlRpcFormatException;
import org.xenwbem.bridge.xmlrpc.XmlRpcReader;
import org.xenwbem.bridge.xmlrpc.XmlRpcWriter;

/**
 * A VM's metadata as xapi's {@code GET /export_metadata} writes it and {@code PUT /import_metadata} reads
 * it (xenapi.md §4; the shape of xapi's export): a tar holding one file, {@code ova.xml}, whose content
 * is one XML-RPC value, a struct {@code {version: {...}, objects: [{class, id, snapshot}, ...]}} where
 * {@code id} is the object's ref in the exporting pool and {@code snapshot} its record (refs to the
 * other exported objects by that id). A VM exported with its snapshots lists the VM, its snapshots,
 * their VBDs, VDIs, SRs, VIFs and networks; VDIs are found again on import by SR uuid and
 * {@code location} (what the Transfer VM's {@code remap_vm} rewrote, anchor §8.2).
 * The tar is read with bounds: at most {@link #MAX_BYTES}, every header checked.
 */
public final class VmMetadata {
    /** The largest metadata accepted (a VM with thousands of snapshots stays far below it). */
    public static final int MAX_BYTES = 16 << 20;
    static final String OVA = "ova.xml";
    private static final int BLOCK = 512;

    private final Map<String, Object> root;

    private VmMetadata(Map<String, Object> root) {
        this.root = root;
    }

    /** An exported disk: its uuid in the exporting pool, size and names. */
    public record Disk(String uuid, long virtualSize, String name, String description) {
    }

    /** Where an exported disk now lives: the SR's uuid and the VDI's location in it. */
    public record Target(String srUuid, String location) {
    }

    /** The metadata of {@code objects} (each {class, id, snapshot}) under xapi's version header. */
    public static VmMetadata of(Map<String, Object> version, List<Map<String, Object>> objects) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("version", version);
        r.put("objects", new ArrayList<Object>(objects));
        return new VmMetadata(r);
    }

    /** Reads the tar (trailing zero blocks, as a disk holding it has, are fine); IOException when it is not one. */
    public static VmMetadata read(InputStream tar) throws IOException {
        String xml = ovaXml(tar);
        try {
            if (new XmlRpcReader().readValueFragment(xml) instanceof Map<?, ?> m && m.get("objects") instanceof List<?>) {
                return new VmMetadata(cast(m));
            }
        } catch (XmlRpcFormatException e) {
            throw new IOException("ova.xml is not an XML-RPC value: " + e.getMessage(), e);
        }
        throw new IOException("ova.xml has no objects");
    }

    /** The objects, each {class, id, snapshot}. */
    public List<Map<String, Object>> objects() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<?>) root.get("objects")) {
            if (o instanceof Map<?, ?> m && m.get("snapshot") instanceof Map<?, ?> && m.get("id") instanceof String) {
                out.add(cast(m));
            }
        }
        return out;
    }

    /** The records of one class by their exported id. */
    public Map<String, Map<String, Object>> records(String cls) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map<String, Object> o : objects()) {
            if (cls.equals(o.get("class"))) {
                out.put((String) o.get("id"), cast(o.get("snapshot")));
            }
        }
        return out;
    }

    /** The disks the VMs' disk VBDs use, in export order, each once. */
    public List<Disk> disks() {
        Map<String, Map<String, Object>> vdis = records("VDI");
        Map<String, Disk> out = new LinkedHashMap<>();
        for (Map<String, Object> vbd : records("VBD").values()) {
            Map<String, Object> vdi = vdis.get(String.valueOf(vbd.get("VDI")));
            if ("Disk".equals(vbd.get("type")) && vdi != null && vdi.get("uuid") instanceof String u) {
                out.putIfAbsent(u, new Disk(u, number(vdi.get("virtual_size")), str(vdi.get("name_label")),
                        str(vdi.get("name_description"))));
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The metadata with each mapped disk pointing at its new place (its record's SR and location), as the
     * Transfer VM's {@code remap_vm} did; disks not in {@code map} are left as they were.
     */
    public VmMetadata remapped(Map<String, Target> map) {
        List<Map<String, Object>> objects = new ArrayList<>();
        Map<String, String> srIds = new LinkedHashMap<>();
        for (Map<String, Object> o : objects()) {
            Map<String, Object> rec = new LinkedHashMap<>(cast(o.get("snapshot")));
            Target t = "VDI".equals(o.get("class")) ? map.get(str(rec.get("uuid"))) : null;
            if (t != null) {
                String srId = srIds.computeIfAbsent(t.srUuid(), u -> "OpaqueRef:xenwbem-import-sr-" + u);
                rec.put("SR", srId);
                rec.put("location", t.location());
            }
            Map<String, Object> copy = new LinkedHashMap<>(o);
            copy.put("snapshot", rec);
            objects.add(copy);
        }
        srIds.forEach((uuid, id) -> objects.add(Map.of("class", "SR", "id", id,
                "snapshot", Map.of("uuid", uuid, "name_label", "", "type", "", "content_type", "user"))));
        return of(cast(root.getOrDefault("version", Map.of())), objects);
    }

    /** The ova.xml text. */
    public String ovaXml() {
        return XmlRpcWriter.value(root);
    }

    /** The tar xapi exchanges: ova.xml alone, padded to 10240-byte records. */
    public byte[] toTar() {
        byte[] xml = ovaXml().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(xml.length + 4 * BLOCK);
        byte[] header = new byte[BLOCK];
        put(header, 0, OVA);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", xml.length));
        put(header, 136, String.format("%011o", System.currentTimeMillis() / 1000));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        out.writeBytes(header);
        out.writeBytes(xml);
        out.writeBytes(new byte[(BLOCK - xml.length % BLOCK) % BLOCK]);
        out.writeBytes(new byte[2 * BLOCK]);
        int pad = (10240 - out.size() % 10240) % 10240;
        out.writeBytes(new byte[pad]);
        return out.toByteArray();
    }

    /** The content of the tar's ova.xml, every header checked, at most {@link #MAX_BYTES} read. */
    static String ovaXml(InputStream tar) throws IOException {
        long read = 0;
        while (read < MAX_BYTES) {
            byte[] header = tar.readNBytes(BLOCK);
            if (header.length < BLOCK || isZero(header)) {
                break;
            }
            read += BLOCK;
            String name = field(header, 0, 100);
            long size = octal(header, 124, 12);
            if (size < 0 || size > MAX_BYTES - read) {
                throw new IOException("tar entry " + name + " has an impossible size");
            }
            byte[] body = tar.readNBytes((int) size);
            if (body.length < size) {
                throw new IOException("tar entry " + name + " is cut short");
            }
            tar.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
            read += size + (BLOCK - size % BLOCK) % BLOCK;
            if (OVA.equals(name) || name.endsWith("/" + OVA)) {
                return new String(body, StandardCharsets.UTF_8);
            }
        }
        throw new IOException("no ova.xml in the metadata");
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] h, int at, int len) {
        int end = at;
        while (end < at + len && h[end] != 0) {
            end++;
        }
        return new String(h, at, end - at, StandardCharsets.US_ASCII).trim();
    }

    private static long octal(byte[] h, int at, int len) throws IOException {
        String s = field(h, at, len);
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("a tar header has an unreadable size");
        }
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, at, b.length);
    }

    private static long number(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(o));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    @SuppressWarnings("unchecked")
    static <T> T cast(Object o) {
        return (T) o;
    }
}
