package org.xenwbem.provider.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.xenwbem.provider.cimom.indications.SubscriptionInfo;

/**
 * The status report as one small HTML page: no script, one style block allowed by its hash in the
 * {@link #CONTENT_SECURITY_POLICY}, every value escaped ({@link #escape}), so a VM called
 * {@code <script>} shows as text.
 */
public final class StatusHtml {
    private static final String STYLE = "body{font:14px/1.4 sans-serif;margin:1.5em;color:#222;background:#fff}"
            + "h1{font-size:1.4em;margin:0 0 .3em}h2{font-size:1.1em;margin:1.2em 0 .3em;border-bottom:1px solid #ccc}"
            + "table{border-collapse:collapse}td,th{padding:.2em .8em .2em 0;text-align:left;vertical-align:top}"
            + "th{color:#555;font-weight:600}.ok{color:#fff;background:#2a7d2a;padding:.1em .5em;border-radius:3px}"
            + ".bad{color:#fff;background:#b3261e;padding:.1em .5em;border-radius:3px}.dim{color:#666}"
            + "code,pre{font-family:monospace;background:#f3f3f3;padding:.1em .3em}pre{padding:.5em;white-space:pre-wrap}"
            + "progress{width:8em}h3{font-size:1em;margin:.6em 0 .2em}";
    /** Nothing may load or run but the page's own style block. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
            + "'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

    private final StringBuilder out = new StringBuilder(4096);

    private StatusHtml() {
    }

    /**
     * The page. {@code note} (may be null) is shown above the safe part, e.g. why a signed-in user sees
     * only that; {@code fullLink} offers the full page (a link that asks for credentials).
     */
    public static String render(StatusReport r, String note, boolean fullLink) {
        StatusHtml h = new StatusHtml();
        StatusReport.Detail d = r.detail();
        String title = d == null || d.pool().name().isEmpty() ? "xenwbem" : "xenwbem \u2014 " + d.pool().name();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").text(title)
                .raw("</title><style>").raw(STYLE).raw("</style></head><body>\n<h1>").text(title).raw("</h1>\n");
        h.safe(r, note, fullLink);
        if (d != null) {
            h.pool(d);
            h.jobs(d);
            h.transfers(d.transfers(), d.generatedAt());
            h.subscriptions(d.subscriptions());
            h.raw("<h2>Try it</h2><pre id=\"winrm\">").text(d.winrm()).raw("</pre>\n");
            h.raw("<p class=\"dim\">made for ").text(d.user()).raw(" at ").text(TIME.format(d.generatedAt().truncatedTo(ChronoUnit.SECONDS)))
                    .raw("; the same as JSON: <code>Accept: application/json</code></p>\n");
        }
        return h.raw("</body></html>\n").out.toString();
    }

    private void safe(StatusReport r, String note, boolean fullLink) {
        if (note != null) {
            raw("<p class=\"dim\">").text(note).raw("</p>\n");
        }
        raw("<table>").row("Status", "<span id=\"health\" class=\"" + (StatusReport.HEALTHY.equals(r.health()) ? "ok" : "bad")
                + "\">" + escape(r.health()) + "</span>");
        row("Version", escape(r.version())).row("Certificate CN", escape(r.certificateCn()))
                .row("Certificate SHA-256", "<code>" + escape(r.certificateSha256()) + "</code>")
                .row("Endpoints", "<code>POST /wsman</code> (WS-Management), <code>POST /cimom</code> (CIM-XML)");
        raw("</table>\n");
        if (fullLink) {
            raw("<p><a href=\"/?view=full\">Sign in as a pool administrator</a> for the pool, jobs and transfers.</p>\n");
        }
    }

