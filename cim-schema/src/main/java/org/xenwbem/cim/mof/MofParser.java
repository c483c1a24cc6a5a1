package org.xenwbem.cim.mof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimParameter;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimQualifier;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.ClassRepository;

/**
 * Recursive-descent parser for one MOF file (DSP0004 Annex A, class subset): pragmas, qualifier
 * declarations and class declarations. Classes go to the {@link Compilation}; includes are
 * delegated to it; qualifier uses are typed through its {@link QualifierTable}.
 */
final class MofParser {
    private static final Set<String> SCOPES = Set.of("class", "association", "indication", "qualifier",
            "property", "reference", "method", "parameter", "any");
    private static final Set<String> FLAVORS = Set.of("enableoverride", "disableoverride", "restricted",
            "tosubclass", "toinstance", "translatable");

    private final TokenStream in;
    private final Compilation unit;

    MofParser(List<Token> tokens, Compilation unit) {
        this.in = new TokenStream(tokens);
        this.unit = unit;
    }

    void parse() {
        while (!in.atEnd()) {
            production();
        }
    }

    private void production() {
        if (in.peek().isPunct('#')) {
            pragma();
            return;
        }
        if (in.peek().isWord("qualifier")) {
            qualifierDeclaration();
            return;
        }
        List<CimQualifier> quals = qualifiersIfAny();
        if (in.peek().isWord("class")) {
            classDeclaration(quals);
        } else if (in.peek().isWord("instance")) {
            throw in.peek().pos().error("instance declarations are not compiled: "
                    + "xenwbem MOF files declare qualifiers and classes only");
        } else {
            throw in.unexpected(quals.isEmpty() ? "a class, qualifier, instance or #pragma declaration"
                    : "'class' after the qualifier list");
        }
    }

    // ---- pragmas and qualifier declarations ----

    private void pragma() {
        in.next();
        in.expectWord("pragma", "after '#'");
        Token name = in.expectIdentifier("a pragma name after '#pragma'");
        in.expect('(', "after #pragma %s", name.text());
        Token arg = in.peek();
        if (arg.kind() != Token.Kind.STRING) {
            throw in.unexpected("a string argument for #pragma " + name.text());
        }
        String value = (String) scalarValue();
        in.expect(')', "to close #pragma %s", name.text());
        if (name.isWord("include")) {
            unit.include(value, arg.pos());
        }
    }

    private void qualifierDeclaration() {
        in.next();
        Token name = in.expectIdentifier("a qualifier name after 'Qualifier'");
        in.expect(':', "after qualifier name %s", name.text());
        CimType type = intrinsicType(in.expectIdentifier("a data type for qualifier %s", name.text()),
                "qualifier", name.text());
        boolean array = arraySuffix();
        Object dflt = null;
        if (in.accept('=')) {
            SourcePosition at = in.peek().pos();
            dflt = Literals.convert(value(), type, array, true, at, "default of qualifier", name.text());
        }
        in.expect(',', "before Scope(...) in the declaration of qualifier %s", name.text());
        nameList("Scope", SCOPES);
        if (in.accept(',')) {
            nameList("Flavor", FLAVORS);
        }
        in.expect(';', "after the declaration of qualifier %s", name.text());
        unit.qualifiers().declare(new QualifierTable.QualifierType(name.text(), type, array, dflt), name.pos());
    }

    private void nameList(String keyword, Set<String> allowed) {
        in.expectWord(keyword, "in qualifier declaration");
        in.expect('(', "after %s", keyword);
        do {
            checkName(in.expectIdentifier("a %s name", keyword), keyword, allowed);
        } while (in.accept(','));
        in.expect(')', "to close %s(...)", keyword);
    }

    private static void checkName(Token t, String kind, Set<String> allowed) {
        if (!allowed.contains(t.text().toLowerCase(Locale.ROOT))) {
            throw t.pos().error("unknown " + kind.toLowerCase(Locale.ROOT) + " '" + t.text()
                    + "' (expected one of " + String.join(", ", allowed.stream().sorted().toList()) + ")");
        }
    }

    // ---- qualifier lists and values ----

    private List<CimQualifier> qualifiersIfAny() {
        return in.peek().isPunct('[') ? qualifierList() : List.of();
    }

