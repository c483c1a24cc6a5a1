package org.xenwbem.pack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The build's configuration, from {@code key=value} arguments (the pom passes its properties).
 * Empty values take the defaults: a throw-away signing key, a fresh update UUID, a release that
 * grows with time for snapshots.
 *
 * @param label        the pack's name-label ({@code [\w-]+}): RPM names, comps, update.xml
 * @param rpmVersion   the project version without {@code -SNAPSHOT}
 * @param release      RPM release
 * @param uuid         the update's UUID, new for every build unless configured
 * @param gnupgHome    the GnuPG home holding the configured key, or null for a throw-away key
 * @param keyId        the configured key (fingerprint or user id), or null
 * @param passphraseFile file with the configured key's passphrase, or null when it has none
 */
record PackSettings(Path basedir, Path target, Path libDir, Path jmods, String label, String rpmVersion,
                    String release, String uuid, Path gnupgHome, String keyId, Path passphraseFile,
                    String baseRequires, String legacyProduct, String legacyRequiresVersion, String license,
                    String url, boolean keyAttribute, boolean installTools) {
    private static final Pattern LABEL = Pattern.compile("[\\w-]+");
    private static final Pattern UUID_RE = Pattern.compile("[\\da-f]{8}-[\\da-f]{4}-[\\da-f]{4}-[\\da-f]{4}-[\\da-f]{12}");

    static PackSettings parse(String[] args) throws PackException {
        Map<String, String> m = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new PackException("expected key=value, got " + a);
            }
            m.put(a.substring(0, eq), a.substring(eq + 1).strip());
        }
        String version = need(m, "version");
        boolean snapshot = version.endsWith("-SNAPSHOT");
        String rpmVersion = version.replace("-SNAPSHOT", "").replace('-', '.');
        String release = m.getOrDefault("release", "");
        if (release.isEmpty()) {
            release = snapshot ? "0." + DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(ZonedDateTime.now(ZoneOffset.UTC)) : "1";
        }
        String uuid = m.getOrDefault("uuid", "");
        if (uuid.isEmpty()) {
            uuid = UUID.randomUUID().toString();
        }
        if (!UUID_RE.matcher(uuid).matches()) {
            throw new PackException("the update uuid must be a lower-case UUID: " + uuid);
        }
        String label = "xenwbem";
        if (!LABEL.matcher(label).matches()) {
            throw new PackException("the pack label must match [\\w-]+: " + label);
        }
        Path basedir = Path.of(need(m, "basedir"));
        return new PackSettings(basedir, Path.of(need(m, "target")), Path.of(need(m, "lib")),
                jmods(m.getOrDefault("jmods", "auto")), label, rpmVersion,
                release, uuid, pathOrNull(m.get("gnupghome")), emptyToNull(m.get("key")), pathOrNull(m.get("passphrase-file")),
                m.getOrDefault("base-requires", "product-version >= 8.2.0"),
                m.getOrDefault("legacy-product", "XenServer"), m.getOrDefault("legacy-requires-version", "7.0.0"),
                m.getOrDefault("license", "Unspecified"), m.getOrDefault("url", "https://github.com/xenwbem/xenwbem"),
                !"false".equals(m.get("key-attribute")), !"false".equals(m.get("install-tools")));
    }

    /**
     * Where the bundled runtime comes from: a jmods directory, or a JDK home that links from its own
     * run-time image. "auto" prefers a portable JDK 17+ on this machine whose native code needs no
     * newer glibc than dom0's 2.17 (an Eclipse Temurin under /usr/lib/jvm), else this JDK's jmods.
     */
    static Path jmods(String value) {
        if (!"auto".equals(value)) {
            return Path.of(value);
        }
        java.io.File[] jdks = new java.io.File("/usr/lib/jvm").listFiles();
        if (jdks != null) {
            java.util.Arrays.sort(jdks);
            for (java.io.File f : jdks) {
                Path jdk = f.toPath();
                if (f.getName().startsWith("temurin-") && !Files.isSymbolicLink(jdk) && RuntimeImage.isLinkableJdk(jdk)) {
                    return jdk;
                }
            }
        }
        return Path.of(System.getProperty("java.home"), "jmods");
    }

    /** The installed product's version as the daemon and update.xml show it. */
    String fullVersion() {
        return rpmVersion + "-" + release;
    }

    /** The key file name under /etc/pki/rpm-gpg that update.xml's {@code key} names. */
    String keyFileName() {
        return "RPM-GPG-KEY-" + label;
    }

    private static String need(Map<String, String> m, String key) throws PackException {
        String v = m.get(key);
        if (v == null || v.isEmpty()) {
            throw new PackException("missing setting " + key);
        }
        return v;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Path pathOrNull(String s) {
        return s == null || s.isEmpty() ? null : Path.of(s);
    }
}