    private void pool(StatusReport.Detail d) {
        StatusReport.Pool p = d.pool();
        StatusReport.Xapi x = d.xapi();
        raw("<h2>Pool</h2><table>").row("Name", escape(p.name())).row("Master", escape(p.masterName()) + " <span class=\"dim\">"
                + escape(p.masterUuid()) + "</span>").row("HA", p.haEnabled() ? "enabled" : "disabled");
        row("xapi", x.stale() ? "<span class=\"bad\">unreachable</span> (serving the last mirror)"
                : x.synced() ? "<span class=\"ok\">connected</span>" : "<span class=\"bad\">not synchronised yet</span>");
        row("Master address", x.master().isEmpty() ? "\u2014" : escape(x.master()));
        row("Last heard", x.lastHeard() == null ? "\u2014" : escape(TIME.format(x.lastHeard().truncatedTo(ChronoUnit.SECONDS))) + " ("
                + x.lagSeconds() + " s ago)");
        if (!x.problem().isEmpty()) {
            row("Problem", escape(x.problem()));
        }
        raw("</table>\n<h2>Hosts</h2>");
        table(List.of("Host", "Address", "State", "Running VMs"), d.hosts(), h -> List.of(
                escape(h.name()) + (h.master() ? " <b>(master)</b>" : ""), escape(h.address()),
                "<span class=\"" + ("up".equals(h.state()) ? "ok" : "bad") + "\">" + escape(h.state()) + "</span>",
                h.runningVmCount() + (h.runningVms().isEmpty() ? "" : ": " + escape(String.join(", ", h.runningVms()))
                        + (h.runningVmCount() > h.runningVms().size() ? ", \u2026" : ""))));
    }

    private void jobs(StatusReport.Detail d) {
        raw("<h2>Jobs</h2>");
        Function<StatusReport.Job, List<String>> cells = j -> List.of(escape(j.method()), escape(j.owner()),
                escape(j.state()), "<progress max=\"100\" value=\"" + j.percent() + "\"></progress> " + j.percent() + " %",
                escape(TIME.format(j.started().truncatedTo(ChronoUnit.SECONDS))), escape(j.error()));
        raw("<h3>Running</h3>");
        table(List.of("Method", "Owner", "State", "Progress", "Started", ""), d.runningJobs(), cells);
        raw("<h3>Recent</h3>");
        table(List.of("Method", "Owner", "State", "Progress", "Started", "Error"), d.recentJobs(), cells);
    }

    private void transfers(List<StatusReport.Transfer> transfers, Instant now) {
        raw("<h2>Disk transfers</h2>");
        table(List.of("Disk", "Owner", "Mode", "Size", "Open for", "Activity"), transfers, t -> List.of(
                escape(t.vdiName().isEmpty() ? t.vdiUuid() : t.vdiName()) + " <span class=\"dim\">" + escape(t.vdiUuid())
                        + "</span>", escape(t.owner()), t.readOnly() ? "read" : "read/write", bytes(t.diskSize()),
                age(t.opened(), now), t.uploading() ? "uploading" : t.requests() > 0 ? t.requests() + " request(s)" : "idle"));
    }

    private void subscriptions(List<SubscriptionInfo> subs) {
        raw("<h2>Event subscriptions</h2>");
        table(List.of("Protocol", "Owner", "Mode", "Destination", "Expires", "Filter"), subs, s -> List.of(
                escape(s.protocol()), escape(s.owner()), escape(s.mode()), escape(s.destination()),
                s.expires() == null ? "never" : escape(TIME.format(s.expires().truncatedTo(ChronoUnit.SECONDS))),
                escape(s.filter())));
    }

    private <T> void table(List<String> heads, List<T> rows, Function<T, List<String>> cells) {
        if (rows.isEmpty()) {
            raw("<p class=\"dim\">none</p>\n");
            return;
        }
        raw("<table><tr>");
        heads.forEach(h -> raw("<th>").text(h).raw("</th>"));
        raw("</tr>\n");
        for (T row : rows) {
            raw("<tr>");
            cells.apply(row).forEach(c -> raw("<td>").raw(c).raw("</td>"));
            raw("</tr>\n");
        }
        raw("</table>\n");
    }

    /** A row whose value is already HTML (escaped by the caller). */
    private StatusHtml row(String head, String html) {
        return raw("<tr><th>").text(head).raw("</th><td>").raw(html).raw("</td></tr>\n");
    }

    private StatusHtml raw(String html) {
        out.append(html);
        return this;
    }

    private StatusHtml text(String s) {
        out.append(escape(s));
        return this;
    }

    /** Text as HTML: the five markup characters become entities (safe in element content and quoted attributes). */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String age(Instant since, Instant now) {
        long s = Math.max(0, Duration.between(since, now).toSeconds());
        return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
