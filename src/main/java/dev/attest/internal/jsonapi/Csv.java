package dev.attest.internal.jsonapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * CSV cells (RFC 4180, every cell quoted) that a spreadsheet never runs as a formula: a cell starting with
 * {@code = + - @}, TAB or CR gets a leading apostrophe.
 */
final class Csv {

    private Csv() {
    }

    static void row(Writer out, Map<String, Object> row, List<String> columns) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(row.get(columns.get(i))));
        }
        out.write("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text;
        if (value instanceof JsonNode node) {
            try {
                text = Json.MAPPER.writeValueAsString(node);
            } catch (JsonProcessingException e) {
                text = node.toString();
            }
        } else {
            text = value.toString();
        }
        if (!text.isEmpty() && !(value instanceof Number) && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
