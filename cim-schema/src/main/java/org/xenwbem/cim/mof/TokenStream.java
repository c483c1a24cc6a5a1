package org.xenwbem.cim.mof;

import java.util.List;

import org.xenwbem.cim.SchemaException;

/** Cursor over a token list with the expect-or-fail helpers the parser needs. */
final class TokenStream {
    private final List<Token> tokens;
    private int index;

    TokenStream(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(index);
    }

    /** The token {@code ahead} positions after the current one (the END token past the end). */
    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Token.Kind.END) {
            index++;
        }
        return t;
    }

    boolean atEnd() {
        return peek().kind() == Token.Kind.END;
    }

    /** Consumes the punctuation {@code c} when it is next. */
    boolean accept(char c) {
        if (peek().isPunct(c)) {
            next();
            return true;
        }
        return false;
    }

    /** Consumes the keyword {@code word} (any case) when it is next. */
    boolean acceptWord(String word) {
        if (peek().isWord(word)) {
            next();
            return true;
        }
        return false;
    }

    /**
     * Consumes the punctuation {@code c}, or fails with "expected 'c' {where} but found ...".
     * {@code where} is a {@link String#format} pattern over {@code args}, formatted only on error
     * so that the success path builds no strings.
     */
    Token expect(char c, String where, Object... args) {
        if (!peek().isPunct(c)) {
            throw unexpected("'" + c + "' " + String.format(where, args));
        }
        return next();
    }

    Token expectWord(String word, String where, Object... args) {
        if (!peek().isWord(word)) {
            throw unexpected("'" + word + "' " + String.format(where, args));
        }
        return next();
    }

    /** Consumes an identifier, or fails with "expected {what} but found ..." ({@code what} as above). */
    Token expectIdentifier(String what, Object... args) {
        if (peek().kind() != Token.Kind.IDENTIFIER) {
            throw unexpected(String.format(what, args));
        }
        return next();
    }

    /** An error at the current token: "expected {what} but found {token}". */
    SchemaException unexpected(String what) {
        return peek().pos().error("expected " + what + " but found " + peek().describe());
    }
}
