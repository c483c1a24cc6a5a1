package org.xenwbem.provider.doctor;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code Xen_HostComputerSystem.CN} (asked of the running daemon over WS-Man) includes the CN of
 * the certificate it serves: SCVMM matches the two when it adds the host.
 */
final class HostCnCheck implements Check {
    static final String NAME = "Xen_HostComputerSystem.CN matches the certificate";

    @Override
    public CheckResult run(DoctorContext ctx) {
        DoctorContext.Probe id = ctx.identify();
        if (!id.ok() || id.response().chain().isEmpty()) {
            return CheckResult.skip(NAME, "the daemon did not answer", "fix the port check first");
        }
        if (!ctx.hasPassword()) {
            return CheckResult.skip(NAME, "no password given", "run `xenwbem doctor --password-file FILE` "
                    + "(FILE holds the password of " + ctx.options.user + ")");
        }
        String certCn = CertificateCheck.commonName(id.response().chain().get(0));
        char[] pw = ctx.password();
        try {
            WsmanProbe.Response r = ctx.probe().enumerateHosts(ctx.options.user, pw);
            if (r.status() == 401) {
                return CheckResult.fail(NAME, "the daemon refused the credentials of " + ctx.options.user,
                        "check the password (see the xapi check below); the daemon checks it with xapi");
            }
            List<String> cns = WsmanProbe.texts(r.body(), "CN");
            if (r.status() != 200) {
                List<String> reason = WsmanProbe.texts(r.body(), "Text");
                return CheckResult.fail(NAME, "Enumerate Xen_HostComputerSystem failed with HTTP " + r.status()
                        + (reason.isEmpty() ? "" : ": " + reason.get(0)),
                        "see `journalctl -u xenwbem` for the cause");
            }
            if (cns.isEmpty()) {
                return CheckResult.fail(NAME, "Enumerate Xen_HostComputerSystem returned no host",
                        "the daemon has not synchronised with xapi yet: wait a minute, or check the xapi check below");
            }
            if (!cns.contains(certCn)) {
                return CheckResult.fail(NAME, "no Xen_HostComputerSystem has CN " + certCn + " (found " + cns + ")",
                        "`systemctl restart xenwbem` so that the daemon publishes the certificate it serves");
            }
            return CheckResult.ok(NAME, "CN=" + certCn + " (" + cns.size() + " host" + (cns.size() == 1 ? "" : "s")
                    + " in the pool)");
        } catch (IOException e) {
            return CheckResult.fail(NAME, "Enumerate Xen_HostComputerSystem failed: " + e.getMessage(),
                    "see `journalctl -u xenwbem` for the cause");
        } finally {
            Arrays.fill(pw, '\0');
        }
    }
}
