package org.xenwbem.cim.query;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.xenwbem.cim.CimInstance;

/**
 * Fuzz test (issue #14) of the WQL and CQL parsers: any text either parses, binds against the test
 * repository and evaluates against its instances, or is refused with a {@link QueryException}
 * (nothing else escapes: no runtime exception, no stack overflow, no hang). Regression mode over
 * {@code QueryFuzzTestInputs} in every build; fuzzing mode in the fuzzing benchmark.
 */
class QueryFuzzTest {
    /** Built once: instances are immutable, and building them per input only slowed the fuzzer. */
    private static final CimInstance SYSTEM = Fixtures.system().build();
    private static final CimInstance DISK = Fixtures.disk();

    @FuzzTest(maxDuration = "30s")
    void parseBindEvaluate(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        run(text, QueryLanguage.WQL);
        run(text, QueryLanguage.CQL);
    }

    private static void run(String text, QueryLanguage language) {
        Query q;
        try {
            q = language == QueryLanguage.WQL ? WqlQuery.parse(text) : CqlQuery.parse(text);
            q = q.bind(Fixtures.REPO);
        } catch (QueryException expected) {
            return; // the documented fault
        }
        q.matches(SYSTEM, Fixtures.REPO);
        q.matches(DISK, Fixtures.REPO);
        q.project(SYSTEM);
    }
}
