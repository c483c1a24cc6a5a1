package org.xenwbem.provider.doctor;

import static org.xenwbem.provider.config.OptionArgs.httpUrl;
import static org.xenwbem.provider.config.OptionArgs.intIn;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.xenwbem.provider.config.OptionArgs;

/**
 * Options of {@code xenwbem doctor}, parsed strictly (an unknown option or a bad value is an
 * {@link IllegalArgumentException} with a message for the user). The installed launcher puts the
 * port, certificate and xapi URL of {@code /etc/xenwbem/xenwbem.conf} first; later options win.
 */
final class DoctorOptions {
    String host = "127.0.0.1";
    int port = 5989;
    String user = "root";
    Path passwordFile;
    URI xapi = URI.create("http://127.0.0.1/");
    Path certPem;
    /** Where the daemon keeps the certificate it generates when no PEM is configured (as `serve`). */
    Path stateDir = Path.of("/var/lib/xenwbem");
    Path root;
    Path manifest;
    String trustedFingerprint;
    boolean verifyInstallOnly;
    int timeoutSeconds = 10;

    static DoctorOptions parse(List<String> args) {
        DoctorOptions o = new DoctorOptions();
        OptionArgs.parse(args, Map.of("--verify-install", () -> o.verifyInstallOnly = true), o::apply);
        return o;
    }

    private void apply(String opt, String val) {
        switch (opt) {
            case "--host" -> host = val;
            case "--port" -> port = intIn(opt, val, 1, 65535);
            case "--user", "--xapi-user" -> user = val;
            case "--password-file", "--xapi-password-file" -> passwordFile = Path.of(val);
            case "--xapi" -> xapi = httpUrl(opt, val);
            case "--cert-pem" -> certPem = Path.of(val);
            case "--state-dir" -> stateDir = Path.of(val);
            case "--root" -> root = Path.of(val);
            case "--manifest" -> manifest = Path.of(val);
            case "--trusted-fingerprint" -> trustedFingerprint = val;
            case "--timeout" -> timeoutSeconds = intIn(opt, val, 1, 300);
            default -> throw new IllegalArgumentException("unknown doctor option " + opt);
        }
    }

    /**
     * Where the installation's paths are rooted: --root, else the root of the installation the
     * launcher runs from ({@code xenwbem.home} = ROOT/opt/xenwbem), else {@code /}.
     */
    Path root() {
        if (root != null) {
            return root;
        }
        Path home = home();
        if (home != null && home.endsWith(Path.of("opt", "xenwbem")) && home.getNameCount() >= 2) {
            Path r = home.getParent().getParent();
            return r == null ? Path.of("/") : r;
        }
        return Path.of("/");
    }

    /** The manifest to check: --manifest, else MANIFEST.xml of the installation under {@link #root()}. */
    Path manifestPath() {
        if (manifest != null) {
            return manifest;
        }
        return root().resolve("opt/xenwbem").resolve(InstallManifest.FILE_NAME);
    }

    private static Path home() {
        String h = System.getProperty("xenwbem.home");
        return h == null || h.isEmpty() ? null : Path.of(h).toAbsolutePath();
    }

    /** The password from --password-file (first line), else null. */
    char[] readPassword() throws IOException {
        if (passwordFile == null) {
            return null;
        }
        String s = Files.readString(passwordFile, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip().toCharArray();
    }
}
