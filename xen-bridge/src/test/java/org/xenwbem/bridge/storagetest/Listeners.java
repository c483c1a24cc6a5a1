package org.xenwbem.bridge.storagetest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The TCP and UDP listening addresses of given processes, from {@code ss -lntupH} (storage.md §11.2). */
public final class Listeners {
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private Listeners() {
    }

    /** Every local address ("127.0.0.1:6800", "*:111", "[::]:111") on which one of {@code pids} listens. */
    public static List<String> of(List<Long> pids) {
        return parse(Proc.run(Path.of("/tmp"), StorageDaemons.env(), 30, List.of("ss", "-lntupH")).orThrow(), pids);
    }

    /** The local addresses of the lines of {@code ss -lntupH} output that belong to one of {@code pids}. */
    static List<String> parse(String out, List<Long> pids) {
        List<String> found = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 7) {
                continue;
            }
            Matcher m = PID.matcher(line);
            while (m.find()) {
                if (pids.contains(Long.parseLong(m.group(1)))) {
                    found.add(f[4]);
                    break;
                }
            }
        }
        return found;
    }
}
