package org.xenwbem.cim.mof;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.SchemaException;

/**
 * Parses one MOF instance declaration, {@code instance of Class { Prop = value; ... };}, as CIM-XML
 * clients of the anchor sent embedded instances (DSP0004 §7.9): values typed by the class (strings,
 * integers, reals, booleans, datetimes as strings, arrays in braces, NULL). References are not
 * accepted in this form.
 */
public final class MofInstanceParser {
    private static final int MAX_SOURCE = 256 * 1024;

    private MofInstanceParser() {
    }

    /** True when the text looks like a MOF instance rather than XML. */
    public static boolean looksLikeMof(String text) {
        String t = text.stripLeading();
        return t.regionMatches(true, 0, "instance", 0, 8) || t.startsWith("[");
    }

    public static CimInstance parse(String source, ClassRepository repo, String namespace) {
        if (source.length() > MAX_SOURCE) {
            throw new SchemaException("embedded instance larger than " + MAX_SOURCE + " characters");
        }
        TokenStream ts = new TokenStream(MofLexer.tokenize(source, "embedded instance"));
        skipQualifiers(ts);
        ts.expectWord("instance", "at the start of an embedded instance");
        ts.expectWord("of", "after 'instance'");
        String className = ts.expectIdentifier("a class name").text();
        CimClass c = repo.get(className);
        if (c == null) {
            throw new SchemaException("embedded instance: unknown class " + className);
        }
        if (ts.acceptWord("as")) {
            ts.next(); // an alias ($name) is not used here
        }
        ts.expect('{', "after the class name");
        CimInstance.Builder b = CimInstance.builder(c).namespace(namespace);
        while (!ts.accept('}')) {
            String name = ts.expectIdentifier("a property name").text();
            CimProperty p = c.property(name);
            if (p == null) {
                throw new SchemaException("embedded instance: " + c.name() + " has no property " + name);
            }
            ts.expect('=', "after property %s", name);
            b.set(p.name(), value(ts, p));
            ts.expect(';', "after the value of %s", name);
        }
        ts.accept(';');
        if (!ts.atEnd()) {
            throw ts.unexpected("the end of the embedded instance");
        }
        return b.build();
    }

    private static void skipQualifiers(TokenStream ts) {
        if (ts.accept('[')) {
            int depth = 1;
            while (depth > 0 && !ts.atEnd()) {
                Token t = ts.next();
                depth += t.isPunct('[') ? 1 : t.isPunct(']') ? -1 : 0;
            }
        }
    }

    private static Object value(TokenStream ts, CimProperty p) {
        if (p.type() == CimType.REFERENCE) {
            throw new SchemaException("embedded instance: reference " + p.name() + " cannot be given in MOF here");
        }
        if (ts.accept('{')) {
            List<Object> out = new ArrayList<>();
            while (!ts.accept('}')) {
                out.add(scalar(ts.next(), p));
                ts.accept(',');
            }
            return p.array() ? out : single(out, p);
        }
        Object v = scalar(ts.next(), p);
        return p.array() && v != null ? List.of(v) : v;
    }

    private static Object single(List<Object> values, CimProperty p) {
        if (values.size() != 1) {
            throw new SchemaException("embedded instance: " + p.name() + " is not an array");
        }
        return values.get(0);
    }

    private static Object scalar(Token t, CimProperty p) {
        if (t.isWord("null")) {
            return null;
        }
        CimType type = p.type();
        switch (type) {
            case STRING, CHAR16:
                if (t.kind() == Token.Kind.STRING || t.kind() == Token.Kind.CHAR) {
                    return String.valueOf(t.value());
                }
                break;
            case BOOLEAN:
                if (t.isWord("true") || t.isWord("false")) {
                    return Boolean.parseBoolean(t.text());
                }
                break;
            case REAL32, REAL64:
                if (t.value() instanceof Number n) {
                    return n.doubleValue();
                }
                break;
            case DATETIME:
                if (t.kind() == Token.Kind.STRING) {
                    return CimDateTime.parse((String) t.value());
                }
                break;
            default:
                if (t.value() instanceof BigInteger i && i.bitLength() < 64
                        && i.longValue() >= type.minValue() && i.longValue() <= type.maxValue()) {
                    return i.longValue();
                }
        }
        throw new SchemaException(t.pos() + ": " + t.describe() + " is not a " + type.wireName() + " for " + p.name());
    }
}
