package org.xenwbem.provider.doctor;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xenwbem.tls.HostNames;
import org.xenwbem.tls.ServerIdentity;
import org.xenwbem.tls.TlsConfigException;

/**
 * The certificate the daemon serves is within its validity period, its CN is this host's FQDN or
 * one of its addresses (what SCVMM connects to), and — when the configured PEM is given — it is
 * the configured one (a renewed certificate is only served after a restart).
 */
final class CertificateCheck implements Check {
    static final String NAME = "certificate valid, CN is this host";
    private static final Duration SOON = Duration.ofDays(30);

    @Override
    public CheckResult run(DoctorContext ctx) {
        DoctorContext.Probe p = ctx.identify();
        if (!p.ok() || p.response().chain().isEmpty()) {
            return CheckResult.skip(NAME, "no certificate could be read from the port", "fix the port check first");
        }
        X509Certificate cert = p.response().chain().get(0);
        String cn = commonName(cert);
        Instant now = Instant.now();
        String renew = "xapi's certificate: `xe host-refresh-server-certificate` (or install one with "
                + "`xe host-install-server-certificate`), then `systemctl restart xenwbem`";
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            return CheckResult.fail(NAME, "the certificate (CN=" + cn + ") expired on " + cert.getNotAfter().toInstant(), renew);
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            return CheckResult.fail(NAME, "the certificate (CN=" + cn + ") is valid only from " + cert.getNotBefore().toInstant(),
                    "check the host's clock (NTP), then the certificate");
        }
        if (ctx.options.certPem != null) {
            CheckResult same = compareWithConfigured(ctx.options.certPem.toString(), cert);
            if (same != null) {
                return same;
            }
        }
        HostNames names = ctx.hostNames();
        List<String> acceptable = new ArrayList<>(names.dnsNames());
        acceptable.add(names.commonName());
        names.ipAddresses().forEach(a -> acceptable.add(a.getHostAddress()));
        boolean matches = acceptable.stream().anyMatch(n -> n.equalsIgnoreCase(cn))
                && !cn.equalsIgnoreCase("localhost");
        if (!matches) {
            return CheckResult.fail(NAME, "the certificate's CN " + cn + " is neither this host's FQDN ("
                    + names.commonName() + ") nor one of its addresses",
                    "serve a certificate issued to " + names.commonName() + ": " + renew);
        }
        if (Instant.now().plus(SOON).isAfter(cert.getNotAfter().toInstant())) {
            return CheckResult.warn(NAME, "CN=" + cn + ", but it expires on " + cert.getNotAfter().toInstant(), renew);
        }
        return CheckResult.ok(NAME, "CN=" + cn + ", valid until " + cert.getNotAfter().toInstant()
                + (isSelfSigned(cert) ? " (self-signed: import it on the SCVMM server)" : ""));
    }

    private static CheckResult compareWithConfigured(String pem, X509Certificate served) {
        try {
            ServerIdentity configured = ServerIdentity.loadPem(java.nio.file.Path.of(pem));
            if (!configured.certificate().equals(served)) {
                return CheckResult.fail(NAME, "the daemon serves CN=" + commonName(served) + ", not the certificate in " + pem,
                        "`systemctl restart xenwbem` to serve the current certificate");
            }
            return null;
        } catch (TlsConfigException e) {
            return CheckResult.fail(NAME, "the configured certificate " + pem + " cannot be read: " + e.getMessage(),
                    "fix `certificate` in /etc/xenwbem/xenwbem.conf (a PEM with key and certificate)");
        }
    }

    static boolean isSelfSigned(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    /** The most specific CN of the subject (first in RFC 2253 order), or the whole subject when it has none. */
    static String commonName(X509Certificate c) {
        String subject = c.getSubjectX500Principal().getName();
        String cn = null;
        for (String part : subject.split("(?<!\\\\),")) {
            String p = part.strip();
            if (p.toUpperCase(Locale.ROOT).startsWith("CN=")) {
                cn = p.substring(3).replace("\\,", ",");
                break;
            }
        }
        return cn == null ? subject : cn;
    }
}
