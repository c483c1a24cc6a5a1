package org.xenwbem.provider.config;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The argument loop and value checks the commands' option parsers share: {@code --opt value} or
 * {@code --opt=value}, flags taking no value. Every mistake is an {@link IllegalArgumentException}
 * whose message is shown to the user as it is.
 */
public final class OptionArgs {
    private OptionArgs() {
    }

    /**
     * Walks {@code args}: a flag named in {@code flags} runs its action (a value given with {@code =}
     * is ignored); any other option takes the value after {@code =} or the next argument and goes to
     * {@code option}, which rejects what it does not know.
     */
    public static void parse(List<String> args, Map<String, Runnable> flags, BiConsumer<String, String> option) {
        for (int i = 0; i < args.size(); i++) {
            String opt = args.get(i);
            String val = null;
            int eq = opt.indexOf('=');
            if (opt.startsWith("--") && eq > 0) {
                val = opt.substring(eq + 1);
                opt = opt.substring(0, eq);
            }
            Runnable flag = flags.get(opt);
            if (flag != null) {
                flag.run();
                continue;
            }
            if (val == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(opt + " needs a value");
                }
                val = args.get(++i);
            }
            option.accept(opt, val);
        }
    }

    /** {@code val} as a whole number from {@code min} to {@code max}. */
    public static int intIn(String opt, String val, int min, int max) {
        try {
            int n = Integer.parseInt(val);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(opt + " must be a number from " + min + " to " + max + ": " + val);
    }

    /** {@code val} as an http:// or https:// URL with a host. */
    public static URI httpUrl(String opt, String val) {
        URI u = URI.create(val);
        if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
            throw new IllegalArgumentException(opt + " must be an http:// or https:// URL: " + val);
        }
        return u;
    }
}
