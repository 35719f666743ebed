package io.nodeward.host;

/**
 * Levenshtein distance with a cut-off, for "did you mean" suggestions: only the diagonal band of
 * width {@code 2 * limit + 1} is computed, and the walk stops as soon as every cell of a row is over
 * the limit, so comparing a key with a few hundred candidates stays cheap whatever the user typed.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /**
     * The candidate closest to {@code word}, if one is close enough to be a likely typo: at most a
     * quarter of the word's length, and at least 2, edits away (the rule {@link KeySpace#nearest}
     * follows); ties go to the earlier candidate.
     */
    public static java.util.Optional<String> nearest(String word, Iterable<String> candidates) {
        int worst = Math.max(2, word.length() / 4);
        String best = null;
        int bestDistance = worst + 1;
        for (String candidate : candidates) {
            int distance = atMost(word, candidate, bestDistance - 1);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    /** The edit distance between {@code a} and {@code b} if it is at most {@code limit}, else {@code limit + 1}. */
    static int atMost(String a, String b, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be at least 0, not " + limit);
        }
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > limit) {
            return limit + 1;
        }
        int over = limit + 1;
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j <= limit ? j : over;
        }
        for (int i = 1; i <= n; i++) {
            int from = Math.max(1, i - limit);
            int to = Math.min(m, i + limit);
            current[0] = i <= limit ? i : over;
            if (from > 1) {
                current[from - 1] = over;
            }
            int rowMin = current[0];
            for (int j = from; j <= to; j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                int delete = previous[j] + 1;
                int insert = current[j - 1] + 1;
                int cell = Math.min(over, Math.min(substitute, Math.min(delete, insert)));
                current[j] = cell;
                rowMin = Math.min(rowMin, cell);
            }
            if (to < m) {
                current[to + 1] = over;
            }
            if (rowMin > limit) {
                return over;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return Math.min(previous[m], over);
    }
}
