package org.xenwbem.provider.doctor;

import java.time.Duration;
import java.util.Arrays;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.CredentialChecker;
import org.xenwbem.bridge.XenBridge;

/**
 * xapi answers on the configured URL and {@code session.login_with_password} accepts the given
 * credentials over TCP — exactly how the daemon checks the Basic credentials SCVMM sends.
 */
final class XapiLoginCheck implements Check {
    static final String NAME = "xapi reachable, credentials log in";

    @Override
    public CheckResult run(DoctorContext ctx) {
        String url = ctx.options.xapi.toString();
        if (!ctx.hasPassword()) {
            return CheckResult.skip(NAME, "no password given", "run `xenwbem doctor --password-file FILE` "
                    + "(FILE holds the password of " + ctx.options.user + ")");
        }
        char[] pw = ctx.password();
        Duration timeout = Duration.ofSeconds(ctx.options.timeoutSeconds);
        try (XenBridge bridge = ctx.connect(new BridgeConfig(ctx.options.xapi, ctx.options.user, pw,
                Duration.ofSeconds(1), timeout))) {
            CredentialChecker.AuthOutcome out = bridge.credentials().check(ctx.options.user, pw, "xenwbem-doctor");
            return switch (out.status()) {
                case OK -> CheckResult.ok(NAME, ctx.options.user + " logs in to xapi at " + url
                        + (out.role() == null || out.role().isEmpty() ? "" : " (role " + out.role() + ")"));
                case DENIED -> CheckResult.fail(NAME, "xapi at " + url + " rejected the password of " + ctx.options.user,
                        "use the pool's root password (or an Active Directory account with a pool role); "
                                + "SCVMM must use the same credentials");
                case RATE_LIMITED -> CheckResult.fail(NAME, "too many failed logins just now",
                        "wait a minute and run the doctor again");
                case UNAVAILABLE -> CheckResult.fail(NAME, "xapi does not answer at " + url
                        + (out.detail() == null ? "" : ": " + out.detail()),
                        "check `systemctl status xapi` and `xapi` in /etc/xenwbem/xenwbem.conf");
            };
        } finally {
            Arrays.fill(pw, '\0');
        }
    }
}
