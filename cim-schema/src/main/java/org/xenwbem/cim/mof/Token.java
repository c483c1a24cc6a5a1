package org.xenwbem.cim.mof;

import java.util.Locale;

/**
 * One MOF token. {@code value} holds the decoded literal: String (string), Character (char),
 * BigInteger (integer), Double (real); for identifiers and punctuation it is the text.
 */
record Token(Kind kind, String text, Object value, SourcePosition pos) {

    enum Kind { IDENTIFIER, STRING, CHAR, INTEGER, REAL, PUNCTUATION, END }

    boolean isPunct(char c) {
        return kind == Kind.PUNCTUATION && text.charAt(0) == c;
    }

    /** True for an identifier spelled {@code word}, ignoring case (MOF keywords are case-insensitive). */
    boolean isWord(String word) {
        return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(word);
    }

    /** How the token is named in error messages. */
    String describe() {
        return switch (kind) {
            case END -> "end of file";
            case STRING -> "string \"" + abbreviate((String) value) + "\"";
            case IDENTIFIER, PUNCTUATION -> "'" + text + "'";
            default -> kind.name().toLowerCase(Locale.ROOT) + " '" + text + "'";
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 17) + "...";
    }
}
