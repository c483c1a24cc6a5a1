package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xenwbem.provider.writes.Edits;

/** The README's table of writable properties says what the edit table says, row by row. */
class ReadmeWritablePropertiesTest {
    private static final Path README = Path.of("..").toAbsolutePath().normalize().resolve("README.md");

    @Test
    void everyWritablePropertyIsInTheReadmeRowOfItsClass() throws Exception {
        List<String> rows = Files.readAllLines(README).stream().filter(l -> l.startsWith("| `Xen_")).toList();
        for (Map.Entry<String, List<String>> e : Edits.writableProperties().entrySet()) {
            String cls = e.getKey();
            String shortName = cls.replace("Xen_ComputerSystem", "…");
            String row = rows.stream().filter(r -> r.contains("`" + cls + "`") || r.contains("`" + shortName + "`"))
                    .findFirst().orElseThrow(() -> new AssertionError(cls + " has no row in the README's table"));
            String cell = row.split("\\|")[2];
            for (String p : e.getValue()) {
                assertTrue(cell.contains("`" + p + "`"), cls + "." + p + " is writable but not in the README: " + row);
            }
        }
    }
}
