package io.nodeward.scan;

import java.util.List;

/** Joins IDs into a value of bounded length, for annotation values and condition messages. */
public final class BoundedList {

    private BoundedList() {
    }

    /**
     * Joins {@code ids} with commas; when that is longer than {@code maxLength}, keeps as many
     * leading IDs as fit and ends with {@code …+N}, N being how many were left out, e.g.
     * {@code 4.2.1,4.2.4,…+12}; when not even {@code …+N} fits, just {@code …} (or nothing for a
     * limit of zero). The result is never longer than {@code maxLength}.
     */
    public static String join(List<String> ids, int maxLength) {
        String all = String.join(",", ids);
        if (all.length() <= maxLength) {
            return all;
        }
        if ("…+".length() + digits(ids.size()) > maxLength) {
            return maxLength > 0 ? "…" : "";
        }
        String kept = "";
        int keptCount = 0;
        for (int count = 1; count < ids.size(); count++) {
            String prefix = String.join(",", ids.subList(0, count));
            if (prefix.length() + ",…+".length() + digits(ids.size() - count) > maxLength) {
                break;
            }
            kept = prefix + ",";
            keptCount = count;
        }
        return kept + "…+" + (ids.size() - keptCount);
    }

    private static int digits(int n) {
        return Integer.toString(n).length();
    }
}
