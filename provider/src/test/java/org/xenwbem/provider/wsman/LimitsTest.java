package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.xml.XmlWriter;

/**
 * An item measured in place in the response (UTF-8 octets, or two a character in UTF-16), and taken
 * back with {@link XmlWriter#truncate} when it does not fit, leaving what came before untouched.
 */
class LimitsTest {
    private static final String TEXT = "a\u00e9\u20ac\uD83D\uDE00<&>"; // 1, 2, 3 and 4 UTF-8 octets, then escapes

    @Test
    void anItemIsMeasuredInPlaceAsItsEncodingWouldSendIt() {
        XmlWriter w = new XmlWriter(16).start("x:Items");
        int at = w.mark();
        w.element("p:Name", TEXT);
        String item = w.toString().substring(at);
        Limits.Page utf8 = new Limits.Page(10, 1000, 1000, false);
        Limits.Page utf16 = new Limits.Page(10, 1000, 1000, true);
        assertEquals(item.getBytes(StandardCharsets.UTF_8).length, utf8.size(w, at));
        assertEquals(item.getBytes(StandardCharsets.UTF_16LE).length, utf16.size(w, at));
    }

    @Test
    void anItemThatDoesNotFitIsTakenBackWithoutTouchingWhatCameBefore() {
        XmlWriter w = new XmlWriter(16).start("x:Items");
        w.element("p:A", "kept");
        int at = w.mark();
        String before = w.toString();
        w.start("p:B").attr("q", TEXT);
        w.truncate(at);
        assertEquals(before, w.toString());
        w.end("x:Items");
        assertEquals(before + "</x:Items>", w.toString());
    }
}
