package org.xenwbem.provider.cimxml;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.w3c.dom.Element;
import org.xenwbem.provider.cimom.CimException;

/**
 * Fuzz test (issue #14) of the CIM-XML request decoder (DSP0201): any body decodes or is refused
 * with a {@link CimXmlDecoder.BadRequest} carrying a DSP0200 CIMError and a 4xx/501 status, and the
 * parameter decoders the calls use (ClassName, booleans, PropertyList, InstanceName) answer or throw
 * a {@link CimException}. Regression mode over {@code CimXmlDecoderFuzzTestInputs} (intrinsic and
 * extrinsic requests of every kind we serve) in every build; fuzzing in the fuzzing benchmark.
 */
class CimXmlDecoderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void decode(byte[] input) {
        CimXmlRequest req;
        try {
            req = CimXmlDecoder.decode(input);
        } catch (CimXmlDecoder.BadRequest e) {
            if (e.status != 400 && e.status != 501 || e.cimError == null || e.cimError.isEmpty()) {
                throw new AssertionError("status " + e.status + ", CIMError " + e.cimError, e);
            }
            return;
        }
        for (Element p : req.params().values()) {
            parameter(p, req.namespace());
        }
        for (Element p : req.paramValues()) {
            parameter(p, req.namespace());
        }
    }

    private static void parameter(Element p, String namespace) {
        try {
            CimXmlDecoder.className(p);
        } catch (CimException expected) {
            // the documented fault
        }
        try {
            CimXmlDecoder.bool(p, false);
        } catch (CimException expected) {
            // the documented fault
        }
        CimXmlDecoder.propertyList(p);
        for (Element c : org.xenwbem.cim.xml.SafeXml.children(p)) {
            try {
                CimXmlDecoder.instanceName(c, namespace);
            } catch (CimException expected) {
                // the documented fault
            }
        }
    }
}
