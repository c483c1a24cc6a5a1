package org.xenwbem.cim.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.xenwbem.cim.query.QueryException.Reason;
import org.xenwbem.cim.query.Token.Kind;

/** Splits query text into tokens; iterative, so any input is handled in bounded stack. */
final class Lexer {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d++(\\.\\d*+)?|\\.\\d++)([eE][+-]?\\d++)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private final String s;
    private final List<Token> out = new ArrayList<>();
    private int i;

    private Lexer(String s) {
        this.s = s;
    }

    static List<Token> tokenize(String text) throws QueryException {
        Lexer lexer = new Lexer(text);
        lexer.run();
        return lexer.out;
    }

    private void run() throws QueryException {
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                out.add(new Token(Kind.END, "", null, s.length() + 1));
                return;
            }
            char c = s.charAt(i);
            if (Character.isLetter(c) || c == '_') {
                identifier();
            } else if (startsNumber()) {
                number();
            } else if (c == '"' || c == '\'') {
                string(c);
            } else {
                symbol(c);
            }
        }
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private boolean digitAt(int at) {
        return at < s.length() && s.charAt(at) >= '0' && s.charAt(at) <= '9';
    }

    private boolean startsNumber() {
        char c = s.charAt(i);
        int at = (c == '-' || c == '+') ? i + 1 : i;
        return digitAt(at) || (at < s.length() && s.charAt(at) == '.' && digitAt(at + 1));
    }

    private void identifier() {
        int start = i;
        while (i < s.length() && isIdentPart(s.charAt(i))) {
            i++;
        }
        out.add(new Token(Kind.IDENT, s.substring(start, i), null, start + 1));
    }

    private void number() throws QueryException {
        int start = i;
        if (s.charAt(i) == '-' || s.charAt(i) == '+') {
            i++;
        }
        boolean hex = s.startsWith("0x", i) || s.startsWith("0X", i);
        i += hex ? 2 : 0;
        while (i < s.length() && (isIdentPart(s.charAt(i)) || s.charAt(i) == '.'
                || ((s.charAt(i) == '-' || s.charAt(i) == '+') && (s.charAt(i - 1) | 0x20) == 'e' && !hex))) {
            i++;
        }
        String text = s.substring(start, i);
        out.add(new Token(Kind.NUMBER, text, numberValue(text, hex, start + 1), start + 1));
    }

    private static Object numberValue(String text, boolean hex, int column) throws QueryException {
        try {
            if (hex) {
                String digits = text.replaceFirst("^([+-]?)0[xX]", "$1");
                if (digits.matches("[+-]?[0-9a-fA-F]+")) {
                    return Long.parseLong(digits, 16);
                }
            } else if (INTEGER.matcher(text).matches()) {
                return Long.parseLong(text);
            } else if (DECIMAL.matcher(text).matches()) {
                double d = Double.parseDouble(text);
                if (!Double.isInfinite(d)) {
                    return d;
                }
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new QueryException(Reason.SYNTAX, column,
                    "number " + shorten(text) + " at column " + column + " is out of range");
        }
        throw new QueryException(Reason.SYNTAX, column, "malformed number " + shorten(text) + " at column " + column);
    }

    private static String shorten(String text) {
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }

    private void string(char quote) throws QueryException {
        int start = i++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw new QueryException(Reason.SYNTAX, start + 1, "unterminated string starting at column "
                        + (start + 1) + ": missing closing " + quote);
            }
            char c = s.charAt(i);
            if (c == quote && i + 1 < s.length() && s.charAt(i + 1) == quote) {
                sb.append(quote);
                i += 2;
            } else if (c == quote) {
                i++;
                out.add(new Token(Kind.STRING, s.substring(start, i), sb.toString(), start + 1));
                return;
            } else if (c == '\\') {
                sb.append(escape());
            } else {
                sb.append(c);
                i++;
            }
        }
    }

    private char escape() throws QueryException {
        char e = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
        if (e != '\\' && e != '"' && e != '\'') {
            throw new QueryException(Reason.SYNTAX, i + 1, "invalid escape '\\" + (i + 1 < s.length() ? e : "")
                    + "' at column " + (i + 1) + " (only \\\\, \\\" and \\' are allowed)");
        }
        i += 2;
        return e;
    }

    private void symbol(char c) throws QueryException {
        int col = i + 1;
        String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
        String sym;
        if (two.equals("<=") || two.equals(">=") || two.equals("<>") || two.equals("!=")) {
            sym = two;
        } else if ("()*,.=<>".indexOf(c) >= 0) {
            sym = String.valueOf(c);
        } else {
            String shown = c < ' ' || c > '~' ? String.format("U+%04X", (int) c) : "'" + c + "'";
            throw new QueryException(Reason.SYNTAX, col, "unexpected character " + shown + " at column " + col);
        }
        i += sym.length();
        out.add(new Token(Kind.SYMBOL, sym, null, col));
    }
}
