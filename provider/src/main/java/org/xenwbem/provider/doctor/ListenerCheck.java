package org.xenwbem.provider.doctor;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import javax.net.ssl.SSLException;

/** The port listens, speaks TLS, and answers WS-Man Identify (anonymously, as SCVMM first does). */
final class ListenerCheck implements Check {
    static final String NAME = "port answers WS-Man Identify";

    @Override
    public CheckResult run(DoctorContext ctx) {
        String where = WsmanProbe.url(ctx.options.host, ctx.options.port);
        String service = "run `systemctl status xenwbem` and `journalctl -u xenwbem`; "
                + "check `port` and `bind` in /etc/xenwbem/xenwbem.conf, then `systemctl restart xenwbem`";
        DoctorContext.Probe p = ctx.identify();
        if (!p.ok()) {
            IOException e = p.failure();
            if (e instanceof ConnectException) {
                return CheckResult.fail(NAME, "nothing listens on " + where, service);
            }
            if (e instanceof SocketTimeoutException) {
                return CheckResult.fail(NAME, where + " did not answer within " + ctx.options.timeoutSeconds + " s", service);
            }
            if (e instanceof SSLException) {
                return CheckResult.fail(NAME, "TLS handshake with " + where + " failed: " + e.getMessage(),
                        "the daemon must serve the certificate it reads (`certificate` in /etc/xenwbem/xenwbem.conf, "
                                + "else the one generated in `state_dir`): `systemctl restart xenwbem` after changing it, "
                                + "and see the daemon's log");
            }
            return CheckResult.fail(NAME, "cannot reach " + where + ": " + e, service);
        }
        WsmanProbe.Response r = p.response();
        try {
            List<String> vendor = WsmanProbe.texts(r.body(), "ProductVendor");
            List<String> version = WsmanProbe.texts(r.body(), "ProductVersion");
            if (r.status() != 200 || vendor.isEmpty()) {
                return CheckResult.fail(NAME, where + " answered Identify with HTTP " + r.status() + " and no IdentifyResponse",
                        "another service may hold the port; `ss -ltnp | grep :" + ctx.options.port + "` shows which");
            }
            return CheckResult.ok(NAME, where + " answers Identify: " + vendor.get(0)
                    + (version.isEmpty() ? "" : " " + version.get(0)));
        } catch (IOException e) {
            return CheckResult.fail(NAME, where + " answered Identify with HTTP " + r.status() + " and " + e.getMessage(),
                    "another service may hold the port; `ss -ltnp | grep :" + ctx.options.port + "` shows which");
        }
    }
}
