package org.xenwbem.cim.mof;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.SchemaException;

/**
 * One compilation: the qualifier table and the classes of every file parsed so far, with include
 * resolution. A file is read at most once (include-once), so an include cycle or a file both listed
 * and included is harmless. {@link #build()} checks the cross-file references with positions.
 */
final class Compilation {

    /** Reads a MOF resource by its normalized name; null when there is none. */
    @FunctionalInterface
    interface SourceLoader {
        String load(String resourceName);
    }

    private final SourceLoader loader;
    private final QualifierTable qualifiers = new QualifierTable();
    private final Set<String> loaded = new HashSet<>();
    private final List<ParsedClass> classes = new ArrayList<>();

    Compilation(SourceLoader loader) {
        this.loader = loader;
    }

    /** Loads resources through the class loader of this package (UTF-8). */
    static SourceLoader classpath() {
        return name -> {
            try (InputStream is = Compilation.class.getClassLoader().getResourceAsStream(name)) {
                return is == null ? null : new String(is.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read MOF resource " + name, e);
            }
        };
    }

    QualifierTable qualifiers() {
        return qualifiers;
    }

    void addClass(ParsedClass c) {
        classes.add(c);
    }

    /** Parses MOF text; its includes resolve relative to {@code fileName} through the loader. */
    void addSource(String source, String fileName) {
        loaded.add(normalize(fileName, null));
        new MofParser(MofLexer.tokenize(source, fileName), this).parse();
    }

    /** Loads and parses a top-level resource. */
    void addResource(String name) {
        load(normalize(name, null), null);
    }

    /** Handles {@code #pragma include(relative)} found at {@code at}. */
    void include(String relative, SourcePosition at) {
        String base = at.file();
        String dir = base.contains("/") ? base.substring(0, base.lastIndexOf('/') + 1) : "";
        load(normalize(relative.startsWith("/") ? relative : dir + relative, at), at);
    }

    private void load(String name, SourcePosition includedAt) {
        if (!loaded.add(name)) {
            return;
        }
        String text = loader.load(name);
        if (text == null) {
            if (includedAt == null) {
                throw new SchemaException("MOF resource not found: " + name);
            }
            throw includedAt.error("included file not found: " + name);
        }
        new MofParser(MofLexer.tokenize(text, name), this).parse();
    }

    /** Resolves "." and ".." segments; a leading "/" is dropped (class-loader names are absolute). */
    private static String normalize(String path, SourcePosition at) {
        Deque<String> parts = new ArrayDeque<>();
        for (String seg : path.replace('\\', '/').split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (parts.isEmpty()) {
                    String msg = "path " + path + " leaves the classpath root";
                    throw at == null ? new SchemaException(msg) : at.error(msg);
                }
                parts.removeLast();
            } else {
                parts.addLast(seg);
            }
        }
        return String.join("/", parts);
    }

    List<ClassRepository.Builder.Declaration> declarations() {
        return classes.stream().map(ParsedClass::declaration).toList();
    }

    /** Checks names across files, then resolves inheritance into a repository. */
    ClassRepository build() {
        Map<String, ParsedClass> byName = new LinkedHashMap<>();
        for (ParsedClass c : classes) {
            ParsedClass first = byName.putIfAbsent(key(c.declaration().name()), c);
            if (first != null) {
                throw c.pos().error("class " + c.declaration().name() + " is already declared at " + first.pos());
            }
        }
        for (ParsedClass c : classes) {
            checkClassNames(c, byName);
            checkNoCycle(c, byName);
        }
        ClassRepository.Builder builder = ClassRepository.builder();
        classes.forEach(c -> builder.declare(c.declaration()));
        ClassRepository repo = builder.build();
        classes.forEach(c -> checkOverrides(c, repo));
        return repo;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** A class that is its own ancestor (found by fuzzing: the repository said so without a position). */
    private static void checkNoCycle(ParsedClass c, Map<String, ParsedClass> byName) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (ParsedClass at = c; at != null; at = at.declaration().superclass() == null ? null
                : byName.get(key(at.declaration().superclass()))) {
            if (!seen.add(key(at.declaration().name()))) {
                throw c.superclassPos().error("inheritance cycle through " + at.declaration().name() + " from class "
                        + c.declaration().name());
            }
        }
    }

    private static void checkClassNames(ParsedClass c, Map<String, ParsedClass> byName) {
        String sup = c.declaration().superclass();
        if (sup != null && !byName.containsKey(key(sup))) {
            throw c.superclassPos().error("unknown superclass " + sup + " of class " + c.declaration().name());
        }
        for (ParsedClass.ClassUse use : c.classUses()) {
            if (!byName.containsKey(key(use.className()))) {
                throw use.pos().error("unknown class " + use.className() + " in " + use.where());
            }
        }
    }

    private static void checkOverrides(ParsedClass c, ClassRepository repo) {
        String cls = c.declaration().name();
        CimClass sup = c.declaration().superclass() == null ? null : repo.get(c.declaration().superclass());
        for (ParsedClass.MemberOverride o : c.overrides()) {
            if (!o.overridden().equalsIgnoreCase(o.member())) {
                throw o.pos().error(describe(o, cls) + ": Override(\"" + o.overridden()
                        + "\") must name the member itself (renaming overrides are not supported)");
            }
            boolean found = sup != null
                    && (o.method() ? sup.method(o.member()) != null : sup.property(o.member()) != null);
            if (!found) {
                throw o.pos().error(describe(o, cls) + " has Override but no superclass of " + cls
                        + " declares " + o.member());
            }
        }
    }

    private static String describe(ParsedClass.MemberOverride o, String cls) {
        return (o.method() ? "method " : "property ") + cls + "." + o.member();
    }
}
