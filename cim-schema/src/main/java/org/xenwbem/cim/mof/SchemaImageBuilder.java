package org.xenwbem.cim.mof;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Build-time step: compiles the bundled MOF (failing the build on any error) and writes the schema
 * image that {@link SchemaLoader} reads at start-up. Usage: {@code SchemaImageBuilder OUTPUT-FILE}.
 */
public final class SchemaImageBuilder {
    private SchemaImageBuilder() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SchemaImageBuilder OUTPUT-FILE");
        }
        Compilation unit = new Compilation(Compilation.classpath());
        unit.addResource(SchemaLoader.CIMV2_INDEX);
        unit.build(); // resolves everything: unknown classes, cycles and bad overrides fail the build here
        List<org.xenwbem.cim.ClassRepository.Builder.Declaration> decls = unit.declarations();
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream os = Files.newOutputStream(out)) {
            SchemaImage.write(decls, os);
        }
        System.out.println("schema image: " + decls.size() + " classes, " + Files.size(out) + " bytes -> " + out);
    }
}
