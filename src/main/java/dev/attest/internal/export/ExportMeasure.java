package dev.attest.internal.export;

import dev.attest.AuditRecord;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * Measures what an {@code @AuditAction(category = EXPORT)} method returned, for the details of its event:
 * {@code records} from a collection, a map or an array, {@code bytes} from a {@code byte[]}, a {@link File} or
 * a {@link Path} (whose extension also gives the {@code format}). A returned stream or iterator is not counted:
 * counting would consume it before the caller does, so its event has no {@code records} (and says
 * {@code "counted": false}).
 */
public final class ExportMeasure {

    private ExportMeasure() {
    }

    /** Adds {@code records}, {@code bytes} and {@code format} to {@code record} as far as {@code result} tells. */
    public static void describe(Object result, AuditRecord record) {
        if (result == null) {
            record.detail("records", 0);
            return;
        }
        if (result instanceof byte[] bytes) {
            record.detail("bytes", (long) bytes.length);
        } else if (result instanceof Collection<?> collection) {
            record.detail("records", (long) collection.size());
        } else if (result instanceof Map<?, ?> map) {
            record.detail("records", (long) map.size());
        } else if (result.getClass().isArray()) {
            record.detail("records", (long) Array.getLength(result));
        } else if (result instanceof File file) {
            file(file.toPath(), record);
        } else if (result instanceof Path path) {
            file(path, record);
        } else if (result instanceof java.util.stream.BaseStream<?, ?> || result instanceof java.util.Iterator<?>) {
            record.detail("counted", false);
        } else if (result instanceof CharSequence text) {
            record.detail("chars", (long) text.length());
        }
    }

    private static void file(Path path, AuditRecord record) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && dot < name.length() - 1) {
            record.detail("format", name.substring(dot + 1).toLowerCase(Locale.ROOT));
        }
        try {
            record.detail("bytes", Files.size(path));
        } catch (IOException | SecurityException unreadable) {
            record.detail("bytes", null);
        }
    }
}
