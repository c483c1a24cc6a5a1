package org.xenwbem.provider.diskcli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.bridge.transfer.QemuImg;
import org.xenwbem.bridge.transfer.VdiFormat;
import org.xenwbem.bridge.transfer.VdiTransfer;
import org.xenwbem.tests.DaemonFixture;

/**
 * {@code xenwbem disk export|import} end to end against a real daemon on a simulated pool: raw and VHD
 * exports checked byte for byte and by qemu-img, downloads cut short and resumed with --resume, an
 * import whose connection drops mid-fragment and resumes from BITS' received range, and the failures
 * (wrong password, an untrusted certificate, usage) with their exit status and message.
 */
class DiskCommandTest {
    private static final int SIZE = 24 << 20;
    private static DaemonFixture fx;
    private static XenApiSession admin;
    private static byte[] content;
    private static String vdi;
    @TempDir
    static Path dir;

    @BeforeAll
    static void up() throws Exception {
        fx = new DaemonFixture(1);
        admin = XenApiConnection.create(fx.daemon.simulatedPool(SimulatedPool.class).url(), Duration.ofSeconds(5),
                Duration.ofSeconds(60)).login("root", DaemonFixture.PASSWORD.toCharArray(), "disk-cli-test");
        content = new byte[SIZE];
        new Random(12).nextBytes(content);
        Arrays.fill(content, 8 << 20, 16 << 20, (byte) 0);
        vdi = newVdi("cli-source");
        new VdiTransfer(admin).importVdi(vdi, VdiFormat.RAW, new ByteArrayInputStream(content), SIZE);
        Files.writeString(dir.resolve("pw"), DaemonFixture.PASSWORD + "\n");
    }

    @AfterAll
    static void down() throws Exception {
        admin.logout();
        fx.close();
    }

    private static String newVdi(String name) throws Exception {
        Object sr = admin.call("SR.get_by_uuid", fx.sim().defaultSrUuid());
        Object ref = admin.call("VDI.create", Map.of("name_label", name, "SR", sr, "virtual_size", Long.toString(SIZE),
                "type", "user", "sharable", false, "read_only", false, "other_config", Map.of()));
        String uuid = String.valueOf(admin.call("VDI.get_uuid", ref));
        String sr2 = fx.sim().defaultSrUuid();
        Map<String, String> keys = Map.of("CreationClassName", "Xen_DiskImage", "DeviceID", "Xen:" + sr2 + "/" + uuid,
                "SystemCreationClassName", "Xen_StoragePool", "SystemName", sr2);
        org.xenwbem.tests.WsmanCalls ws = new org.xenwbem.tests.WsmanCalls(fx);
        for (int i = 0; i < 1500 && org.xenwbem.tests.WsmanCalls.value(ws.get("root", "Xen_DiskImage", keys),
                "DeviceID") == null; i++) {
            Thread.sleep(20); // until the daemon's mirror knows the disk
        }
        return uuid;
    }

    private record Run(int status, String out, String err) {
    }

