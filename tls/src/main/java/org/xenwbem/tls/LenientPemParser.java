package org.xenwbem.tls;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectParser;

/**
 * A {@link PEMParser} that steps over block types it has no parser for instead of failing, so
 * files such as xapi-ssl.pem, which may carry a {@code DH PARAMETERS} block next to the key and
 * certificate, still load. Skipped types are remembered for diagnostics.
 */
final class LenientPemParser extends PEMParser {
    private final List<String> skippedTypes = new ArrayList<>();

    LenientPemParser(Reader reader) {
        super(reader);
    }

    /** The next object Bouncy Castle understands, or null at the end of the input. */
    @Override
    public Object readObject() throws IOException {
        for (PemObject block = readPemObject(); block != null; block = readPemObject()) {
            Object parser = parsers.get(block.getType());
            if (parser instanceof PemObjectParser known) {
                return known.parseObject(block);
            }
            skippedTypes.add(block.getType());
        }
        return null;
    }

    /** Types of the blocks stepped over so far, in file order. */
    List<String> skippedTypes() {
        return List.copyOf(skippedTypes);
    }
}
