package org.xenwbem.provider.diskcli;

import static org.xenwbem.provider.config.OptionArgs.httpUrl;
import static org.xenwbem.provider.config.OptionArgs.intIn;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xenwbem.provider.config.OptionArgs;

/**
 * Options of {@code xenwbem disk export|import}, parsed strictly: an unknown option, a missing one or a
 * bad value is an {@link IllegalArgumentException} whose message is shown as it is.
 */
final class DiskOptions {
    enum Action { EXPORT, IMPORT }

    Action action;
    URI url;
    String user = "root";
    Path passwordFile;
    String disk;
    /** Import into a new disk of this SR (CreateDiskImage, sized from the file) instead of --disk. */
    String sr;
    String name;
    /** raw or vhd; null until known (then from the file name: .vhd is vhd, anything else raw). */
    String format;
    Path file;
    boolean resume;
    final List<String> pins = new ArrayList<>();
    Path trustFile;
    int timeoutSeconds = 120;
    /** null: a progress bar on a terminal, plain lines otherwise. */
    Boolean bar;

    static DiskOptions parse(List<String> args) {
        if (args.isEmpty() || !(args.get(0).equals("export") || args.get(0).equals("import"))) {
            throw new IllegalArgumentException("disk needs export or import (xenwbem help)");
        }
        DiskOptions o = new DiskOptions();
        o.action = args.get(0).equals("export") ? Action.EXPORT : Action.IMPORT;
        OptionArgs.parse(args.subList(1, args.size()), Map.of("--resume", () -> o.resume = true,
                "--progress", () -> o.bar = true, "--no-progress", () -> o.bar = false), o::apply);
        o.check();
        return o;
    }

    private void apply(String opt, String val) {
        switch (opt) {
            case "--url" -> url = wsman(httpUrl(opt, val));
            case "--user" -> user = val;
            case "--password-file" -> passwordFile = Path.of(val);
            case "--disk" -> disk = val;
            case "--sr" -> sr = action == Action.IMPORT ? val : refuse("--sr is for import (a new disk)");
            case "--name" -> name = val;
            case "--format" -> format = format(val);
            case "--out" -> file = action == Action.EXPORT ? Path.of(val) : refuse("--out is for export; import reads --in");
            case "--in" -> file = action == Action.IMPORT ? Path.of(val) : refuse("--in is for import; export writes --out");
            case "--trusted-fingerprint" -> pins.addAll(List.of(val.split(",")));
            case "--trust-file" -> trustFile = Path.of(val);
            case "--timeout" -> timeoutSeconds = intIn(opt, val, 1, 3600);
            default -> throw new IllegalArgumentException("unknown disk option " + opt);
        }
    }

    private static <T> T refuse(String why) {
        throw new IllegalArgumentException(why);
    }

    private static String format(String val) {
        String f = val.toLowerCase(Locale.ROOT);
        if (!f.equals("raw") && !f.equals("vhd")) {
            throw new IllegalArgumentException("--format must be raw or vhd: " + val);
        }
        return f;
    }

    /** The daemon's WS-Man URL: the path /wsman when none is given. */
    private static URI wsman(URI u) {
        if (!"https".equals(u.getScheme())) {
            throw new IllegalArgumentException("--url must be https:// (the daemon's port, e.g. https://host:5989)");
        }
        return u.getPath() == null || u.getPath().isEmpty() || u.getPath().equals("/") ? u.resolve("/wsman") : u;
    }

    private void check() {
        if (url == null || (disk == null) == (sr == null) || file == null || passwordFile == null) {
            throw new IllegalArgumentException("disk " + action.name().toLowerCase(Locale.ROOT) + " needs --url, "
                    + "--password-file, " + (action == Action.EXPORT ? "--disk and --out" : "--in and either --disk "
                    + "(an existing disk) or --sr (a new one)"));
        }
        if (format == null) {
            format = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".vhd") ? "vhd" : "raw";
        }
    }

    /** The password: the first line of --password-file. */
    char[] password() throws IOException {
        String s = Files.readString(passwordFile, StandardCharsets.UTF_8);
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip().toCharArray();
    }
}
