package org.xenwbem.pack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills {@code @TOKEN@} placeholders; a placeholder left without a value fails the build. */
final class Templates {
    private static final Pattern TOKEN = Pattern.compile("@([A-Z_]+)@");

    private Templates() {
    }

    static String fill(String text, Map<String, String> values, String what) throws PackException {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new PackException(what + " uses @" + m.group(1) + "@, which the build does not define");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String fill(Path template, Map<String, String> values) throws PackException {
        try {
            return fill(Files.readString(template, StandardCharsets.UTF_8), values, template.toString());
        } catch (IOException e) {
            throw new PackException("cannot read the template " + template + ": " + e.getMessage(), e);
        }
    }
}
