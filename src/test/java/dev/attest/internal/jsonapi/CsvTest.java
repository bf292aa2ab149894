package dev.attest.internal.jsonapi;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTest {

    @Test
    void cellsThatASpreadsheetWouldRunAreTurnedIntoText() {
        assertEquals("\"'=SUM(A1:A2)\"", Csv.cell("=SUM(A1:A2)"));
        assertEquals("\"'+1\"", Csv.cell("+1"));
        assertEquals("\"'-2+3\"", Csv.cell("-2+3"));
        assertEquals("\"'@cmd\"", Csv.cell("@cmd"));
        assertEquals("\"'\tx\"", Csv.cell("\tx"));
        assertEquals("\"'\rx\"", Csv.cell("\rx"));
    }

    @Test
    void numbersStayNumbersAndQuotesAreDoubled() {
        assertEquals("\"-5\"", Csv.cell(-5L));
        assertEquals("\"say \"\"hi\"\"\"", Csv.cell("say \"hi\""));
        assertEquals("", Csv.cell(null));
    }

    @Test
    void aRowHasOneQuotedCellPerColumnAndEndsWithCrLf() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 7L);
        row.put("action", "a,b");
        StringWriter out = new StringWriter();
        Csv.row(out, row, List.of("id", "action", "missing"));
        assertEquals("\"7\",\"a,b\",\r\n", out.toString());
    }
}
