package dev.attest;

import java.util.List;

/**
 * What an erasure of {@code subject} changes (a dry run) or changed: how many events, revisions and Envers
 * {@code _AUD} rows, which columns ({@code table.column}), and the holds that refuse it (empty when it may go ahead).
 */
public record ErasurePlan(DataSubject subject, long events, long revisions, long audRows, List<String> columns,
                          List<Long> blockingHolds, boolean erased) {
}
