package org.xenwbem.provider.doctor;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.XenBridge;

/**
 * {@code xenwbem doctor [--verify-install] [options]}: runs the checklist, prints one line per
 * check (and what to do for each failure), then the {@code winrm enum} line to run from the SCVMM
 * server. Exit status 0 when no check failed, 1 when one did, 2 for bad options.
 */
public final class DoctorCommand {
    private DoctorCommand() {
    }

    /**
     * The command line entry: quiet library logging, then {@link #run}.
     *
     * @param bridges gives what connects a XenAPI bridge (the daemon's wiring, {@code XenBridges::connect}),
     *                asked for only when a check connects: {@code --verify-install} must load no bridge class
     */
    public static int cli(List<String> args, PrintStream out, PrintStream err,
                          Supplier<Function<BridgeConfig, XenBridge>> bridges) {
        QuietLogs.apply();
        return run(args, out, err, true, bridges);
    }

    /**
     * Runs the doctor.
     *
     * @param mayPrompt ask for the password on the console when no --password-file is given
     * @param bridges connects a XenAPI bridge for the xapi login check
     */
    public static int run(List<String> args, PrintStream out, PrintStream err, boolean mayPrompt,
                          Supplier<Function<BridgeConfig, XenBridge>> bridges) {
        DoctorOptions o;
        char[] password;
        try {
            o = DoctorOptions.parse(args);
            password = o.readPassword();
        } catch (IllegalArgumentException e) {
            err.println("xenwbem doctor: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("xenwbem doctor: cannot read the password file: " + e.getMessage());
            return 2;
        }
        if (password == null && mayPrompt && !o.verifyInstallOnly) {
            Console c = System.console();
            if (c != null) {
                password = c.readPassword("password of %s (for xapi and WS-Man; Enter to skip those checks): ", o.user);
                if (password != null && password.length == 0) {
                    password = null;
                }
            }
        }
        DoctorContext ctx = new DoctorContext(o, password, bridges);
        List<Check> checks = o.verifyInstallOnly ? List.of(new InstallationCheck())
                : List.of(new NameResolutionCheck(), new ListenerCheck(), new CertificateCheck(), new HostCnCheck(),
                        new XapiLoginCheck(), new InstallationCheck());
        List<CheckResult> results = new ArrayList<>();
        for (Check c : checks) {
            CheckResult r = c.run(ctx);
            results.add(r);
            print(out, r);
        }
        if (password != null) {
            Arrays.fill(password, '\0');
        }
        long failed = results.stream().filter(r -> r.status() == CheckResult.Status.FAIL).count();
        if (!o.verifyInstallOnly) {
            out.println();
            out.println("From the SCVMM server, check the connection with:");
            out.println("  " + winrmLine(ctx));
        }
        out.println();
        out.println(failed == 0 ? "doctor: no check failed" : "doctor: " + failed + " check" + (failed == 1 ? "" : "s") + " failed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    private static void print(PrintStream out, CheckResult r) {
        String tag = switch (r.status()) {
            case OK -> "[ ok ]";
            case WARN -> "[warn]";
            case FAIL -> "[FAIL]";
            case SKIP -> "[skip]";
        };
        out.println(tag + " " + r.check() + ": " + r.finding());
        if (r.remedy() != null && r.status() != CheckResult.Status.OK) {
            out.println("       what to do: " + r.remedy());
        }
    }

    /**
     * The exact command for Windows {@code winrm}, addressed to the name SCVMM should use: the
     * certificate's CN when known, else this host's CN. The password stays a placeholder.
     */
    static String winrmLine(DoctorContext ctx) {
        String host = ctx.hostNames().commonName();
        boolean selfSigned = true;
        DoctorContext.Probe p = ctx.identify();
        if (p.ok() && !p.response().chain().isEmpty()) {
            X509Certificate cert = p.response().chain().get(0);
            host = CertificateCheck.commonName(cert);
            selfSigned = CertificateCheck.isSelfSigned(cert);
        }
        return "winrm enum " + WsmanProbe.HOST_CLASS_URI + " -r:https://" + host + ":" + ctx.options.port
                + " -encoding:utf-8 -a:basic -u:" + ctx.options.user + " -p:<password of " + ctx.options.user + ">"
                + (selfSigned ? " -skipcacheck" : "");
    }
}
