package org.xenwbem.cim.query;

import java.util.Locale;

/** A lexical token; {@code column} is 1-based, {@code value} the decoded literal (String, Long, Double). */
record Token(Kind kind, String text, Object value, int column) {
    private static final int SHOWN = 40;

    enum Kind { IDENT, STRING, NUMBER, SYMBOL, END }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    boolean isSymbol(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    String upper() {
        return text.toUpperCase(Locale.ROOT);
    }

    /** How the token is named in messages: quoted and shortened, or "end of query". */
    String describe() {
        if (kind == Kind.END) {
            return "end of query";
        }
        String t = text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
        return kind == Kind.STRING ? t : "'" + t + "'";
    }
}
