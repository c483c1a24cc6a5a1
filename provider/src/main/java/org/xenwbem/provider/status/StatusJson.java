package org.xenwbem.provider.status;

import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;
import org.xenwbem.provider.cimom.indications.SubscriptionInfo;

/**
 * The status report as JSON ({@code Accept: application/json}), one object:
 * <pre>
 * {"version", "certificate": {"cn", "sha256"}, "health": "healthy"|"degraded", "view": "public"|"pool-admin",
 *  and for a pool-admin only:
 *  "user", "generatedAt",
 *  "pool": {"uuid", "name", "masterUuid", "masterName", "haEnabled"},
 *  "hosts": [{"uuid", "name", "address", "state": "up"|"disabled"|"down", "master", "runningVmCount", "runningVms": [names]}],
 *  "xapi": {"master", "synced", "stale", "lastHeard", "lagSeconds", "problem"},
 *  "jobs": {"running": [job], "recent": [job]},
 *      job = {"id", "method", "class", "owner", "state", "percent", "started", "finished", "error"},
 *  "transfers": [{"handle", "vdiUuid", "vdiName", "diskSize", "readOnly", "owner", "opened", "lastUsed", "requests", "uploading"}],
 *  "subscriptions": [{"id", "protocol", "owner", "mode", "destination", "expires", "filter"}],
 *  "winrm",
 *  "load": {"enumerationContexts", "pullEnumerations", "operationsInProgress"}}
 * </pre>
 * Times are ISO-8601 UTC strings or null. Members are only ever added, never renamed.
 */
public final class StatusJson {
    private final StringBuilder out = new StringBuilder(1024);

    private StatusJson() {
    }

    public static String render(StatusReport r) {
        StatusJson j = new StatusJson();
        j.out.append('{');
        j.field("version", r.version()).field("certificate", () -> j.field("cn", r.certificateCn())
                .field("sha256", r.certificateSha256())).field("health", r.health())
                .field("view", r.detail() == null ? "public" : "pool-admin");
        if (r.detail() != null) {
            j.detail(r.detail());
        }
        j.end('}');
        return j.out.append('\n').toString();
    }

    private void detail(StatusReport.Detail d) {
        StatusReport.Pool p = d.pool();
        field("user", d.user()).field("generatedAt", d.generatedAt());
        field("pool", () -> field("uuid", p.uuid()).field("name", p.name()).field("masterUuid", p.masterUuid())
                .field("masterName", p.masterName()).field("haEnabled", p.haEnabled()));
        array("hosts", d.hosts(), (j, h) -> j.field("uuid", h.uuid()).field("name", h.name()).field("address", h.address())
                .field("state", h.state()).field("master", h.master()).field("runningVmCount", h.runningVmCount())
                .strings("runningVms", h.runningVms()));
        StatusReport.Xapi x = d.xapi();
        field("xapi", () -> field("master", x.master()).field("synced", x.synced()).field("stale", x.stale())
                .field("lastHeard", x.lastHeard()).field("lagSeconds", x.lagSeconds()).field("problem", x.problem()));
        field("jobs", () -> array("running", d.runningJobs(), StatusJson::job).array("recent", d.recentJobs(),
                StatusJson::job));
        array("transfers", d.transfers(), (j, t) -> j.field("handle", t.handle()).field("vdiUuid", t.vdiUuid())
                .field("vdiName", t.vdiName()).field("diskSize", t.diskSize()).field("readOnly", t.readOnly())
                .field("owner", t.owner()).field("opened", t.opened()).field("lastUsed", t.lastUsed())
                .field("requests", t.requests()).field("uploading", t.uploading()));
        array("subscriptions", d.subscriptions(), StatusJson::subscription);
        field("winrm", d.winrm());
        StatusReport.Load l = d.load();
        field("load", () -> field("enumerationContexts", l.enumerationContexts())
                .field("pullEnumerations", l.pullEnumerations()).field("operationsInProgress", l.operationsInProgress()));
    }

    private static void job(StatusJson j, StatusReport.Job b) {
        j.field("id", b.id()).field("method", b.method()).field("class", b.jobClass()).field("owner", b.owner())
                .field("state", b.state()).field("percent", b.percent()).field("started", b.started())
                .field("finished", b.finished()).field("error", b.error());
    }

    private static void subscription(StatusJson j, SubscriptionInfo s) {
        j.field("id", s.id()).field("protocol", s.protocol()).field("owner", s.owner()).field("mode", s.mode())
                .field("destination", s.destination()).field("expires", s.expires()).field("filter", s.filter());
    }

    private StatusJson name(String name) {
        char last = out.charAt(out.length() - 1);
        if (last != '{' && last != '[') {
            out.append(',');
        }
        string(name);
        out.append(':');
        return this;
    }

    private StatusJson field(String name, Object value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof Instant i) {
            string(i.toString());
        } else {
            string(value.toString());
        }
        return this;
    }

    private StatusJson field(String name, Runnable members) {
        name(name).out.append('{');
        members.run();
        return end('}');
    }

    private <T> StatusJson array(String name, List<T> items, BiConsumer<StatusJson, T> members) {
        name(name).out.append('[');
        for (T item : items) {
            if (out.charAt(out.length() - 1) != '[') {
                out.append(',');
            }
            out.append('{');
            members.accept(this, item);
            end('}');
        }
        return end(']');
    }

    private StatusJson strings(String name, List<String> items) {
        name(name).out.append('[');
        for (String s : items) {
            if (out.charAt(out.length() - 1) != '[') {
                out.append(',');
            }
            string(s);
        }
        return end(']');
    }

    private StatusJson end(char c) {
        out.append(c);
        return this;
    }

    /** A JSON string; {@code <}, {@code >}, {@code &} and the line separators escaped too, so it is safe in any page. */
    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
