package dev.attest.internal.store;

import dev.attest.Category;
import dev.attest.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The durable local journal: one append-only file of events waiting to be written to the store, one JSON
 * line per entry, forced to disk before {@link #append} returns. A written entry is followed by a
 * {@code done} line; when nothing is pending the file is emptied. A line cut by a crash (never acknowledged)
 * is dropped when the file is opened. Entries hold the event as it would be stored: already redacted.
 */
public final class Journal {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event waiting in the journal, with the key that makes its insert idempotent. */
    public record Entry(String key, boolean delayed, EventRow row) {
    }

    private final Path file;
    private final long maxBytes;
    private final Map<String, Entry> pending = new LinkedHashMap<>();
    // RandomAccessFile, not FileChannel: an interrupted thread (the transaction reaper interrupts the threads
    // of the transactions it cancels) closes an interruptible channel for every later caller
    private RandomAccessFile channel;
    private long size;

    /** Opens (or creates) {@code file}, reading the entries it still holds. */
    public Journal(Path file, long maxBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the directory's own permissions protect it
                }
            }
            channel = new RandomAccessFile(file.toFile(), "rw");
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("the audit journal " + file + " cannot be opened: " + e.getMessage(), e);
        }
    }

    private void load() throws IOException {
        byte[] all = Files.readAllBytes(file);
        int complete = 0;
        for (int start = 0, end; (end = indexOf(all, start)) >= 0; start = end + 1) {
            String line = new String(all, start, end - start, StandardCharsets.UTF_8);
            complete = end + 1;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            if (node.has("done")) {
                pending.remove(node.get("done").asText());
            } else {
                Entry entry = new Entry(node.get("key").asText(), node.path("delayed").asBoolean(), row(node.get("row")));
                pending.put(entry.key(), entry);
            }
        }
        // a last line without its newline was cut by a crash before it was acknowledged
        channel.setLength(complete);
        size = complete;
        channel.seek(size);
        if (pending.isEmpty() && size > 0) {
            empty();
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Appends {@code row} and forces it to disk; returns its entry, or {@code null} when the journal is full
     * (the caller raises the alarm).
     */
    public synchronized Entry append(EventRow row, boolean delayed) {
        Entry entry = new Entry(UUID.randomUUID().toString(), delayed, row);
        ObjectNode node = JSON.createObjectNode();
        node.put("key", entry.key());
        node.put("delayed", delayed);
        node.set("row", json(row));
        byte[] line = (node + "\n").getBytes(StandardCharsets.UTF_8);
        if (size + line.length > maxBytes) {
            compact();
            if (size + line.length > maxBytes) {
                return null;
            }
        }
        write(line, true);
        pending.put(entry.key(), entry);
        return entry;
    }

    /** Marks an entry as written to the store; the file is emptied when nothing is pending any more. */
    public synchronized void done(String key) {
        if (pending.remove(key) == null) {
            return;
        }
        if (pending.isEmpty()) {
            empty();
        } else {
            // no force: a lost done line only makes the idempotent insert run once more
            write(("{\"done\":\"" + key + "\"}\n").getBytes(StandardCharsets.UTF_8), false);
        }
    }

    /** The entries not yet written to the store, oldest first. */
    public synchronized List<Entry> pending() {
        return new ArrayList<>(pending.values());
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    public synchronized boolean isEmpty() {
        return pending.isEmpty();
    }

    /** The bytes the file holds now. */
    public synchronized long size() {
        return size;
    }

    public Path file() {
        return file;
    }

    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing on undeployment; the file keeps what it holds
        }
    }

    private void write(byte[] bytes, boolean force) {
        try {
            channel.write(bytes);
            if (force) {
                channel.getFD().sync();
            }
            size += bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException("the audit journal " + file + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** Rewrites the file with the pending entries only, dropping the written ones and their done lines. */
    private void compact() {
        try {
            Path fresh = file.resolveSibling(file.getFileName() + ".compact");
            StringBuilder lines = new StringBuilder();
            for (Entry entry : pending.values()) {
                ObjectNode node = JSON.createObjectNode();
                node.put("key", entry.key());
                node.put("delayed", entry.delayed());
                node.set("row", json(entry.row()));
                lines.append(node).append('\n');
            }
            byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length >= size) {
                return;
            }
            try (FileOutputStream out = new FileOutputStream(fresh.toFile())) {
                out.write(bytes);
                out.getFD().sync();
            }
            channel.close();
            Files.move(fresh, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            channel = new RandomAccessFile(file.toFile(), "rw");
            size = bytes.length;
            channel.seek(size);
        } catch (IOException e) {
            throw new UncheckedIOException("the audit journal " + file + " cannot be compacted: " + e.getMessage(), e);
        }
    }

    private void empty() {
        try {
            channel.setLength(0);
            channel.seek(0);
            channel.getFD().sync();
            size = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("the audit journal " + file + " cannot be emptied: " + e.getMessage(), e);
        }
    }

    static ObjectNode json(EventRow row) {
        ObjectNode node = JSON.createObjectNode();
        node.put("occurredAt", row.occurredAt().toString());
        node.put("category", row.category().name());
        node.put("action", row.action());
        node.put("outcome", row.outcome().name());
        node.put("actorType", row.actorType());
        node.put("actorId", row.actorId());
        node.put("onBehalfOfType", row.onBehalfOfType());
        node.put("onBehalfOfId", row.onBehalfOfId());
        node.put("targetType", row.targetType());
        node.put("targetId", row.targetId());
        node.put("reason", row.reason());
        node.put("clientAddress", row.clientAddress());
        node.put("userAgent", row.userAgent());
        node.put("httpMethod", row.httpMethod());
        node.put("httpPath", row.httpPath());
        node.put("requestId", row.requestId());
        node.put("correlationId", row.correlationId());
        node.put("durationMillis", row.durationMillis());
        node.put("details", row.details());
        node.put("errorType", row.errorType());
        node.put("errorMessage", row.errorMessage());
        node.put("replacesId", row.replacesId());
        return node;
    }

    static EventRow row(JsonNode node) {
        return new EventRow(Instant.parse(node.get("occurredAt").asText()), Category.valueOf(node.get("category").asText()),
                text(node, "action"), Outcome.valueOf(node.get("outcome").asText()), text(node, "actorType"),
                text(node, "actorId"), text(node, "onBehalfOfType"), text(node, "onBehalfOfId"), text(node, "targetType"),
                text(node, "targetId"), text(node, "reason"), text(node, "clientAddress"), text(node, "userAgent"),
                text(node, "httpMethod"), text(node, "httpPath"), text(node, "requestId"), text(node, "correlationId"),
                node.hasNonNull("durationMillis") ? node.get("durationMillis").asLong() : null, text(node, "details"),
                text(node, "errorType"), text(node, "errorMessage"),
                node.hasNonNull("replacesId") ? node.get("replacesId").asLong() : null);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
