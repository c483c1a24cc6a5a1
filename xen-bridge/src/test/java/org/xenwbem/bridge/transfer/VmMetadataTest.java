package org.xenwbem.bridge.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata tar: written and read back (trailing zeros of the disk holding it included), remapped, hostile tars refused. */
class VmMetadataTest {
    private static VmMetadata sample() {
        return VmMetadata.of(Map.of("export_vsn", 2), List.of(
                Map.of("class", "VM", "id", "OpaqueRef:vm", "snapshot", Map.of("uuid", "v", "name_label", "a & <b>")),
                Map.of("class", "VBD", "id", "OpaqueRef:vbd", "snapshot", Map.of("VM", "OpaqueRef:vm", "VDI",
                        "OpaqueRef:vdi", "type", "Disk")),
                Map.of("class", "VDI", "id", "OpaqueRef:vdi", "snapshot", Map.of("uuid", "d", "virtual_size", 4096L,
                        "name_label", "disk", "SR", "OpaqueRef:sr", "location", "d")),
                Map.of("class", "SR", "id", "OpaqueRef:sr", "snapshot", Map.of("uuid", "s"))));
    }

    @Test
    void roundTripThroughADiskWithTrailingZeros() throws Exception {
        byte[] tar = sample().toTar();
        assertEquals(0, tar.length % 10240);
        byte[] onDisk = Arrays.copyOf(tar, tar.length + (1 << 20));
        VmMetadata back = VmMetadata.read(new ByteArrayInputStream(onDisk));
        assertEquals("a & <b>", back.records("VM").get("OpaqueRef:vm").get("name_label"));
        assertEquals(List.of(new VmMetadata.Disk("d", 4096, "disk", "")), back.disks());
        VmMetadata moved = back.remapped(Map.of("d", new VmMetadata.Target("new-sr", "new-loc")));
        Map<String, Object> vdi = moved.records("VDI").get("OpaqueRef:vdi");
        assertEquals("new-loc", vdi.get("location"));
        assertEquals("new-sr", moved.records("SR").get(String.valueOf(vdi.get("SR"))).get("uuid"));
    }

    @Test
    void hostileTarsAreRefused() {
        byte[] tar = sample().toTar();
        byte[] huge = tar.clone();
        byte[] size = String.format("%011o", 1L << 40).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, huge, 124, size.length);
        assertThrows(IOException.class, () -> VmMetadata.read(new ByteArrayInputStream(huge)));
        assertThrows(IOException.class, () -> VmMetadata.read(new ByteArrayInputStream(Arrays.copyOf(tar, 700))));
        assertThrows(IOException.class, () -> VmMetadata.read(new ByteArrayInputStream(new byte[4096])));
        byte[] notOctal = tar.clone();
        notOctal[125] = 'x';
        assertThrows(IOException.class, () -> VmMetadata.read(new ByteArrayInputStream(notOctal)));
        byte[] notXml = tar.clone();
        notXml[512] = '{';
        assertThrows(IOException.class, () -> VmMetadata.read(new ByteArrayInputStream(notXml)));
    }
}
