package org.xenwbem.provider.diskcli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import org.w3c.dom.Document;
import org.xenwbem.tls.OutboundTrust;
import org.xenwbem.tls.TlsConfigException;

/**
 * {@code xenwbem disk export|import}: ConnectToDiskImage over WS-Management (read-only and http for an
 * export, bits for an import), the bytes through the transfer endpoint the job names ({@link Download},
 * {@link Upload}), DisconnectFromDiskImage whatever happened. Exit status 0 when the disk moved, 1 when
 * anything failed (the message says what), 2 for a usage mistake.
 */
public final class DiskCommand {
    private final DiskOptions o;
    private final PrintStream out;
    private final Upload.Faults faults;

    private DiskCommand(DiskOptions o, PrintStream out, Upload.Faults faults) {
        this.o = o;
        this.out = out;
        this.faults = faults;
    }

    /** Runs {@code xenwbem disk ARGS}; returns the exit status. */
    public static int cli(List<String> args, PrintStream out, PrintStream err) {
        return cli(args, out, err, Upload.Faults.NONE, System.console() != null);
    }

    static int cli(List<String> args, PrintStream out, PrintStream err, Upload.Faults faults, boolean tty) {
        DiskOptions o;
        try {
            o = DiskOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("xenwbem disk: " + e.getMessage());
            return 2;
        }
        try {
            new DiskCommand(o, out, faults).run(o.bar == null ? tty : o.bar);
            return 0;
        } catch (DiskCliException e) {
            err.println("xenwbem disk: " + e.getMessage());
        } catch (SSLHandshakeException e) {
            err.println("xenwbem disk: the server's certificate is not trusted (" + e.getMessage() + "); give its "
                    + "SHA-256 fingerprint with --trusted-fingerprint, or its CA with --trust-file");
        } catch (IOException e) {
            err.println("xenwbem disk: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (TlsConfigException e) {
            err.println("xenwbem disk: " + e.getMessage());
        } catch (RuntimeException e) { // the command's boundary: a message, never a stack trace
            err.println("xenwbem disk: internal error: " + e);
        }
        return 1;
    }

    private void run(boolean tty) throws IOException, DiskCliException, TlsConfigException {
        WsmanClient ws = new WsmanClient(o.url, OutboundTrust.of(o.trustFile, o.pins).clientContext().getSocketFactory(),
                o.user, o.password(), o.timeoutSeconds);
        Duration wait = Duration.ofSeconds(o.timeoutSeconds);
        if (o.sr == null) {
            transfer(ws, wait, tty);
            return;
        }
        o.disk = create(ws, wait);
        boolean done = false;
        try {
            transfer(ws, wait, tty);
            done = true;
        } finally {
            if (!done) {
                delete(ws, wait);
            }
        }
    }

    /** CreateDiskImage in --sr, as large as the file's disk (a VHD's footer size, a raw file's length), in MiB. */
    private String create(WsmanClient ws, Duration wait) throws IOException, DiskCliException {
        long bytes = "vhd".equals(o.format) ? VhdHead.diskSize(o.file) : java.nio.file.Files.size(o.file);
        long mib = Math.max(1, (bytes + (1 << 20) - 1) >> 20);
        String name = o.name != null ? o.name : o.file.getFileName().toString();
        Document r = ws.invokeAndWait("CreateDiskImage", WsmanClient.newDiskParameter(o.sr, mib, name), wait);
        String id = WsmanClient.selector(r, "DeviceID");
        if (id == null) {
            throw new DiskCliException("CreateDiskImage named no new disk");
        }
        out.println("created disk " + id + " (" + mib + " MiB)");
        return id;
    }

    /** A failed import leaves no disk it created behind. */
    private void delete(WsmanClient ws, Duration wait) {
        try {
            ws.invokeAndWait("DeleteDiskImage", WsmanClient.diskParameter(o.disk), wait);
            out.println("deleted the disk " + o.disk + " the failed import created");
        } catch (IOException | DiskCliException e) {
            out.println("could not delete the disk " + o.disk + " the failed import created: " + e.getMessage());
        }
    }

    private void transfer(WsmanClient ws, Duration wait, boolean tty) throws IOException, DiskCliException,
            TlsConfigException {
        boolean export = o.action == DiskOptions.Action.EXPORT;
        Document job = ws.invokeAndWait("ConnectToDiskImage", WsmanClient.diskParameter(o.disk)
                + "<q:Protocol>" + (export ? "http" : "bits") + "</q:Protocol><q:UseSSL>true</q:UseSSL>"
                + "<q:ReadOnly>" + export + "</q:ReadOnly>", wait);
        String handle = required(job, "ConnectionHandle");
        boolean moved = false;
        try {
            Endpoint ep = endpoint(job);
            Progress p = new Progress(out, tty, export ? "export" : "import");
            if (export) {
                long n = new Download(ep, p).run(o.file, o.resume, "vhd".equals(o.format));
                out.printf(Locale.ROOT, "exported %d bytes (%s) to %s%n", n, o.format, o.file);
            } else {
                new Upload(ep, p, faults).run(o.file);
                out.printf(Locale.ROOT, "imported %s (%s) into disk %s%n", o.file, o.format, o.disk);
            }
            moved = true;
        } finally {
            disconnect(ws, handle, wait, moved);
        }
    }

    private Endpoint endpoint(Document job) throws DiskCliException, TlsConfigException {
        String target = required(job, "TargetURI") + ("vhd".equals(o.format) ? ".vhd" : "");
        OutboundTrust trust = OutboundTrust.of(null, List.of(fingerprint(required(job, "SSLCertificate"))));
        return new Endpoint(URI.create(target), required(job, "Username"), required(job, "Password"),
                trust.clientContext().getSocketFactory(), trust.clientParameters(), o.timeoutSeconds * 1000);
    }

    private void disconnect(WsmanClient ws, String handle, Duration wait, boolean moved) throws DiskCliException {
        try {
            ws.invokeAndWait("DisconnectFromDiskImage", "<q:ConnectionHandle>" + WsmanClient.escape(handle)
                    + "</q:ConnectionHandle>", wait);
        } catch (IOException | DiskCliException e) {
            if (moved) {
                throw new DiskCliException("the disk moved, but DisconnectFromDiskImage failed (the connection "
                        + "expires by itself): " + e.getMessage());
            }
        }
    }

    private static String required(Document job, String property) throws DiskCliException {
        String v = WsmanClient.text(job, property);
        if (v == null || v.isEmpty()) {
            throw new DiskCliException("the ConnectToDiskImage job carries no " + property
                    + (property.equals("Password") ? " (only the user who connected may read it)" : ""));
        }
        return v;
    }

    /** The SHA-256 fingerprint of the PEM certificate the job handed over: the only one the endpoint may present. */
    static String fingerprint(String pem) throws DiskCliException {
        try {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new DiskCliException("the job's SSLCertificate is not a certificate: " + e.getMessage());
        }
    }
}
