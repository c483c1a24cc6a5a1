package org.xenwbem.cim.mof;

import java.util.List;

import org.xenwbem.cim.ClassRepository;

/**
 * Compiles MOF (DSP0004) class schemas: qualifier declarations (typed against a built-in table of
 * the standard qualifiers), classes with properties, references, methods and parameters, and
 * {@code #pragma include} between classpath resources (relative to the including file; each file
 * is read once). Other pragmas are ignored; {@code instance of} declarations are refused.
 * <p>
 * Every error is a {@link org.xenwbem.cim.SchemaException} whose message starts with
 * {@code file:line:column:} and says what was expected.
 */
public final class MofCompiler {
    private MofCompiler() {
    }

    /**
     * Parses MOF text into class declarations (own members only, inheritance not resolved).
     * {@code fileName} is used in error positions and as the base of relative includes, which are
     * loaded from the classpath; included classes are part of the result.
     */
    public static List<ClassRepository.Builder.Declaration> parse(String source, String fileName) {
        return parse(source, fileName, Compilation.classpath());
    }

    /** Parses MOF text and resolves it into a repository, checking every class name it uses. */
    public static ClassRepository compile(String source, String fileName) {
        return compile(source, fileName, Compilation.classpath());
    }

    /**
     * Loads the named classpath resources (for example {@code org/xenwbem/cim/mof/xenwbem.mof}) in
     * order, with their includes, into one compilation, and resolves it into a repository.
     * Qualifier declarations of an earlier file apply to the later ones.
     */
    public static ClassRepository compileResources(List<String> classpathResourceNames) {
        Compilation unit = new Compilation(Compilation.classpath());
        classpathResourceNames.forEach(unit::addResource);
        return unit.build();
    }

    static List<ClassRepository.Builder.Declaration> parse(String source, String fileName,
                                                           Compilation.SourceLoader includes) {
        Compilation unit = new Compilation(includes);
        unit.addSource(source, fileName);
        return unit.declarations();
    }

    static ClassRepository compile(String source, String fileName, Compilation.SourceLoader includes) {
        Compilation unit = new Compilation(includes);
        unit.addSource(source, fileName);
        return unit.build();
    }
}
