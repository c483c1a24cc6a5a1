package org.xenwbem.cim.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.xenwbem.cim.query.Expression.Operator;
import org.xenwbem.cim.query.QueryException.Reason;
import org.xenwbem.cim.query.Token.Kind;

/**
 * Recursive-descent parser for the grammar in the package documentation. Recursion happens only
 * through '(' and NOT, each counted against {@link #MAX_DEPTH}; AND/OR chains are loops.
 */
final class Parser {
    static final int MAX_LENGTH = 64 * 1024;
    static final int MAX_DEPTH = 64;
    private static final Pattern ASSOCIATION_QUERY =
            Pattern.compile("\\s*(associators|references)\\s+of\\b", Pattern.CASE_INSENSITIVE);

    private static final Set<String> RESERVED = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "LIKE",
            "IS", "ISA", "NULL", "TRUE", "FALSE");
    private static final Map<String, String> UNSUPPORTED_CLAUSES = Map.ofEntries(
            Map.entry("JOIN", "JOIN"), Map.entry("INNER", "JOIN"), Map.entry("LEFT", "JOIN"),
            Map.entry("RIGHT", "JOIN"), Map.entry("FULL", "JOIN"), Map.entry("CROSS", "JOIN"),
            Map.entry("OUTER", "JOIN"), Map.entry("NATURAL", "JOIN"), Map.entry("ORDER", "ORDER BY"),
            Map.entry("GROUP", "GROUP BY"), Map.entry("HAVING", "HAVING"), Map.entry("UNION", "UNION"),
            Map.entry("WITHIN", "WITHIN (event queries)"), Map.entry("LIMIT", "LIMIT"));

    private final QueryLanguage language;
    private final String text;
    private final List<Token> tokens;
    private int pos;
    private int depth;
    private String fromClass;
    private int fromColumn;
    private String alias;

    private Parser(QueryLanguage language, String text, List<Token> tokens) {
        this.language = language;
        this.text = text;
        this.tokens = tokens;
    }

    static Query parse(String text, QueryLanguage language) throws QueryException {
        if (text == null || text.isBlank()) {
            throw new QueryException(Reason.SYNTAX, 0, "empty " + language + " query");
        }
        if (text.length() > MAX_LENGTH) {
            throw new QueryException(Reason.LIMIT, MAX_LENGTH + 1, "query of " + text.length()
                    + " characters is longer than the limit of " + MAX_LENGTH);
        }
        Matcher m = ASSOCIATION_QUERY.matcher(text);
        if (m.lookingAt()) {
            String op = m.group(1).substring(0, 1).toUpperCase(Locale.ROOT)
                    + m.group(1).substring(1).toLowerCase(Locale.ROOT);
            throw new QueryException(Reason.UNSUPPORTED, m.start(1) + 1, op.toUpperCase(Locale.ROOT)
                    + " OF queries are not supported; use the " + op + " operation or a WS-Management "
                    + "association filter (at column " + (m.start(1) + 1) + ")");
        }
        return new Parser(language, text, Lexer.tokenize(text)).query();
    }

    private Query query() throws QueryException {
        expectKeyword("SELECT", "SELECT");
        List<Token[]> select = selectList();
        expectKeyword("FROM", select == null ? "FROM after '*'" : "',' or FROM after the select list");
        fromClause();
        List<Operand.Property> selected = select == null ? null : qualified(select);
        Expression where = null;
        if (accept("WHERE")) {
            where = or();
            end("AND, OR or end of query");
        } else {
            end("WHERE or end of query");
        }
        return new Query(language, text, fromClass, fromColumn, selected, where, null);
    }

    /** Null for '*'; else [qualifier or null, name] pairs, qualifiers checked once FROM is known. */
    private List<Token[]> selectList() throws QueryException {
        if (acceptSymbol("*")) {
            return null;
        }
        Token t = peek();
        if (t.isKeyword("DISTINCT") || t.isKeyword("TOP") || t.isKeyword("ALL") || t.isKeyword("COUNT")) {
            throw unsupported(t, "SELECT " + t.upper() + " is not supported");
        }
        List<Token[]> items = new ArrayList<>();
        do {
            Token first = identifier("a property name or '*' in the select list");
            if (peek().isSymbol("(")) {
                throw unsupported(first, "function " + first.text() + "() is not supported");
            }
            items.add(acceptSymbol(".") ? new Token[] {first, identifier("a property name after '.'")}
                    : new Token[] {null, first});
        } while (acceptSymbol(","));
        return items;
    }

    private void fromClause() throws QueryException {
        Token cls = identifier("a class name after FROM");
        fromClass = cls.text();
        fromColumn = cls.column();
        if (accept("AS")) {
            alias = identifier("an alias after AS").text();
        } else if (peek().kind() == Kind.IDENT && !RESERVED.contains(peek().upper())
                && !UNSUPPORTED_CLAUSES.containsKey(peek().upper())) {
            alias = next().text();
        }
        Token t = peek();
        if (t.isSymbol(",")) {
            throw unsupported(t, "a query over several classes (',' in FROM) is not supported");
        }
        if (t.isSymbol("(")) {
            throw unsupported(t, "subqueries are not supported");
        }
    }

    private List<Operand.Property> qualified(List<Token[]> select) throws QueryException {
        List<Operand.Property> out = new ArrayList<>();
        for (Token[] item : select) {
            out.add(property(item[0], item[1]));
        }
        return out;
    }

    private Operand.Property property(Token qualifier, Token name) throws QueryException {
        if (qualifier != null && !isSelf(qualifier)) {
            throw new QueryException(Reason.SYNTAX, qualifier.column(), "unknown qualifier " + qualifier.text()
                    + " at column " + qualifier.column() + "; expected " + fromClass
                    + (alias == null ? "" : " or " + alias));
        }
        return new Operand.Property(name.text(), name.column());
    }

    private boolean isSelf(Token t) {
        return t.kind() == Kind.IDENT && (t.text().equalsIgnoreCase(fromClass) || t.text().equalsIgnoreCase(alias)
                || t.text().equalsIgnoreCase("__THIS"));
    }

    private void end(String expected) throws QueryException {
        Token t = peek();
        if (t.kind() != Kind.END) {
            String clause = UNSUPPORTED_CLAUSES.get(t.upper());
            if (clause != null && t.kind() == Kind.IDENT) {
                throw unsupported(t, clause + " is not supported");
            }
            throw unexpected(t, expected);
        }
    }

    private Expression or() throws QueryException {
        List<Expression> terms = new ArrayList<>();
        terms.add(and());
        while (accept("OR")) {
            terms.add(and());
        }
        return terms.size() == 1 ? terms.get(0) : new Expression.Or(terms);
    }

    private Expression and() throws QueryException {
        List<Expression> terms = new ArrayList<>();
        terms.add(not());
        while (accept("AND")) {
            terms.add(not());
        }
        return terms.size() == 1 ? terms.get(0) : new Expression.And(terms);
    }

    private Expression not() throws QueryException {
        Token t = peek();
        if (!t.isKeyword("NOT")) {
            return primary();
        }
        next();
        enter(t);
        Expression operand = not();
        depth--;
        return new Expression.Not(operand);
    }

    private Expression primary() throws QueryException {
        Token open = peek();
        if (!open.isSymbol("(")) {
            return predicate();
        }
        next();
        enter(open);
        if (peek().isKeyword("SELECT")) {
            throw unsupported(peek(), "subqueries are not supported");
        }
        Expression inner = or();
        if (!acceptSymbol(")")) {
            throw unexpected(peek(), "AND, OR or ')' to close the '(' at column " + open.column());
        }
        depth--;
        return inner;
    }

    private void enter(Token t) throws QueryException {
        if (++depth > MAX_DEPTH) {
            throw new QueryException(Reason.LIMIT, t.column(), "expression nested deeper than " + MAX_DEPTH
                    + " levels at column " + t.column());
        }
    }

    private Expression predicate() throws QueryException {
        Token start = peek();
        if (start.isKeyword("ISA")) {
            return isA(new Operand.Self());
        }
        if (isSelf(start) && tokens.get(pos + 1).isKeyword("ISA")) {
            next();
            return isA(new Operand.Self());
        }
        Operand left = operand("a property name, a literal, NOT or '('");
        Token t = peek();
        if (t.isKeyword("ISA")) {
            return isA(left);
        }
        if (t.isKeyword("IS")) {
            next();
            boolean negated = accept("NOT");
            expectKeyword("NULL", negated ? "NULL after IS NOT" : "NULL or NOT after IS");
            return new Expression.IsNull(left, negated);
        }
        if (t.isKeyword("LIKE") || t.isKeyword("NOT")) {
            return like(left);
        }
        return comparison(left);
    }

    private Expression comparison(Operand left) throws QueryException {
        Token t = peek();
        Operator op = t.kind() == Kind.SYMBOL ? Operator.forSymbol(t.text()) : null;
        if (op == null) {
            if (t.isKeyword("IN") || t.isKeyword("BETWEEN")) {
                throw unsupported(t, "the " + t.upper() + " operator is not supported");
            }
            String after = left instanceof Operand.Property p ? " after " + p.name() : "";
            throw unexpected(t, "a comparison operator (=, <>, !=, <, >, <=, >=), LIKE, IS or ISA" + after);
        }
        next();
        Operand right = operand("a property name or a literal after " + t.text());
        boolean leftNull = left instanceof Operand.Literal l && l.value() == null;
        boolean rightNull = right instanceof Operand.Literal r && r.value() == null;
        if (leftNull || rightNull) {
            if (op.isOrdering()) {
                throw new QueryException(Reason.SYNTAX, t.column(), "NULL cannot be compared with " + t.text()
                        + " at column " + t.column() + "; use IS NULL or IS NOT NULL");
            }
            return new Expression.IsNull(leftNull ? right : left, op == Operator.NE);
        }
        return new Expression.Comparison(left, op, right);
    }

    private Expression like(Operand left) throws QueryException {
        boolean negated = accept("NOT");
        expectKeyword("LIKE", "LIKE after NOT");
        Token p = next();
        if (p.kind() != Kind.STRING) {
            throw unexpected(p, "a quoted pattern after LIKE");
        }
        if (peek().isKeyword("ESCAPE")) {
            throw unsupported(peek(), "LIKE ... ESCAPE is not supported; write [%] or [_] for a literal % or _");
        }
        return new Expression.Like(left, LikePattern.compile((String) p.value(), p.column()), negated);
    }

    private Expression isA(Operand subject) throws QueryException {
        next();
        Token c = next();
        boolean name = c.kind() == Kind.IDENT && !RESERVED.contains(c.upper());
        if (!name && c.kind() != Kind.STRING) {
            throw unexpected(c, "a class name after ISA");
        }
        return new Expression.IsA(subject, name ? c.text() : (String) c.value(), c.column());
    }

    private Operand operand(String expected) throws QueryException {
        Token t = next();
        if (t.kind() == Kind.STRING || t.kind() == Kind.NUMBER) {
            return new Operand.Literal(t.value());
        }
        if (t.isKeyword("TRUE") || t.isKeyword("FALSE")) {
            return new Operand.Literal(t.isKeyword("TRUE"));
        }
        if (t.isKeyword("NULL")) {
            return new Operand.Literal(null);
        }
        if (t.kind() != Kind.IDENT || RESERVED.contains(t.upper())) {
            throw unexpected(t, expected);
        }
        if (peek().isSymbol("(")) {
            throw unsupported(t, "function " + t.text() + "() is not supported");
        }
        if (acceptSymbol(".")) {
            return property(t, identifier("a property name after '.'"));
        }
        return new Operand.Property(t.text(), t.column());
    }

    private Token identifier(String expected) throws QueryException {
        Token t = next();
        if (t.kind() != Kind.IDENT || RESERVED.contains(t.upper())) {
            throw unexpected(t, expected);
        }
        return t;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Kind.END) {
            pos++;
        }
        return t;
    }

    private boolean accept(String keyword) {
        if (peek().isKeyword(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String symbol) {
        if (peek().isSymbol(symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectKeyword(String keyword, String expected) throws QueryException {
        if (!accept(keyword)) {
            throw unexpected(peek(), expected);
        }
    }

    private static QueryException unexpected(Token t, String expected) {
        return new QueryException(Reason.SYNTAX, t.column(), "unexpected " + t.describe() + " at column "
                + t.column() + "; expected " + expected);
    }

    private static QueryException unsupported(Token t, String what) {
        return new QueryException(Reason.UNSUPPORTED, t.column(), what + " (at column " + t.column() + ")");
    }
}
