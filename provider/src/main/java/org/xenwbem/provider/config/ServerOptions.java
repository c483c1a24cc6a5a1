package org.xenwbem.provider.config;

import static org.xenwbem.provider.config.OptionArgs.httpUrl;
import static org.xenwbem.provider.config.OptionArgs.intIn;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xenwbem.tls.OutboundTrust;
import org.xenwbem.tls.TlsConfigException;

/**
 * Options of {@code xenwbem serve} / {@code xenwbem demo}. Parsed strictly: an unknown option or a
 * bad value is an {@link IllegalArgumentException} with a message for the user.
 */
public final class ServerOptions {
    public boolean simulate;
    public int port = 5989;
    /** HTTPS port of the disk transfer endpoint; -1: the next port after {@link #port} (0 when that is 0). */
    public int transferPort = -1;
    public String bind = "0.0.0.0";
    public Path stateDir = Path.of("/var/lib/xenwbem");
    public URI xapiUrl = URI.create("http://127.0.0.1/");
    public String xapiUser = "root";
    public Path xapiPasswordFile;
    /** PEM certificates (CAs, or xapi's own) trusted for an https {@link #xapiUrl}, besides the system store. */
    public Path xapiTrustFile;
    /** SHA-256 fingerprints of certificates trusted for an https {@link #xapiUrl}. */
    public List<String> xapiTrustPins = new ArrayList<>();
    public Path certPem;
    /** How often the served PEM is checked for a rotated certificate (0: never). */
    public Duration certReloadInterval = Duration.ofSeconds(10);
    /** PEM certificates (CAs, or a listener's own) trusted for https event subscribers and listeners. */
    public Path eventTrustFile;
    /** SHA-256 fingerprints of certificates trusted for https event subscribers and listeners. */
    public List<String> eventTrustPins = new ArrayList<>();
    public String simPassword;
    public int simHosts = 2;
    public int simVms = 8;
    /** Disks per seeded simulated VM, besides its CD drive (1 unless --sim-disks-per-vm). */
    public int simDisksPerVm = 1;
    /** NICs per seeded simulated VM (1 unless --sim-nics-per-vm). */
    public int simNicsPerVm = 1;
    public long simSeed = 42;
    /** Where the simulated SRs keep VDI bytes (--sim-storage; null: a temporary directory deleted on exit). */
    public Path simStorage;
    /** Hosts outside the simulated pool that AddHost can join (--sim-standalone-hosts; at 127.0.0.201, …). */
    public int simStandaloneHosts;
    public String logLevel = "INFO";
    public Path logFile;
    /** The log file is rotated before it exceeds this many MiB (0: never). */
    public int logMaxSizeMb = 20;
    /** Rotated log files kept ({@code <file>.1} … {@code .N}). */
    public int logFiles = 5;
    public Duration credentialCacheTtl = Duration.ofSeconds(60);
    public Duration enumerationIdle = Duration.ofMinutes(2);
    /** Open enumerations one user may hold, per protocol (WS-Man contexts, CIM-XML pull contexts). */
    public int maxEnumerationsPerUser = 64;
    /** WS-Eventing subscriptions one user may hold. */
    public int maxSubscriptionsPerUser = 16;
    /** Requests one user may have in progress at once, over both protocols. */
    public int maxOperationsPerUser = 32;
    public long maxRequestBytes = 4L * 1024 * 1024;
    /**
     * The largest WS-Man response in KiB, whatever MaxEnvelopeSize a client asks for, and the limit when
     * it asks for none (as Windows' MaxEnvelopeSizekb); also the page size of CIM-XML pull operations.
     */
    public int maxEnvelopeKb = 512;
    /** Where the daemon's own session goes; null = dom0's Unix socket when present, else --xapi. */
    public URI xapiServiceUrl;
    public Duration jobExpiry = Duration.ofMinutes(10);
    public int jobThreads = 4;
    /** xapi's own place for file-based SRs' mounts. */
    public static final Path XAPI_SR_MOUNT_ROOT = Path.of("/var/run/sr-mount");
    /**
     * Where file-based SRs are mounted ({@code <root>/<sr uuid>}), for the offload layer; null: the
     * simulated pool's storage root with --simulate, else {@link #XAPI_SR_MOUNT_ROOT}.
     */
    public Path srMountRoot;
    /** The operator's array configuration (root-only, credentials never logged); a missing file: no ONTAP array. */
    public Path arraysConfig = Path.of("/etc/xenwbem/arrays.conf");
    /** How often disk and NIC metrics are sampled from each host's RRD; zero turns sampling off. */
    public Duration metricsInterval = Duration.ofSeconds(60);
    /** Connections open at once, over all clients; beyond it a new connection is closed at accept. */
    public int maxConnections = 1024;
    /** Connections open at once from one client address (IPv6: one /64); beyond it, closed at accept. */
    public int maxConnectionsPerClient = 64;
    /** Time a connection has for a request's headers: from its opening (TLS handshake included) or the first byte. */
    public Duration headerTimeout = Duration.ofSeconds(20);
    /** Time a request body has to arrive, plus one second for every {@link #bodyMinRate} bytes received. */
    public Duration bodyTimeout = Duration.ofSeconds(20);
    /** Bytes per second that earn a slow body one more second (see {@link #bodyTimeout}). */
    public int bodyMinRate = 500;

    /** The dom0 socket on which xapi logs the local superuser in (never used to check users). */
    public static final java.nio.file.Path XAPI_SOCKET = java.nio.file.Path.of("/var/lib/xcp/xapi");