    private List<CimQualifier> qualifierList() {
        in.next();
        List<CimQualifier> out = new ArrayList<>();
        do {
            Token name = in.peek();
            CimQualifier q = qualifier();
            if (out.stream().anyMatch(x -> x.name().equalsIgnoreCase(q.name()))) {
                throw name.pos().error("qualifier " + q.name() + " appears twice in the same list");
            }
            out.add(q);
        } while (in.accept(','));
        in.expect(']', "to close the qualifier list");
        return out;
    }

    private CimQualifier qualifier() {
        Token name = in.expectIdentifier("a qualifier name");
        SourcePosition at = name.pos();
        Object raw = null;
        boolean hasValue = false;
        if (in.accept('(')) {
            at = in.peek().pos();
            raw = value();
            hasValue = true;
            in.expect(')', "to close the value of qualifier %s", name.text());
        } else if (in.peek().isPunct('{')) {
            at = in.peek().pos();
            raw = value();
            hasValue = true;
        }
        if (in.accept(':')) {
            do {
                checkName(in.expectIdentifier("a flavor after ':'"), "Flavor", FLAVORS);
            } while (in.peek().kind() == Token.Kind.IDENTIFIER);
        }
        return unit.qualifiers().resolve(name.text(), raw, hasValue, name.pos(), at);
    }

    /** A scalar literal or an array initializer {@code { v, ... }} (as a List). */
    private Object value() {
        if (!in.accept('{')) {
            return scalarValue();
        }
        List<Object> items = new ArrayList<>();
        if (!in.peek().isPunct('}')) {
            do {
                items.add(scalarValue());
            } while (in.accept(','));
        }
        in.expect('}', "to close the array value");
        return items;
    }

    private Object scalarValue() {
        Token t = in.peek();
        switch (t.kind()) {
            case STRING:
                StringBuilder sb = new StringBuilder();
                while (in.peek().kind() == Token.Kind.STRING) {
                    sb.append((String) in.next().value());
                }
                return sb.toString();
            case CHAR:
            case INTEGER:
            case REAL:
                return in.next().value();
            case IDENTIFIER:
                if (t.isWord("true") || t.isWord("false")) {
                    in.next();
                    return Boolean.valueOf(t.isWord("true"));
                }
                if (t.isWord("null")) {
                    in.next();
                    return null;
                }
                break;
            default:
                break;
        }
        throw in.unexpected("a value (string, number, true, false, null)");
    }

    // ---- classes ----

    private void classDeclaration(List<CimQualifier> quals) {
        in.next();
        Token name = in.expectIdentifier("a class name after 'class'");
        Token sup = in.accept(':') ? in.expectIdentifier("a superclass name after ':'") : null;
        in.expect('{', "to open the body of class %s", name.text());
        ClassBody body = new ClassBody(name.text());
        while (!in.accept('}')) {
            if (in.atEnd()) {
                throw in.unexpected("'}' to close class " + name.text());
            }
            feature(body);
        }
        in.expect(';', "after the closing '}' of class %s", name.text());
        ClassRepository.Builder.Declaration d = new ClassRepository.Builder.Declaration(name.text(),
                sup == null ? null : sup.text(), quals, body.properties, body.methods);
        unit.addClass(new ParsedClass(d, name.pos(), sup == null ? null : sup.pos(), body.uses, body.overrides));
    }

    private void feature(ClassBody body) {
        List<CimQualifier> quals = qualifiersIfAny();
        Token typeToken = in.expectIdentifier("a property, reference or method declaration in class %s",
                body.className);
        if (in.acceptWord("ref")) {
            reference(body, quals, typeToken);
            return;
        }
        CimType type = intrinsicType(typeToken, "a member of class", body.className);
        Token name = in.expectIdentifier("a property or method name after type %s", typeToken.text());
        if (in.accept('(')) {
            method(body, quals, type, name);
        } else {
            property(body, quals, type, name);
        }
    }

    private void property(ClassBody body, List<CimQualifier> quals, CimType type, Token name) {
        boolean array = arraySuffix();
        Object dflt = null;
        if (in.accept('=')) {
            SourcePosition at = in.peek().pos();
            dflt = Literals.convert(value(), type, array, false, at, "property", name.text());
        }
        in.expect(';', "after property %s", name.text());
        body.add(name, quals, false,
                new CimProperty(name.text(), type, array, null, quals, dflt, body.className, false));
    }

