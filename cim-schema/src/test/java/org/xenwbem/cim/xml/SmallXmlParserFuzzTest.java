package org.xenwbem.cim.xml;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.w3c.dom.Document;

/**
 * Fuzz test (issue #14) of SafeXml's fast path, differentially against Xerces: whatever the bytes,
 * when {@link SmallXmlParser} accepts a document Xerces accepts it too and both DOMs dump the same
 * ({@link SmallXmlParserTest#check}); the only failure {@link SafeXml#parse} reports is an
 * {@link XmlException}, and the document it answers has no more elements than the input has bytes.
 * In every build it runs in Jazzer's regression mode over {@code SmallXmlParserFuzzTestInputs}
 * (client envelopes and every crash found so far); with {@code JAZZER_FUZZ=1} it fuzzes (the
 * fuzzing benchmark). One input is bounded by the regression execution's timeout (libFuzzer's
 * {@code -timeout} when fuzzing).
 */
class SmallXmlParserFuzzTest {
    /** XML's syntax, so that mutations build markup rather than only bend it. */
    @DictionaryEntries({"<", ">", "</", "/>", "='", "xmlns", "xmlns:", ":", "xml:", "&amp;", "&lt;", "&#x", "&#", ";",
        "<!--", "-->", "<?xml version='1.0'", "?>", "<![CDATA[", "]]>", "<!DOCTYPE"})
    @FuzzTest(maxDuration = "30s")
    void fastPathAgreesWithXerces(byte[] input) {
        // SafeXml.parse is the fast path, else Xerces: checkedAnswer has both results already (an
        // XmlException is the refusal); parsing a third time only halved the executions per second
        Document doc = SmallXmlParserTest.checkedAnswer(input);
        int elements = doc == null ? 0 : doc.getElementsByTagNameNS("*", "*").getLength();
        if (elements > input.length) {
            throw new AssertionError(elements + " elements from " + input.length + " bytes");
        }
    }
}
