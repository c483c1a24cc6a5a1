package org.xenwbem.cim.mof;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits MOF text into tokens (DSP0004 Annex A): identifiers, string and char literals with
 * escapes, integers (decimal, 0x hex, 0 octal, b binary), reals, punctuation. Skips whitespace,
 * {@code //} and {@code /* *}{@code /} comments.
 */
final class MofLexer {
    private static final String PUNCTUATION = "[]{}();,:=#";

    private final String src;
    private final String file;
    private int index;
    private int line = 1;
    private int lineStart;

    private MofLexer(String src, String file) {
        this.src = src;
        this.file = file;
    }

    /** All tokens of {@code source}, ending with one {@link Token.Kind#END} token. */
    static List<Token> tokenize(String source, String fileName) {
        MofLexer lexer = new MofLexer(source, fileName);
        List<Token> out = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            out.add(t);
        } while (t.kind() != Token.Kind.END);
        return out;
    }

    private SourcePosition pos() {
        return new SourcePosition(file, line, index - lineStart + 1);
    }

    private char peek(int ahead) {
        int i = index + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private boolean atEnd() {
        return index >= src.length();
    }

    private void advance() {
        if (src.charAt(index) == '\n') {
            line++;
            lineStart = index + 1;
        }
        index++;
    }

    private Token next() {
        skipBlanks();
        SourcePosition at = pos();
        if (atEnd()) {
            return new Token(Token.Kind.END, "", null, at);
        }
        char c = peek(0);
        if (Character.isLetter(c) || c == '_') {
            int start = index;
            while (!atEnd() && (Character.isLetterOrDigit(peek(0)) || peek(0) == '_')) {
                advance();
            }
            String word = src.substring(start, index);
            return new Token(Token.Kind.IDENTIFIER, word, word, at);
        }
        if (c == '"') {
            return stringLiteral(at);
        }
        if (c == '\'') {
            return charLiteral(at);
        }
        if (Character.isDigit(c) || (c == '.' || c == '-' || c == '+') && startsNumber()) {
            return number(at);
        }
        if (PUNCTUATION.indexOf(c) >= 0) {
            advance();
            return new Token(Token.Kind.PUNCTUATION, String.valueOf(c), String.valueOf(c), at);
        }
        throw at.error("unexpected character '" + c + "'");
    }

    private boolean startsNumber() {
        char c = peek(0);
        char n = peek(1);
        if (c == '.') {
            return Character.isDigit(n);
        }
        return Character.isDigit(n) || n == '.' && Character.isDigit(peek(2));
    }

    private void skipBlanks() {
        while (!atEnd()) {
            char c = peek(0);
            if (Character.isWhitespace(c)) {
                advance();
            } else if (c == '/' && peek(1) == '/') {
                while (!atEnd() && peek(0) != '\n') {
                    advance();
                }
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else {
                return;
            }
        }
    }

    private void skipBlockComment() {
        SourcePosition start = pos();
        advance();
        advance();
        while (!(peek(0) == '*' && peek(1) == '/')) {
            if (atEnd()) {
                throw start.error("unterminated comment: missing '*/'");
            }
            advance();
        }
        advance();
        advance();
    }

    private Token stringLiteral(SourcePosition at) {
        int start = index;
        advance();
        StringBuilder sb = new StringBuilder();
        while (peek(0) != '"') {
            if (atEnd() || peek(0) == '\n') {
                throw at.error("unterminated string literal: missing closing '\"' before end of "
                        + (atEnd() ? "file" : "line"));
            }
            sb.append(escapedChar(at));
        }
        advance();
        return new Token(Token.Kind.STRING, src.substring(start, index), sb.toString(), at);
    }

    private Token charLiteral(SourcePosition at) {
        advance();
        if (atEnd() || peek(0) == '\'' || peek(0) == '\n') {
            throw at.error("malformed char16 literal: expected one character between quotes");
        }
        char c = escapedChar(at);
        if (peek(0) != '\'') {
            throw at.error("unterminated char16 literal: missing closing quote");
        }
        advance();
        return new Token(Token.Kind.CHAR, String.valueOf(c), c, at);
    }

    /** Reads one (possibly escaped) character of a string or char literal. */
    private char escapedChar(SourcePosition literal) {
        char c = peek(0);
        advance();
        if (c != '\\') {
            return c;
        }
        SourcePosition at = pos();
        if (atEnd()) {
            throw literal.error("unterminated literal: ends with a backslash");
        }
        char e = peek(0);
        advance();
        switch (e) {
            case 'b': return '\b';
            case 't': return '\t';
            case 'n': return '\n';
            case 'f': return '\f';
            case 'r': return '\r';
            case '"': return '"';
            case '\'': return '\'';
            case '\\': return '\\';
            case 'x':
            case 'X':
                return hexEscape(at);
            default:
                throw at.error("unknown escape sequence '\\" + e + "'");
        }
    }

    private char hexEscape(SourcePosition at) {
        int start = index;
        while (index - start < 4 && Character.digit(peek(0), 16) >= 0) {
            advance();
        }
        if (index == start) {
            throw at.error("escape \\x needs 1 to 4 hex digits");
        }
        return (char) Integer.parseInt(src.substring(start, index), 16);
    }

    private Token number(SourcePosition at) {
        int start = index;
        if (peek(0) == '-' || peek(0) == '+') {
            advance();
        }
        int digitsStart = index;
        if (peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
            advance();
            advance();
            return integer(at, start, index, 16);
        }
        skipDigits();
        if (peek(0) == '.' || peek(0) == 'e' || peek(0) == 'E') {
            return real(at, start);
        }
        String digits = src.substring(digitsStart, index);
        if (peek(0) == 'b' || peek(0) == 'B') {
            advance();
            return integer(at, start, digitsStart, 2, digits);
        }
        int radix = digits.length() > 1 && digits.startsWith("0") ? 8 : 10;
        return integer(at, start, digitsStart, radix, digits);
    }

    private void skipDigits() {
        while (Character.isDigit(peek(0))) {
            advance();
        }
    }

    private Token integer(SourcePosition at, int start, int digitsStart, int radix) {
        while (Character.digit(peek(0), 16) >= 0) {
            advance();
        }
        return integer(at, start, digitsStart, radix, src.substring(digitsStart, index));
    }

    private Token integer(SourcePosition at, int start, int digitsStart, int radix, String digits) {
        checkEndOfNumber(at);
        String text = src.substring(start, index);
        try {
            BigInteger v = new BigInteger(digits, radix);
            return new Token(Token.Kind.INTEGER, text, src.charAt(start) == '-' ? v.negate() : v, at);
        } catch (NumberFormatException e) {
            throw at.error("malformed " + radixName(radix) + " integer '" + text + "'");
        }
    }

    private static String radixName(int radix) {
        return switch (radix) {
            case 2 -> "binary";
            case 8 -> "octal";
            case 16 -> "hexadecimal";
            default -> "decimal";
        };
    }

    private Token real(SourcePosition at, int start) {
        if (peek(0) == '.') {
            advance();
            skipDigits();
        }
        if (peek(0) == 'e' || peek(0) == 'E') {
            advance();
            if (peek(0) == '+' || peek(0) == '-') {
                advance();
            }
            skipDigits();
        }
        checkEndOfNumber(at);
        String text = src.substring(start, index);
        try {
            return new Token(Token.Kind.REAL, text, Double.valueOf(text), at);
        } catch (NumberFormatException e) {
            throw at.error("malformed real number '" + text + "'");
        }
    }

    private void checkEndOfNumber(SourcePosition at) {
        if (Character.isLetterOrDigit(peek(0)) || peek(0) == '_' || peek(0) == '.') {
            throw at.error("malformed number: unexpected '" + peek(0) + "' after digits");
        }
    }
}
