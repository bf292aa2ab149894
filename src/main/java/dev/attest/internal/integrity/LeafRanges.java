package dev.attest.internal.integrity;

import java.util.List;
import java.util.function.LongConsumer;

/** Sets of leaf indexes written as sorted ranges, {@code 0-99,105,107-200}, as retention leaves name them. */
public final class LeafRanges {

    private LeafRanges() {
    }

    /** The ranges of ascending {@code sorted} indexes. */
    public static String format(List<Long> sorted) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(sorted.get(i));
            if (j > i) {
                out.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return out.toString();
    }

    /** Each index of {@code ranges}, in order. */
    public static void forEach(String ranges, LongConsumer index) {
        if (ranges == null || ranges.isEmpty()) {
            return;
        }
        for (String part : ranges.split(",")) {
            int dash = part.indexOf('-');
            long from = Long.parseLong(dash < 0 ? part : part.substring(0, dash));
            long to = dash < 0 ? from : Long.parseLong(part.substring(dash + 1));
            for (long i = from; i <= to; i++) {
                index.accept(i);
            }
        }
    }
}
