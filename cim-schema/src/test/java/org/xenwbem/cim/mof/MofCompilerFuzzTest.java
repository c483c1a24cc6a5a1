package org.xenwbem.cim.mof;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.xenwbem.cim.SchemaException;

/**
 * Fuzz test (issue #14) of the MOF compiler: any text compiles or is refused with a
 * {@link SchemaException} whose message starts with the {@code file:line:column:} position (or
 * names a missing include). Includes resolve to the shipped qualifier declarations only, so a
 * fuzzed {@code #pragma include} cannot reach other files. Regression mode over
 * {@code MofCompilerFuzzTestInputs} (our MOF files) in every build; fuzzing in the benchmark.
 */
class MofCompilerFuzzTest {
    private static final String QUALIFIERS = Compilation.classpath().load("org/xenwbem/cim/mof/qualifiers.mof");

    @FuzzTest(maxDuration = "30s")
    void compile(byte[] input) {
        String source = new String(input, StandardCharsets.UTF_8);
        try {
            MofCompiler.compile(source, "fuzz.mof", name -> name.endsWith("qualifiers.mof") ? QUALIFIERS : null);
        } catch (SchemaException e) {
            String m = String.valueOf(e.getMessage());
            if (!m.startsWith("fuzz.mof:") && !m.contains("qualifiers.mof:")) {
                throw new AssertionError("fault without a position: " + m, e);
            }
        }
    }
}
