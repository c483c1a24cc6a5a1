package org.xenwbem.bridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offload contract against the fake ONTAP (NetApp's documented REST shapes, https on 127.0.0.1),
 * reached as the daemon reaches an array: through arrays.conf and {@link ArrayAdapters}, the array's
 * certificate pinned. Also: a wrong pin, a wrong password and an unknown CA change nothing; a job that
 * fails after the array wrote the file is reported as a change; credentials never appear in text.
 */
class OntapAdapterTest extends StorageAdapterContract {
    private static Path root;
    private static FakeOntap fake;
    private static String sr;
    private static FileDisks disks;
    private static StorageAdapter adapter;

    @BeforeAll
    static void array() throws Exception {
        root = Files.createTempDirectory("xenwbem-fake-ontap");
        Path volume = Files.createDirectories(root.resolve("volume"));
        fake = new FakeOntap(volume, Files.createDirectories(root.resolve("state")));
        sr = uuid();
        disks = new FileDisks(Files.createDirectories(volume.resolve(sr)));
        adapter = adapterFor(fake.configSection(sr));
    }

    @AfterAll
    static void stop() throws Exception {
        fake.close();
        XfsFixture.deleteTree(root);
    }

    static SrDisk.Sr nfsSr() {
        return new SrDisk.Sr(sr, "nfs", Map.of("server", "127.0.0.1", "serverpath", "/xen_nfs"));
    }

    static StorageAdapter adapterFor(String conf) throws Exception {
        return new ArrayAdapters(ArrayConfig.parse(conf, "test"), root).forSr(nfsSr()).orElseThrow();
    }

    @Override
    StorageAdapter adapter() {
        return adapter;
    }

    @Override
    void seed(String vdi, long size, int pattern) throws Exception {
        disks.seed(vdi, size, pattern);
    }

    @Override
    void fill(String vdi, int pattern, int len) throws Exception {
        disks.fill(vdi, pattern, len);
    }

    @Override
    boolean holdsPattern(String vdi, int pattern, int len) throws Exception {
        return disks.holdsPattern(vdi, pattern, len);
    }

    @Override
    long sizeOf(String vdi) throws Exception {
        return disks.sizeOf(vdi);
    }

    @Override
    List<String> traces(String... vdis) throws Exception {
        return disks.traces(vdis);
    }

    @Override
    String traceOf(String vdi) {
        return vdi + ".raw";
    }

    @Test
    void aCloneIsAFileCloneJobPolledToItsEnd() throws Exception {
        String src = uuid();
        String clone = uuid();
        seed(src, SIZE, 0x21);
        fake.seen.clear();
        adapter.clone(src, clone);
        assertTrue(fake.seen.contains("POST /api/storage/file/clone"), fake.seen.toString());
        assertTrue(fake.seen.stream().filter(s -> s.startsWith("GET /api/cluster/jobs/")).count() >= 2,
                "the job is polled until it leaves running: " + fake.seen);
        assertEquals("ontap", adapter.id());
        deleteAll(clone, src);
    }

    @Test
    void aJobFailingAfterTheArrayWroteIsAChange() throws Exception {
        String src = uuid();
        String clone = uuid();
        seed(src, SIZE, 0x21);
        fake.failNextCloneAfterCopy = true;
        StorageFailure f = assertThrows(StorageFailure.class, () -> adapter.clone(src, clone));
        assertTrue(f.changed(), "the destination file exists: the caller must remove it");
        assertTrue(f.getMessage().contains("out of space"), f.getMessage());
        deleteAll(clone, src);
        assertEquals(List.of(), traces(src, clone));
    }

    @Test
    void aWrongPinIsRefusedBeforeAnythingChanges() throws Exception {
        String conf = fake.configSection(sr).replaceAll("cert_sha256 = .*", "cert_sha256 = " + "AB:".repeat(31) + "AB");
        assertNothingChanges(adapterFor(conf));
    }

    @Test
    void aWrongPasswordIsRefusedBeforeAnythingChanges() throws Exception {
        assertNothingChanges(adapterFor(fake.configSection(sr).replace(fake.password, "wrong")));
    }

    @Test
    void theArraysOwnCertificateAsCaFileIsTrusted() throws Exception {
        Path pem = root.resolve("array.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(fake.identity.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        String conf = fake.configSection(sr).replaceAll("cert_sha256 = .*", "ca_file = " + pem);
        String src = uuid();
        seed(src, SIZE, 0x12);
        assertTrue(adapterFor(conf).holds(src));
        deleteAll(src);
    }

    @Test
    void anArrayWithoutCertificateTrustIsNotUsed() throws Exception {
        String conf = fake.configSection(sr).replaceAll("cert_sha256 = .*\n", "");
        assertTrue(new ArrayAdapters(ArrayConfig.parse(conf, "test"), root).forSr(nfsSr()).isEmpty());
    }

    @Test
    void credentialsNeverAppearInText() throws Exception {
        ArrayConfig config = ArrayConfig.parse(fake.configSection(sr), "test");
        assertFalse(config.toString().contains(fake.password), config.toString());
        assertTrue(config.toString().contains("(redacted)"));
        StorageAdapter wrong = adapterFor(fake.configSection(sr).replace(fake.password, "wrong"));
        StorageFailure f = assertThrows(StorageFailure.class, () -> wrong.clone(uuid(), uuid()));
        assertFalse(f.getMessage().contains(fake.password) || f.getMessage().contains("wrong"), f.getMessage());
        assertFalse(adapter.toString().contains(fake.password));
    }

    private void assertNothingChanges(StorageAdapter a) throws Exception {
        String src = uuid();
        String clone = uuid();
        seed(src, SIZE, 0x21);
        StorageFailure f = assertThrows(StorageFailure.class, () -> a.clone(src, clone));
        assertFalse(f.changed(), f.getMessage());
        assertEquals(List.of(src + ".raw"), traces(src, clone));
        deleteAll(src);
    }
}
