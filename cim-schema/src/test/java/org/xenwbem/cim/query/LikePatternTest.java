package org.xenwbem.cim.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class LikePatternTest {

    private static boolean like(String pattern, String text) {
        try {
            return LikePattern.compile(pattern, 1).matches(text);
        } catch (QueryException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void percentMatchesAnyRun() {
        assertTrue(like("%", ""));
        assertTrue(like("%", "anything"));
        assertTrue(like("Xen:%", "Xen:0b4f-11"));
        assertTrue(like("Xen:%", "Xen:"));
        assertFalse(like("Xen:%", "Xe"));
        assertTrue(like("%host%", "my-host-1"));
        assertTrue(like("%%a%%", "a"));
        assertTrue(like("a%b%c", "aXXbYYbc"));
        assertFalse(like("a%b%c", "aXXbYYb"));
    }

    @Test
    void underscoreMatchesOneCharacter() {
        assertTrue(like("a_c", "abc"));
        assertFalse(like("a_c", "ac"));
        assertFalse(like("a_c", "abbc"));
        assertTrue(like("___", "\uD83D\uDE00bc")); // a surrogate pair is one character
    }

    @Test
    void exactAndCaseInsensitive() {
        assertTrue(like("XenServer Host", "xenserver host"));
        assertFalse(like("XenServer", "XenServer Host"));
        assertTrue(like("STRASSE", "strasse"));
    }

    @Test
    void sets() {
        assertTrue(like("[abc]x", "bx"));
        assertFalse(like("[abc]x", "dx"));
        assertTrue(like("[a-f]1", "E1"));
        assertTrue(like("[A-F]1", "e1"));
        assertFalse(like("[a-f]1", "g1"));
        assertTrue(like("[^0-9]%", "x9"));
        assertFalse(like("[^0-9]%", "9x"));
        assertTrue(like("[%]", "%"));
        assertFalse(like("[%]", "a"));
        assertTrue(like("100[%]", "100%"));
        assertTrue(like("[_]x", "_x"));
        assertFalse(like("[_]x", "ax"));
        assertTrue(like("[]]", "]"));
        assertTrue(like("[a-]", "-"));
        assertTrue(like("[^]]", "a"));
        assertTrue(like("a]", "a]"));
    }

    @Test
    void badSets() {
        QueryException e = assertThrows(QueryException.class, () -> LikePattern.compile("abc[de", 30));
        assertEquals("unterminated '[' in the LIKE pattern at column 30: missing ']'", e.getMessage());
        assertEquals(30, e.column());
        e = assertThrows(QueryException.class, () -> LikePattern.compile("[z-a]", 7));
        assertEquals("reversed range 'z-a' in the LIKE pattern at column 7", e.getMessage());
        assertThrows(QueryException.class, () -> LikePattern.compile("[]", 1));
        assertThrows(QueryException.class, () -> LikePattern.compile("[^", 1));
    }

    @Test
    void pathologicalPatternsStayFast() {
        String pattern = "%a".repeat(5000) + "b";
        String text = "a".repeat(5000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(like(pattern, text)));
        String hugeSet = "[" + "a".repeat(60000) + "]";
        assertTrue(like(hugeSet, "A"));
    }
}
