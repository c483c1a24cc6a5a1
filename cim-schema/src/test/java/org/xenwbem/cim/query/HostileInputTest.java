package org.xenwbem.cim.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.xenwbem.cim.query.Fixtures.REPO;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.query.QueryException.Reason;

/** Bounded size and depth; whatever the input, the only failure is a QueryException. */
class HostileInputTest {
    private static final String PREFIX = "SELECT * FROM T_System WHERE ";
    private static final List<String> VOCABULARY = List.of("SELECT", "*", "FROM", "T_System", "WHERE", "(", ")",
            "AND", "OR", "NOT", "=", "<>", "!=", "<", ">=", "LIKE", "IS", "NULL", "ISA", "'T_Element'", "Caption",
            "Tags", "HealthState", "InstallDate", "Antecedent", "'x%'", "'[a-'", "\"y\"", "5", "-0x1F", "2.5e3",
            "TRUE", ",", ".", "__THIS", "'", "\"", "\\", "[", "0x", "1e", "ORDER", "JOIN", "\u00e9t\u00e9", "\uD83D");

    private static QueryException limit(String text) {
        QueryException e = assertThrows(QueryException.class, () -> WqlQuery.parse(text));
        assertEquals(Reason.LIMIT, e.reason());
        return e;
    }

    @Test
    void hugeInputIsRefusedBeforeLexing() {
        QueryException e = limit("(".repeat(100_000));
        assertEquals("query of 100000 characters is longer than the limit of 65536", e.getMessage());
        limit(PREFIX + "Caption = '" + "x".repeat(65_536) + "'");
    }

    @Test
    void deepNestingIsRefused() {
        QueryException e = limit(PREFIX + "(".repeat(1000) + "Caption = 'x'" + ")".repeat(1000));
        assertEquals("expression nested deeper than 64 levels at column 94", e.getMessage());
        assertEquals(30 + 64, e.column());
        limit(PREFIX + "NOT ".repeat(16_000) + "Caption = 'x'");
        limit(PREFIX + "(NOT ".repeat(40) + "Caption = 'x'" + ")".repeat(40));
    }

    @Test
    void sixtyFourLevelsAreFine() throws QueryException {
        Query q = WqlQuery.parse(PREFIX + "(".repeat(64) + "HealthState = 5" + ")".repeat(64)).bind(REPO);
        assertTrue(q.matches(Fixtures.system().build(), REPO));
        q = WqlQuery.parse(PREFIX + "NOT ".repeat(64) + "HealthState = 5").bind(REPO);
        assertTrue(q.matches(Fixtures.system().build(), REPO));
    }

    @Test
    void longFlatChainsNeedNoStack() throws QueryException {
        String chain = "HealthState = 5 AND ".repeat(3000) + "HealthState = 6";
        Query q = WqlQuery.parse(PREFIX + chain).bind(REPO);
        assertFalse(q.matches(Fixtures.system().build(), REPO));
        String ors = "HealthState = 6 OR ".repeat(3000) + "HealthState = 5";
        assertTrue(WqlQuery.parse(PREFIX + ors).bind(REPO).matches(Fixtures.system().build(), REPO));
    }

    @Test
    void hostileLikePatternsAreFast() throws QueryException {
        String pattern = "%_".repeat(15_000) + "z";
        Query q = WqlQuery.parse(PREFIX + "Caption LIKE '" + pattern + "'").bind(REPO);
        CimInstance long1 = Fixtures.system().set("Caption", "a".repeat(10_000)).build();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertFalse(q.matches(long1, REPO)));
    }

    @Test
    void longNumericLookingStringsAreFast() throws QueryException {
        Query q = WqlQuery.parse(PREFIX + "ElementName = 5 OR InstallDate = '1'").bind(REPO);
        CimInstance digits = Fixtures.system().set("ElementName", "1".repeat(200_000) + "x").build();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(q.matches(digits, REPO)));
    }

    @Test
    void everyPrefixOfValidQueriesFailsCleanly() {
        String[] valid = {
            "SELECT Caption, T_System.Name FROM T_System AS s WHERE (s.Caption LIKE 'Xen[a-z]%' OR NOT "
                    + "HealthState >= -0x10) AND Tags IS NOT NULL AND InstallDate < \"20240101000000.000000+000\"",
            "SELECT * FROM T_Link WHERE Antecedent ISA 'T_Disk' AND Note <> 'it''s \\\\ \\\"'",
        };
        for (String text : valid) {
            for (int i = 0; i <= text.length(); i++) {
                exercise(text.substring(0, i));
                exercise(text.substring(i));
            }
        }
    }

    @Test
    void randomTokenSoupFailsCleanly() {
        Random random = new Random(20240601);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder(n % 3 == 0 ? "" : PREFIX);
            int len = random.nextInt(20);
            for (int i = 0; i < len; i++) {
                sb.append(VOCABULARY.get(random.nextInt(VOCABULARY.size())));
                if (random.nextInt(4) != 0) {
                    sb.append(' ');
                }
            }
            exercise(sb.toString());
        }
    }

    @Test
    void randomCharactersFailCleanly() {
        Random random = new Random(7);
        String alphabet = "SELECT*FROMWHEREandornotlikeisnullisa_()=<>!'\"\\[]%^-.,0x19eE \t\n\u00e9";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder(PREFIX);
            int len = random.nextInt(30);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            exercise(sb.toString());
        }
    }

    /** Parses, binds and evaluates; anything but a QueryException fails the test. */
    private static void exercise(String text) {
        Query q;
        try {
            q = WqlQuery.parse(text);
            q.where();
            String.valueOf(q.where());
            q = q.fromClass().equalsIgnoreCase("T_System") ? q.bind(REPO) : q;
        } catch (QueryException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), text);
            assertTrue(e.column() >= 0 && e.column() <= text.length() + 1, text + " -> " + e.column());
            return;
        } catch (RuntimeException | StackOverflowError e) {
            fail("not a QueryException for " + text, e);
            return;
        }
        try {
            q.matches(Fixtures.system().build(), REPO);
            q.matches(Fixtures.link("T_Disk"), REPO);
            q.project(Fixtures.system().build());
        } catch (RuntimeException | StackOverflowError e) {
            fail("evaluation threw for " + text, e);
        }
    }
}
