package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.xenwbem.bridge.PowerState;

/**
 * The status page in a real headless browser (Debian's chromium), loaded from a daemon on the simulated
 * pool with a disk transfer open (ConnectToDiskImage through python3-winrm, when it is installed): a
 * screenshot that must show the page (its size, enough non-white pixels, the green "healthy" badge)
 * and the DOM the browser built (pool and host names in it, a VM named like a script as text, not run).
 * The browser trusts exactly the daemon's key ({@code --ignore-certificate-errors-spki-list}). Skipped
 * without chromium unless {@code XENWBEM_REQUIRE_CLIENTS=1}. The screenshot is left in
 * {@code tests/target/status-page/status-page.png} (the README's docs/status-page.png is one of them).
 */
class StatusPageBrowserTest {
    static final String CHROMIUM = "chromium";
    static final String POOL = "Lab pool";
    static final int GREEN = 0x2a7d2a;
    private static DaemonFixture fx;
    private static Path out;
    private static String transferPassword;

    @BeforeAll
    static void start() throws Exception {
        ExternalTool.require(CHROMIUM);
        fx = new DaemonFixture(4, 1, 1, o -> o.simHosts = 3);
        out = Files.createDirectories(Path.of("target", "status-page"));
        fx.sim().setField("pool", fx.sim().poolUuid(), "name_label", POOL);
        String vm = fx.systemVmUuids().stream().filter(u -> fx.sim().vmPowerState(u) == PowerState.Running
                && !Boolean.TRUE.equals(fx.sim().vmRecord(u).get("is_control_domain"))).findFirst().orElseThrow();
        fx.sim().renameVm(vm, StatusPageTest.EVIL);
        transferPassword = openTransfer();
        StatusPageTest.subscribePull(fx, RawHttps.client());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!dom(true).contains(POOL) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    /** Opens a read-only transfer of the first disk (a job, then a connection); its password, or null without pywinrm. */
    private static String openTransfer() throws Exception {
        PywinrmClient winrm;
        try {
            winrm = PywinrmClient.install(fx, "py");
        } catch (TestAbortedException e) {
            return null;
        }
        Map<String, Object> disk = winrm.first("enum", DaemonFixture.P + "Xen_DiskImage");
        StringBuilder sel = new StringBuilder();
        for (String k : List.of("CreationClassName", "DeviceID", "SystemCreationClassName", "SystemName")) {
            sel.append("<w:Selector Name=\"").append(k).append("\">").append(disk.get(k)).append("</w:Selector>");
        }
        Map<String, Object> job = winrm.first("invoke", DaemonFixture.P + "Xen_StoragePoolManagementService",
                "ConnectToDiskImage", "<q:DiskImage><a:Address>https://localhost/wsman</a:Address><a:ReferenceParameters>"
                + "<w:ResourceURI>" + DaemonFixture.P + "Xen_DiskImage</w:ResourceURI><w:SelectorSet>" + sel
                + "</w:SelectorSet></a:ReferenceParameters></q:DiskImage><q:Protocol>http</q:Protocol>"
                + "<q:UseSSL>true</q:UseSSL><q:ReadOnly>true</q:ReadOnly><q:TimeoutInMinutes>30</q:TimeoutInMinutes>",
                "CreationClassName=Xen_StoragePoolManagementService", "Name=XenServer SR Management Service",
                "SystemCreationClassName=Xen_HostComputerSystem", "SystemName=" + fx.sim().masterUuid());
        assertEquals("4096", String.valueOf(job.get("ReturnValue")), job.toString());
        @SuppressWarnings("unchecked")
        String id = String.valueOf(((Map<String, Object>) job.get("Job")).get("InstanceID"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> j = winrm.first("get", DaemonFixture.P + "Xen_ConnectToDiskImageJob", "InstanceID=" + id);
            if ("7".equals(String.valueOf(j.get("JobState")))) {
                return String.valueOf(j.get("Password"));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the connect job did not complete");
    }

    /**
     * The page's URL; signed in, the full view with root's credentials in the URL, which a browser sends
     * only when challenged: {@code ?view=full} answers 401 without them.
     */
    private static String url(boolean signedIn) {
        return signedIn ? "https://root:" + DaemonFixture.PASSWORD + "@127.0.0.1:" + fx.port() + "/?view=full"
                : "https://127.0.0.1:" + fx.port() + "/";
    }

    /** chromium headless with a fresh profile, trusting only the daemon's key; its stdout. */
    private static String chromium(String... args) throws Exception {
        byte[] spki = fx.daemon.identity().certificate().getPublicKey().getEncoded();
        Path profile = Files.createTempDirectory(fx.scratch("chromium"), "profile");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--ignore-certificate-errors-spki-list="
                        + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki))));
        cmd.addAll(List.of(args));
        try {
            ExternalTool.Result r = ExternalTool.run(cmd, Map.of("HOME", profile.toString()), profile.getParent(),
                    Duration.ofSeconds(90));
            assertEquals(0, r.exit(), r.toString());
            return r.out();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String dom(boolean signedIn) throws Exception {
        return chromium("--dump-dom", url(signedIn));
    }

    @Test
    void thePoolAdminsPageInTheBrowser() throws Exception {
        String dom = dom(true);
        assertTrue(dom.contains("<title>xenwbem — " + POOL + "</title>"), "the script did not run:\n" + dom);
        for (String h : fx.sim().hostUuids()) {
            assertTrue(dom.contains(String.valueOf(fx.sim().hostRecord(h).get("name_label"))), h + "\n" + dom);
        }
        assertTrue(dom.contains("&lt;script&gt;document.title='owned'&lt;/script&gt;"), dom);
        assertFalse(dom.contains("<script"), dom);
        assertTrue(dom.contains("winrm enum ") && dom.contains("ws-eventing</td><td>root</td><td>Pull"), dom);
        assertFalse(dom.contains(DaemonFixture.PASSWORD), "the caller's password is never on the page");
        if (transferPassword != null) {
            assertTrue(dom.contains("ConnectToDiskImage") && dom.contains("Completed"), dom);
            assertTrue(dom.contains("read</td>"), "the read-only transfer is listed:\n" + dom);
            assertFalse(dom.contains(transferPassword), "a transfer password is never on the page");
        }
    }

    @Test
    void anyoneSeesTheSafePageInTheBrowser() throws Exception {
        String dom = dom(false);
        assertTrue(dom.contains(fx.daemon.identity().sha256Fingerprint()) && dom.contains("healthy"), dom);
        assertFalse(dom.contains(POOL), dom);
    }

    @Test
    void theScreenshotShowsThePage() throws Exception {
        Path png = out.resolve("status-page.png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium("--window-size=1000,1250", "--screenshot=" + png, url(true));
        assertTrue(Files.size(png) > 20_000, "a screenshot of " + Files.size(png) + " bytes is blank or an error page");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        long inked = 0;
        boolean badge = false;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                inked += rgb != 0xffffff ? 1 : 0;
                badge |= rgb == GREEN;
            }
        }
        long all = (long) img.getWidth() * img.getHeight();
        assertTrue(inked > all / 50 && inked < all / 2, inked + " of " + all + " pixels are not white");
        assertTrue(badge, "the green 'healthy' badge is in the screenshot");
    }
}
