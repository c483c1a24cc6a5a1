package org.xenwbem.bridge.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code event.from(classes, token, timeout)} (xenapi.md §2.8): token "" returns every current
 * object as an {@code add}; later tokens are {@code "%020d,%020d"} (generation, message generation).
 * Blocks until a subscribed object changes or the timeout passes (then an empty batch).
 */
final class SimEvents {
    private static final Pattern TOKEN = Pattern.compile("(\\d{1,20}),(\\d{1,20})");
    private static final double MAX_TIMEOUT_SECONDS = 3_600;

    private final SimDatabase db;

    SimEvents(SimDatabase db) {
        this.db = db;
    }

    Map<String, Object> from(List<?> classes, String token, double timeoutSeconds) throws InterruptedException {
        long since = parseToken(token);
        db.consumed(since);
        if (!token.isEmpty() && db.lost(since)) {
            throw new SimFault("EVENTS_LOST");
        }
        Subscription sub = Subscription.parse(classes);
        long timeoutMillis = (long) (Math.max(0, Math.min(timeoutSeconds, MAX_TIMEOUT_SECONDS)) * 1000);
        SimDatabase.Changes changes = db.awaitChanges(sub, since, timeoutMillis);
        List<Object> events = new ArrayList<>();
        String timestamp = timestamp();
        for (SimDatabase.Change c : changes.changes()) {
            if (token.isEmpty() && c.snapshot() == null) {
                continue;
            }
            events.add(event(c, timestamp));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("events", events);
        result.put("valid_ref_counts", validRefCounts(sub));
        result.put("token", String.format("%020d,%020d", changes.generation(), 0));
        return result;
    }

    private static long parseToken(String token) {
        if (token.isEmpty()) {
            return 0;
        }
        Matcher m = TOKEN.matcher(token);
        if (!m.matches()) {
            throw new SimFault("EVENT_FROM_TOKEN_PARSE_FAILURE", token);
        }
        return Long.parseLong(m.group(1));
    }

    private static Map<String, Object> event(SimDatabase.Change c, String timestamp) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", c.generation());
        e.put("timestamp", timestamp);
        e.put("class", c.eventClass());
        e.put("operation", c.operation());
        e.put("ref", c.ref());
        if (c.snapshot() != null) {
            e.put("snapshot", c.snapshot());
        }
        return e;
    }

    private Map<String, Object> validRefCounts(Subscription sub) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (String cls : db.classes()) {
            String ec = SimDatabase.eventClass(cls);
            if (sub.all || sub.classes.contains(ec)) {
                counts.put(ec, db.count(cls));
            }
        }
        return counts;
    }

    private static String timestamp() {
        Instant now = Instant.now();
        return now.getEpochSecond() + "." + String.format("%06d", now.getNano() / 1000);
    }

    /** The parsed class list: "*", lower-case class names, or "class/ref". */
    private static final class Subscription implements BiPredicate<String, String> {
        final boolean all;
        final Set<String> classes = new LinkedHashSet<>();
        final Set<String> objects = new LinkedHashSet<>();

        private Subscription(boolean all) {
            this.all = all;
        }

        static Subscription parse(List<?> entries) {
            boolean all = entries.contains("*");
            Subscription s = new Subscription(all);
            for (Object o : entries) {
                String e = String.valueOf(o).toLowerCase(Locale.ROOT);
                if (e.isEmpty() || e.startsWith("/") || e.endsWith("/")) {
                    throw new SimFault("EVENT_SUBSCRIPTION_PARSE_FAILURE", String.valueOf(o));
                }
                int slash = e.indexOf('/');
                if (slash > 0) {
                    s.objects.add(e.substring(0, slash) + "/" + String.valueOf(o).substring(slash + 1));
                } else {
                    s.classes.add(e);
                }
            }
            return s;
        }

        @Override
        public boolean test(String eventClass, String ref) {
            return all || classes.contains(eventClass) || objects.contains(eventClass + "/" + ref);
        }
    }
}
