package org.xenwbem.provider.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Options of {@code xenwbem serve} / {@code xenwbem demo}. Parsed strictly: an unknown option or a
 * bad value is an {@link IllegalArgumentException} with a message for the user.
 */
public final class ServerOptions {
    public boolean simulate;
    public int port = 5989;
    public String bind = "0.0.0.0";
    public Path stateDir = Path.of("/var/lib/xenwbem");
    public URI xapiUrl = URI.create("http://127.0.0.1/");
    public String xapiUser = "root";
    public Path xapiPasswordFile;
    public Path certPem;
    public String simPassword;
    public int simHosts = 2;
    public int simVms = 8;
    public long simSeed = 42;
    public String logLevel = "INFO";
    public Path logFile;
    public Duration credentialCacheTtl = Duration.ofSeconds(60);
    public Duration enumerationIdle = Duration.ofMinutes(2);
    public int maxEnumerationsPerUser = 64;
    public long maxRequestBytes = 4L * 1024 * 1024;

    /** Parses the options after the command word. */
    public static ServerOptions parse(List<String> args, ServerOptions defaults) {
        ServerOptions o = defaults;
        List<String> a = new ArrayList<>(args);
        for (int i = 0; i < a.size(); i++) {
            String opt = a.get(i);
            String val = null;
            int eq = opt.indexOf('=');
            if (opt.startsWith("--") && eq > 0) {
                val = opt.substring(eq + 1);
                opt = opt.substring(0, eq);
            }
            if (opt.equals("--simulate")) {
                o.simulate = true;
                continue;
            }
            if (val == null) {
                if (i + 1 >= a.size()) {
                    throw new IllegalArgumentException(opt + " needs a value");
                }
                val = a.get(++i);
            }
            o.apply(opt, val);
        }
        return o;
    }

    private void apply(String opt, String val) {
        switch (opt) {
            case "--port" -> port = intIn(opt, val, 0, 65535);
            case "--bind" -> bind = val;
            case "--state-dir" -> stateDir = Path.of(val);
            case "--xapi" -> xapiUrl = url(opt, val);
            case "--xapi-user" -> xapiUser = val;
            case "--xapi-password-file" -> xapiPasswordFile = Path.of(val);
            case "--cert-pem" -> certPem = Path.of(val);
            case "--sim-password" -> simPassword = val;
            case "--sim-hosts" -> simHosts = intIn(opt, val, 1, 64);
            case "--sim-vms" -> simVms = intIn(opt, val, 0, 20000);
            case "--sim-seed" -> simSeed = Long.parseLong(val);
            case "--log-level" -> logLevel = level(val);
            case "--log-file" -> logFile = Path.of(val);
            default -> throw new IllegalArgumentException("unknown option " + opt);
        }
    }

    private static int intIn(String opt, String val, int min, int max) {
        try {
            int n = Integer.parseInt(val);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(opt + " must be a number from " + min + " to " + max + ": " + val);
    }

    private static URI url(String opt, String val) {
        URI u = URI.create(val);
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
            throw new IllegalArgumentException(opt + " must be an http:// or https:// URL: " + val);
        }
        return u;
    }

    private static String level(String val) {
        String v = val.toUpperCase(Locale.ROOT);
        if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(v)) {
            throw new IllegalArgumentException("--log-level must be TRACE, DEBUG, INFO, WARN or ERROR: " + val);
        }
        return v;
    }
}
