package org.xenwbem.provider.wsman;

/**
 * UTF-8 bytes of a character sequence, without the String a {@code toString().getBytes(UTF_8)} would
 * copy it into first, into an array from {@link PageBuffers} (half a megabyte per page of a large
 * enumeration, allocated and dropped for each page otherwise). Unpaired surrogates become {@code '?'},
 * as {@link String#getBytes} writes them.
 */
final class Utf8 {
    private Utf8() {
    }

    /**
     * The first {@code length} bytes of {@code bytes}; {@code pooled}: the array came from the pool and
     * goes back there; {@code latin1}: every character encoded was U+0000..U+00FF.
     */
    record Encoded(byte[] bytes, int length, boolean pooled, boolean latin1) {
        /** Bytes of an array of their own, exactly. */
        static Encoded of(byte[] bytes) {
            return new Encoded(bytes, bytes.length, false, false);
        }
    }

    static Encoded encode(CharSequence s, PageBuffers pool) {
        int n = s.length();
        long size = 0;
        boolean latin1 = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                size++;
            } else {
                latin1 &= c <= 0xFF;
                if (c < 0x800) {
                    size += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    size += 4;
                    i++;
                } else {
                    size += Character.isSurrogate(c) ? 1 : 3;
                }
            }
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("a response of " + size + " octets");
        }
        PageBuffers.Bytes b = pool.takeBytes((int) size);
        write(s, b.array());
        return new Encoded(b.array(), (int) size, b.pooled(), latin1);
    }

    private static void write(CharSequence s, byte[] out) {
        int n = s.length();
        int o = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xC0 | c >> 6);
                out[o++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[o++] = (byte) (0xF0 | cp >> 18);
                out[o++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[o++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[o++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                out[o++] = '?';
            } else {
                out[o++] = (byte) (0xE0 | c >> 12);
                out[o++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[o++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }
}