    /** Parses the options after the command word. */
    public static ServerOptions parse(List<String> args, ServerOptions defaults) {
        ServerOptions o = defaults;
        OptionArgs.parse(args, Map.of("--simulate", () -> o.simulate = true), o::apply);
        return o;
    }

    private void apply(String opt, String val) {
        switch (opt) {
            case "--port" -> port = intIn(opt, val, 0, 65535);
            case "--transfer-port" -> transferPort = intIn(opt, val, 0, 65535);
            case "--bind" -> bind = val;
            case "--state-dir" -> stateDir = Path.of(val);
            case "--xapi" -> xapiUrl = httpUrl(opt, val);
            case "--xapi-user" -> xapiUser = val;
            case "--xapi-password-file" -> xapiPasswordFile = Path.of(val);
            case "--xapi-trust-file" -> xapiTrustFile = Path.of(val);
            case "--xapi-trust-pin" -> xapiTrustPins.addAll(pins(opt, val));
            case "--cert-pem" -> certPem = Path.of(val);
            case "--cert-reload-interval" -> certReloadInterval = Duration.ofSeconds(intIn(opt, val, 0, 86_400));
            case "--event-trust-file" -> eventTrustFile = Path.of(val);
            case "--event-trust-pin" -> eventTrustPins.addAll(pins(opt, val));
            case "--sim-password" -> simPassword = val;
            case "--sim-hosts" -> simHosts = intIn(opt, val, 1, 64);
            case "--sim-vms" -> simVms = intIn(opt, val, 0, 20000);
            case "--sim-disks-per-vm" -> simDisksPerVm = intIn(opt, val, 0, 16);
            case "--sim-nics-per-vm" -> simNicsPerVm = intIn(opt, val, 0, 7);
            case "--sim-seed" -> simSeed = Long.parseLong(val);
            case "--sim-storage" -> simStorage = Path.of(val);
            case "--sim-standalone-hosts" -> simStandaloneHosts = intIn(opt, val, 0, 16);
            case "--log-level" -> logLevel = level(val);
            case "--log-file" -> logFile = Path.of(val);
            case "--log-max-size" -> logMaxSizeMb = intIn(opt, val, 0, 1_000_000);
            case "--log-files" -> logFiles = intIn(opt, val, 1, 1000);
            case "--xapi-service" -> xapiServiceUrl = val.startsWith("unix:") ? URI.create(val) : httpUrl(opt, val);
            case "--job-expiry" -> jobExpiry = duration(opt, val);
            case "--job-threads" -> jobThreads = intIn(opt, val, 1, 64);
            case "--sr-mount-root" -> srMountRoot = Path.of(val);
            case "--arrays-config" -> arraysConfig = Path.of(val);
            case "--metrics-interval" -> metricsInterval = metricsInterval(opt, val);
            case "--max-connections" -> maxConnections = intIn(opt, val, 1, 1_000_000);
            case "--max-connections-per-client" -> maxConnectionsPerClient = intIn(opt, val, 1, 1_000_000);
            case "--header-timeout" -> headerTimeout = Duration.ofSeconds(intIn(opt, val, 1, 3600));
            case "--body-timeout" -> bodyTimeout = Duration.ofSeconds(intIn(opt, val, 1, 3600));
            case "--body-min-rate" -> bodyMinRate = intIn(opt, val, 1, 1_000_000_000);
            case "--max-enumerations-per-user" -> maxEnumerationsPerUser = intIn(opt, val, 1, 100_000);
            case "--max-subscriptions-per-user" -> maxSubscriptionsPerUser = intIn(opt, val, 1, 100_000);
            case "--max-operations-per-user" -> maxOperationsPerUser = intIn(opt, val, 1, 100_000);
            case "--max-envelope-kb" -> maxEnvelopeKb = intIn(opt, val, 8, 65536);
            default -> throw new IllegalArgumentException("unknown option " + opt);
        }
    }

    /** One or more SHA-256 certificate fingerprints, separated by commas. */
    static List<String> pins(String opt, String val) {
        List<String> out = new ArrayList<>();
        for (String p : val.split(",")) {
            try {
                out.add(OutboundTrust.pin(p));
            } catch (TlsConfigException e) {
                throw new IllegalArgumentException(opt + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Whole seconds: 0 (off) or 5 (xcp-rrdd's finest step) to 86400. */
    static Duration metricsInterval(String opt, String val) {
        int n = intIn(opt, val, 0, 86_400);
        if (n > 0 && n < 5) {
            throw new IllegalArgumentException(opt + " must be 0 (off) or at least 5 seconds: " + val);
        }
        return Duration.ofSeconds(n);
    }

    /** Seconds ("600"), with a unit ("90s", "10m", "2h"), or ISO-8601 ("PT10M"); 10 s to 7 days. */
    static Duration duration(String opt, String val) {
        Duration d;
        try {
            String v = val.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("pt") || v.startsWith("p")) {
                d = Duration.parse(val.trim().toUpperCase(Locale.ROOT));
            } else if (v.endsWith("h")) {
                d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
            }
        } catch (java.time.format.DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(opt + " must be a duration such as 600, 10m or PT10M: " + val);
        }
        if (d.compareTo(Duration.ofSeconds(10)) < 0 || d.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException(opt + " must be between 10 seconds and 7 days: " + val);
        }
        return d;
    }

    private static String level(String val) {
        String v = val.toUpperCase(Locale.ROOT);
        if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(v)) {
            throw new IllegalArgumentException("--log-level must be TRACE, DEBUG, INFO, WARN or ERROR: " + val);
        }
        return v;
    }
}