    private static Run disk(Upload.Faults faults, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", "https://127.0.0.1:" + fx.port(), "--user", "root", "--password-file",
                dir.resolve("pw").toString()));
        if (!all.contains("--trust-file")) {
            all.addAll(List.of("--trusted-fingerprint", fx.daemon.identity().sha256Fingerprint()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = DiskCommand.cli(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), faults, false);
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void ok(Run r) {
        assertEquals(0, r.status(), () -> r.out() + r.err());
    }

    private static void qemuSame(Path vhd, Path raw) throws Exception {
        // qemu-img check does not support vpc ("This image format does not support checks"): info parses it whole
        // (force_size_calc: the footer's size, not the CHS geometry's, as Hyper-V and xapi read it)
        String opts = "driver=vpc,force_size_calc=current_size,file.filename=" + vhd;
        QemuImg.Result info = QemuImg.run("info", "--output=json", "--image-opts", opts);
        assertEquals(0, info.status(), info.output());
        assertTrue(info.output().contains("\"virtual-size\": " + SIZE), info.output());
        QemuImg.Result cmp = QemuImg.run("compare", "--image-opts", "driver=raw,file.filename=" + raw, opts);
        assertEquals(0, cmp.status(), cmp.output());
    }

    private static void truncate(Path f, long size) throws IOException {
        try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
            c.truncate(size);
        }
    }

    @Test
    void exportRawAndVhdThenResumeBothAfterACut() throws Exception {
        QemuImg.require();
        Path raw = dir.resolve("disk.raw");
        Run r = disk(Upload.Faults.NONE, "export", "--disk", vdi, "--out", raw.toString());
        ok(r);
        assertArrayEquals(content, Files.readAllBytes(raw));
        assertTrue(r.out().contains("export: 100%"), r.out());
        Path vhd = dir.resolve("disk.vhd");
        ok(disk(Upload.Faults.NONE, "export", "--disk", "Xen:" + fx.sim().defaultSrUuid() + "/" + vdi,
                "--format", "vhd", "--out", vhd.toString()));
        assertTrue(Files.size(vhd) < SIZE, "the zero blocks are not in the VHD: " + Files.size(vhd));
        qemuSame(vhd, raw);
        truncate(raw, (5 << 20) + 123);
        r = disk(Upload.Faults.NONE, "export", "--disk", vdi, "--out", raw.toString(), "--resume");
        ok(r);
        assertTrue(r.out().contains("resuming at 5.0 MiB"), r.out());
        assertArrayEquals(content, Files.readAllBytes(raw), "the resumed download is the disk");
        truncate(vhd, (9 << 20) + 77);
        ok(disk(Upload.Faults.NONE, "export", "--disk", vdi, "--out", vhd.toString(), "--resume"));
        qemuSame(vhd, raw);
    }

    @Test
    void importResumesAfterADroppedConnectionAndEndsBitIdentical() throws Exception {
        QemuImg.require();
        Path raw = dir.resolve("src.raw");
        Files.write(raw, content);
        Path vhd = dir.resolve("src.vhd");
        QemuImg.Result conv = QemuImg.run("convert", "-f", "raw", "-O", "vpc", "-o",
                "subformat=dynamic,force_size=on", raw.toString(), vhd.toString());
        assertEquals(0, conv.status(), conv.output());
        String target = newVdi("cli-target");
        AtomicBoolean dropped = new AtomicBoolean();
        Run r = disk(dropOnce(dropped), "import", "--disk", target, "--in", vhd.toString());
        ok(r);
        assertTrue(dropped.get(), "the connection was cut");
        assertTrue(r.out().contains("resuming"), r.out());
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        new VdiTransfer(admin).exportVdi(target, VdiFormat.RAW, back);
        assertArrayEquals(content, back.toByteArray(), "the disk holds the file's bytes");
        String raw2 = newVdi("cli-target-raw");
        ok(disk(Upload.Faults.NONE, "import", "--disk", raw2, "--in", raw.toString()));
        back.reset();
        new VdiTransfer(admin).exportVdi(raw2, VdiFormat.RAW, back);
        assertArrayEquals(content, back.toByteArray());
    }

    @Test
    void importIntoANewDiskAndAFailedOneLeavesNoDiskBehind() throws Exception {
        QemuImg.require();
        Path raw = dir.resolve("new.raw");
        Files.write(raw, content);
        Path vhd = dir.resolve("new.vhd");
        QemuImg.Result conv = QemuImg.run("convert", "-f", "raw", "-O", "vpc", "-o",
                "subformat=dynamic,force_size=on", raw.toString(), vhd.toString());
        assertEquals(0, conv.status(), conv.output());
        String sr = fx.sim().defaultSrUuid();
        Run r = disk(Upload.Faults.NONE, "import", "--sr", sr, "--name", "from-cli", "--in", vhd.toString());
        ok(r);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("created disk Xen:[^/]+/([0-9a-f-]{36}) \\(24 MiB\\)")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        new VdiTransfer(admin).exportVdi(m.group(1), VdiFormat.RAW, back);
        assertArrayEquals(content, back.toByteArray(), "the new disk holds the file");
        assertEquals("from-cli", fx.sim().record("VDI", m.group(1)).get("name_label"));
        int before = fx.sim().uuids("VDI").size();
        Run failed = disk((offset, out) -> new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.close();
                throw new IOException("cut by the test");
            }
        }, "import", "--sr", sr, "--in", raw.toString());
        assertEquals(1, failed.status(), failed.out());
        assertTrue(failed.err().contains("the upload failed at byte 0"), failed.err());
        assertTrue(failed.out().contains("deleted the disk"), failed.out());
        assertEquals(before, fx.sim().uuids("VDI").size(), "no disk is left behind");
    }

    /** Cuts the connection once, 3 MiB into the second fragment. */
    private static Upload.Faults dropOnce(AtomicBoolean dropped) {
        return (offset, out) -> offset != Upload.FRAGMENT || dropped.get() ? out : new FilterOutputStream(out) {
            private long sent;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (sent + len > (3 << 20) && dropped.compareAndSet(false, true)) {
                    out.flush();
                    out.close();
                    throw new IOException("cut by the test");
                }
                out.write(b, off, len);
                sent += len;
            }
        };
    }

    @Test
    void failuresSayWhyAndExitNonZero() throws Exception {
        Path out = dir.resolve("never.raw");
        Files.writeString(dir.resolve("bad"), "wrong\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = DiskCommand.cli(List.of("export", "--disk", vdi, "--out", out.toString(), "--url",
                "https://127.0.0.1:" + fx.port(), "--password-file", dir.resolve("bad").toString(),
                "--trusted-fingerprint", fx.daemon.identity().sha256Fingerprint()), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), Upload.Faults.NONE, false);
        assertEquals(1, rc);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("refused the user name or password"), err::toString);
        Path otherCa = dir.resolve("other.pem");
        java.security.cert.X509Certificate other = org.xenwbem.tls.ServerIdentity.loadOrGenerate(
                Files.createDirectories(dir.resolve("other")), org.xenwbem.tls.HostNames.detect()).certificate();
        Files.writeString(otherCa, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64,
                new byte[] {'\n'}).encodeToString(other.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Run untrusted = disk(Upload.Faults.NONE, "export", "--disk", vdi, "--out", out.toString(),
                "--trust-file", otherCa.toString());
        assertEquals(1, untrusted.status());
        assertTrue(untrusted.err().contains("not trusted"), untrusted.err());
        Run unknown = disk(Upload.Faults.NONE, "export", "--disk", "00000000-0000-0000-0000-000000000000",
                "--out", out.toString());
        assertEquals(1, unknown.status());
        assertTrue(unknown.err().contains("xenwbem disk:"), unknown.err());
        assertEquals(2, disk(Upload.Faults.NONE, "export", "--disk", vdi).status(), "no --out");
        assertEquals(2, disk(Upload.Faults.NONE, "copy", "--disk", vdi).status());
        assertTrue(Files.notExists(out), "nothing was written");
    }
}
