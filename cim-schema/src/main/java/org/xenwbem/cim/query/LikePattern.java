package org.xenwbem.cim.query;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.xenwbem.cim.query.QueryException.Reason;

/**
 * A compiled WQL LIKE pattern: {@code %} any run (also empty), {@code _} one character, {@code [abc]},
 * {@code [a-z]} and {@code [^x]} one character of (or not of) a set; {@code [%]} and {@code [_]} match
 * those characters literally, and a {@code ]} first in a set is literal. Case-insensitive.
 * Matching is a linear scan with one backtrack point (no regular expressions), so it costs at most
 * O(pattern × text) whatever the pattern.
 */
public final class LikePattern {
    /** The {@code %} element; every other element matches exactly one code point. */
    private static final IntPredicate ANY_RUN = new IntPredicate() {
        @Override
        public boolean test(int cp) {
            return true;
        }
    };

    private final String text;
    private final List<IntPredicate> elements;

    private LikePattern(String text, List<IntPredicate> elements) {
        this.text = text;
        this.elements = List.copyOf(elements);
    }

    /** @param column where the pattern's literal starts in the query, for error messages */
    static LikePattern compile(String pattern, int column) throws QueryException {
        List<IntPredicate> out = new ArrayList<>();
        int[] cps = pattern.codePoints().toArray();
        int i = 0;
        while (i < cps.length) {
            int c = cps[i];
            if (c == '%') {
                if (out.isEmpty() || out.get(out.size() - 1) != ANY_RUN) {
                    out.add(ANY_RUN);
                }
                i++;
            } else if (c == '_') {
                out.add(cp -> true);
                i++;
            } else if (c == '[') {
                i = set(cps, i + 1, out, column);
            } else {
                out.add(cp -> fold(cp) == fold(c));
                i++;
            }
        }
        return new LikePattern(pattern, out);
    }

    /** Parses a set after its '['; returns the index after its ']'. */
    private static int set(int[] cps, int start, List<IntPredicate> out, int column) throws QueryException {
        int i = start;
        boolean negated = i < cps.length && cps[i] == '^';
        i += negated ? 1 : 0;
        int first = i;
        List<int[]> ranges = new ArrayList<>();
        while (i < cps.length && (cps[i] != ']' || i == first)) {
            int lo = cps[i];
            int hi = lo;
            if (i + 2 < cps.length && cps[i + 1] == '-' && cps[i + 2] != ']') {
                hi = cps[i + 2];
                i += 2;
            }
            if (hi < lo) {
                throw new QueryException(Reason.SYNTAX, column, "reversed range '" + Character.toString(lo) + "-"
                        + Character.toString(hi) + "' in the LIKE pattern at column " + column);
            }
            ranges.add(new int[] {lo, hi});
            i++;
        }
        if (i >= cps.length) {
            throw new QueryException(Reason.SYNTAX, column,
                    "unterminated '[' in the LIKE pattern at column " + column + ": missing ']'");
        }
        int[][] members = ranges.toArray(new int[0][]);
        out.add(cp -> inSet(cp, members) != negated);
        return i + 1;
    }

    private static boolean inSet(int cp, int[][] ranges) {
        int upper = Character.toUpperCase(cp);
        int lower = Character.toLowerCase(cp);
        for (int[] r : ranges) {
            if (within(cp, r[0], r[1]) || within(upper, r[0], r[1]) || within(lower, r[0], r[1])
                    || (r[0] == r[1] && fold(cp) == fold(r[0]))) {
                return true;
            }
        }
        return false;
    }

    private static boolean within(int cp, int lo, int hi) {
        return cp >= lo && cp <= hi;
    }

    private static int fold(int cp) {
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    /** The pattern as written (after string-literal unescaping). */
    public String text() {
        return text;
    }

    /** Whether the whole of {@code s} matches, case-insensitively. */
    public boolean matches(String s) {
        int[] cps = s.codePoints().toArray();
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = -1;
        while (i < cps.length) {
            if (p < elements.size() && elements.get(p) == ANY_RUN) {
                starP = p++;
                starI = i;
            } else if (p < elements.size() && elements.get(p).test(cps[i])) {
                p++;
                i++;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < elements.size() && elements.get(p) == ANY_RUN) {
            p++;
        }
        return p == elements.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LikePattern l && l.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
