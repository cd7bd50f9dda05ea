package org.hrdd.generate;

/** Hashing and identifier formats. */
final class Ids {
    private Ids() {}

    static final String B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base 32

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long mix(long seed, long a, long b) {
        return mix(mix(mix(seed ^ 0x9E3779B97F4A7C15L) + a * 0xD1B54A32D192ED03L) + b * 0x9E3779B97F4A7C15L);
    }

    /** n base-32 characters of a 64-bit hash. */
    static String b32(long h, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = B32.charAt((int) (h & 31));
            h >>>= 5;
        }
        return new String(c);
    }

    static String digits(long h, int n) {
        h = h & Long.MAX_VALUE;
        char[] c = new char[n];
        for (int i = n - 1; i >= 0; i--) {
            c[i] = (char) ('0' + (h % 10));
            h /= 10;
        }
        return new String(c);
    }

    /**
     * Open Supply Hub style OS ID: country + YYYYDDD + 5 base-32 characters + a check character.
     * The check character is our own (weighted sum over the base-36 values, mod 32); Open Supply
     * Hub does not publish its algorithm.
     */
    static String osId(String country, int year, int dayOfYear, long h) {
        String body = country + year + String.format(java.util.Locale.ROOT, "%03d", dayOfYear) + b32(h, 5);
        return body + osCheck(body);
    }

    static char osCheck(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) sum += (i + 1) * Character.digit(body.charAt(i), 36);
        return B32.charAt(sum % 32);
    }
}
