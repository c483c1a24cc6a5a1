package org.xenwbem.provider.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.xenwbem.bridge.connect.XenBridges;
import org.xenwbem.bridge.spi.PoolSimulators;
import org.xenwbem.provider.config.ServerOptions;

/**
 * The command line: {@code serve} (the daemon), {@code demo} (serve --simulate for a first-time
 * user, with what to type next), {@code sim} (the simulated XenAPI pool alone), {@code disk} (a disk
 * to or from a file through a daemon), {@code --version}.
 */
public final class Main {
    private Main() {
    }

    /** What the shutdown hook does before logging stops (the daemon's close, once serving). */
    private static volatile Runnable beforeExit = () -> { };

    public static void main(String[] args) {
        // one hook, so that what the daemon logs while stopping is written before logging stops
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            beforeExit.run();
            Logging.stop();
        }, "xenwbem-shutdown"));
        int rc = run(args, System.out, System.err);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "--version", "version" -> {
                    out.println("xenwbem " + Version.get());
                    return 0;
                }
                case "sim" -> {
                    return PoolSimulators.require().serveStandalone(rest.toArray(new String[0]), out);
                }
                case "serve" -> {
                    return serve(ServerOptions.parse(rest, new ServerOptions()), out, false);
                }
                case "doctor" -> {
                    // supplied, not passed: the bridge classes load only when a check connects, so that
                    // doctor --verify-install still reports an altered or missing jar instead of failing on it
                    return org.xenwbem.provider.doctor.DoctorCommand.cli(rest, out, err, () -> XenBridges::connect);
                }
                case "disk" -> {
                    return org.xenwbem.provider.diskcli.DiskCommand.cli(rest, out, err);
                }
                case "demo" -> {
                    return serve(ServerOptions.parse(rest, demoDefaults()), out, true);
                }
                default -> {
                    err.println("xenwbem: unknown command " + args[0]);
                    usage(err);
                    return 2;
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("xenwbem: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("xenwbem: cannot start: " + e.getMessage());
            return 1;
        }
    }

    /** The demo: simulated pool, loopback only, the standard port when free, state under ~/.xenwbem. */
    static ServerOptions demoDefaults() {
        ServerOptions o = new ServerOptions();
        o.simulate = true;
        o.bind = "127.0.0.1";
        o.stateDir = Path.of(System.getProperty("user.home"), ".xenwbem", "demo");
        return o;
    }

    private static int serve(ServerOptions o, PrintStream out, boolean demo) throws Exception {
        Logging.configure(o.logLevel, o.logFile, new Logging.Keeping((long) o.logMaxSizeMb << 20, o.logFiles,
                Logging.Keeping.DEFAULT.repeatPeriod()));
        Daemon d = Daemon.start(o);
        CountDownLatch stopped = new CountDownLatch(1);
        beforeExit = () -> {
            d.close();
            stopped.countDown();
        };
        String base = "https://" + d.displayHost() + ":" + d.port();
        out.println("listening on " + base + "/wsman");
        if (demo) {
            DemoText.print(out, d, base);
        }
        out.flush();
        stopped.await();
        return 0;
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: xenwbem COMMAND [OPTIONS]

                commands:
                  serve    run the WBEM daemon (HTTPS, /wsman and /cimom)
                  demo     run the daemon on an embedded simulated pool, and say what to try
                  sim      run the simulated XenAPI pool alone (XML-RPC over HTTP)
                  doctor   check what SCVMM needs (names, certificate, port, xapi login, installation);
                           doctor --verify-install checks only the installed files against their signed manifest
                  disk     export a disk to a file, or import a file into a disk, through a daemon
                           (disk export|import; see "disk options" below)
                  --version

                serve / demo options:
                  --simulate               serve an in-process simulated pool instead of xapi
                  --port N                 HTTPS port (default 5989; 0 picks a free one)
                  --transfer-port N        HTTPS port of the disk transfer endpoint (default: --port + 1)
                  --bind ADDR              address to listen on (serve: 0.0.0.0, demo: 127.0.0.1)
                  --state-dir DIR          generated certificate and state (default /var/lib/xenwbem)
                  --xapi URL               xapi to use (default http://127.0.0.1/)
                  --xapi-user USER         service account for the pool mirror (default root)
                  --xapi-password-file F   its password, read from a file
                  --xapi-trust-file FILE   PEM certificates (CAs, or xapi's own) trusted when --xapi is https,
                                           besides the system trust store
                  --xapi-trust-pin FPR     SHA-256 fingerprint(s) of trusted xapi certificates (repeat, or
                                           separate with commas); names in them are then not checked
                  --cert-pem FILE          PEM with key and certificate (default /etc/xensource/xapi-ssl.pem
                                           when present, else a generated self-signed certificate)
                  --cert-reload-interval S how often that PEM is checked for a rotated certificate, which is
                                           then served without a restart (default 10; 0: never)
                  --event-trust-file FILE  PEM certificates (CAs, or a listener's own) trusted for https event
                                           subscribers and CIM-XML listeners, besides the system trust store
                  --event-trust-pin FPR    SHA-256 fingerprint(s) of trusted subscriber certificates (repeat,
                                           or separate with commas); names in them are then not checked
                  --sim-password PW        the simulated pool's root password (generated when omitted)
                  --sim-hosts N --sim-vms N --sim-seed N   shape of the simulated pool
                  --sim-disks-per-vm N --sim-nics-per-vm N  devices per seeded VM (default 1 each)
                  --sim-storage DIR        where the simulated SRs keep their disks' bytes (sparse files,
                                           <DIR>/<sr-uuid>/<vdi-uuid>.raw; kept on exit; default a
                                           temporary directory deleted on exit)
                  --sim-standalone-hosts N hosts outside the pool, at 127.0.0.201.. with the pool's root
                                           password, for Xen_HostPool.AddHost to join (default 0)
                  --metrics-interval S     sample disk and NIC metrics from each host's RRD every S seconds
                                           (default 60; 0 turns it off, values stay empty)
                  --max-connections N      connections open at once, in total (default 1024)
                  --max-connections-per-client N   ... from one address, or one IPv6 /64 (default 64)
                  --header-timeout S       seconds a connection has for a request's headers (default 20)
                  --body-timeout S         seconds a request body has, plus 1 s per --body-min-rate
                  --body-min-rate BYTES    bytes received (defaults 20 and 500: mod_reqtimeout's)
                  --max-operations-per-user N     requests one user may have in progress (default 32)
                  --max-enumerations-per-user N   open enumerations per user and protocol (default 64)
                  --max-subscriptions-per-user N  subscriptions per user, WS-Eventing and CIM-XML each (default 16)
                  --max-envelope-kb N      largest WS-Man response in KiB, whatever MaxEnvelopeSize asks
                                           (default 512; 8 to 65536); larger results are paged
                  --log-level LEVEL        TRACE, DEBUG, INFO (default), WARN, ERROR
                  --log-file FILE          also log to FILE
                  --log-max-size MB        rotate FILE before it exceeds MB MiB (default 20; 0: never)
                  --log-files N            rotated files kept, FILE.1 .. FILE.N (default 5)

                sim options: --port N --bind ADDR --hosts N --vms N --seed N --sim-password PW --sim-storage DIR

                disk options:
                  disk export --url https://HOST:5989 --user U --password-file F --disk DISK
                              --format vhd|raw --out FILE [--resume]
                  disk import --url https://HOST:5989 --user U --password-file F --disk DISK
                              --format vhd|raw --in FILE
                  disk import ... --sr SR_UUID [--name NAME] --in FILE   into a new disk of the SR, sized
                                             from the file (deleted again if the import fails)
                    DISK                     a VDI uuid or a Xen_DiskImage DeviceID (Xen:<sr>/<vdi>)
                    --format                 default: vhd for a *.vhd file, raw otherwise
                    --resume                 continue a partial download from the file's size (HTTP Range);
                                             an upload resumes by itself after a dropped connection (BITS)
                    --trusted-fingerprint F  SHA-256 fingerprint of the daemon's certificate (xenwbem doctor
                                             prints it); or --trust-file PEM (its CA); else the system store.
                                             The transfer endpoint is trusted by the certificate its job names
                    --progress / --no-progress   force the bar on or off (default: a bar on a terminal)
                    --timeout S              seconds for each exchange and each job (default 120)
                  exit status: 0 done, 1 failed (the message says why), 2 usage

                doctor options: --host H --port N --user U --password-file F --xapi URL --cert-pem F
                                --root DIR --manifest F --trusted-fingerprint FPR --timeout S --verify-install
                """);
    }
}