    private void reference(ClassBody body, List<CimQualifier> quals, Token refClass) {
        Token name = in.expectIdentifier("a reference name after '%s REF'", refClass.text());
        if (in.accept('=') && !in.acceptWord("null")) {
            throw in.unexpected("null (the only default a reference may have)");
        }
        in.expect(';', "after reference %s", name.text());
        body.uses.add(new ParsedClass.ClassUse(refClass.text(), refClass.pos(),
                "reference", body.className, name.text()));
        body.add(name, quals, false, new CimProperty(name.text(), CimType.REFERENCE, false, refClass.text(),
                quals, null, body.className, false));
    }

    private void method(ClassBody body, List<CimQualifier> quals, CimType returnType, Token name) {
        List<CimParameter> params = new ArrayList<>();
        if (!in.peek().isPunct(')')) {
            do {
                Token first = in.peek();
                CimParameter p = parameter(body, name.text());
                if (params.stream().anyMatch(x -> x.name().equalsIgnoreCase(p.name()))) {
                    throw first.pos().error("parameter " + p.name() + " appears twice in method " + name.text());
                }
                params.add(p);
            } while (in.accept(','));
        }
        in.expect(')', "to close the parameter list of method %s", name.text());
        in.expect(';', "after method %s", name.text());
        body.add(name, quals, true, new CimMethod(name.text(), returnType, params, quals, body.className, false));
    }

    private CimParameter parameter(ClassBody body, String method) {
        List<CimQualifier> quals = qualifiersIfAny();
        Token typeToken = in.expectIdentifier("a parameter type in method %s", method);
        if (in.acceptWord("ref")) {
            Token name = in.expectIdentifier("a parameter name after '%s REF'", typeToken.text());
            body.uses.add(new ParsedClass.ClassUse(typeToken.text(), typeToken.pos(),
                    "parameter", body.className, String.join(".", method, name.text())));
            return new CimParameter(name.text(), CimType.REFERENCE, arraySuffix(), typeToken.text(), quals);
        }
        CimType type = intrinsicType(typeToken, "a parameter of method", method);
        Token name = in.expectIdentifier("a parameter name after type %s", typeToken.text());
        return new CimParameter(name.text(), type, arraySuffix(), null, quals);
    }

    // ---- types ----

    /** The intrinsic type named by {@code t}; errors name the target as "{kind} {name}". */
    private static CimType intrinsicType(Token t, String kind, String name) {
        if (!t.isWord("reference")) {
            try {
                return CimType.fromWireName(t.text());
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw t.pos().error("unknown type '" + t.text() + "' for " + kind + " " + name + " (expected boolean, string, "
                + "char16, uint8..sint64, real32, real64, datetime, or 'ClassName REF name')");
    }

    /** Consumes {@code []} or {@code [n]}; true when present (a fixed size is checked, then dropped). */
    private boolean arraySuffix() {
        if (!in.accept('[')) {
            return false;
        }
        if (in.peek().kind() == Token.Kind.INTEGER) {
            Token size = in.next();
            if (((java.math.BigInteger) size.value()).signum() <= 0) {
                throw size.pos().error("array size must be positive, not " + size.text());
            }
        }
        in.expect(']', "to close the array size");
        return true;
    }

    /** The members of the class being parsed, with duplicate detection. */
    private static final class ClassBody {
        final String className;
        final List<CimProperty> properties = new ArrayList<>();
        final List<CimMethod> methods = new ArrayList<>();
        final List<ParsedClass.ClassUse> uses = new ArrayList<>();
        final List<ParsedClass.MemberOverride> overrides = new ArrayList<>();
        private final Map<String, SourcePosition> seenProperties = new HashMap<>();
        private final Map<String, SourcePosition> seenMethods = new HashMap<>();

        ClassBody(String className) {
            this.className = className;
        }

        void add(Token name, List<CimQualifier> quals, boolean method, Object member) {
            Map<String, SourcePosition> seen = method ? seenMethods : seenProperties;
            SourcePosition first = seen.putIfAbsent(name.text().toLowerCase(Locale.ROOT), name.pos());
            if (first != null) {
                throw name.pos().error((method ? "method " : "property ") + className + "." + name.text() + " is already declared at " + first);
            }
            if (member instanceof CimMethod m) {
                methods.add(m);
            } else {
                properties.add((CimProperty) member);
            }
            for (CimQualifier q : quals) {
                if (q.name().equalsIgnoreCase("Override")) {
                    String target = q.value() == null ? name.text() : (String) q.value();
                    overrides.add(new ParsedClass.MemberOverride(name.text(), target, method, name.pos()));
                }
            }
        }
    }
}
