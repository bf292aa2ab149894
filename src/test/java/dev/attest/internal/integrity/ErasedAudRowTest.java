package dev.attest.internal.integrity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ErasedAudRowTest {

    private static final byte[] SALT = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private static Map<String, String> row(String id, String customer, String amount) {
        Map<String, String> row = new HashMap<>();
        row.put("id", id);
        row.put("rev", "5");
        row.put("revtype", "0");
        row.put("customer", customer);
        row.put("amount", amount);
        return row;
    }

    @Test
    void anEmptiedRowDigestsAsSealedAndTheOtherRowsOfItsTableKeepTheirKeys() {
        Map<String, String> erased = row("7", "Henry", "12.50");
        Map<String, String> kept = row("8", "Kept", "1");
        String erasedDigest = Preimages.audDigest("invoice_aud", erased, SALT);
        String keptDigest = Preimages.audDigest("invoice_aud", kept, SALT);

        ErasedRow.Builder builder = ErasedRow.under(SALT);
        for (String column : new String[] {"id", "customer", "amount"}) {
            builder.kept("invoice_aud", column);
        }
        builder.erasedAud("invoice_aud", Map.of("id", "7"), Map.of("customer", "Henry", "amount", "12.50"));
        ErasedRow stored = ErasedRow.parse(builder.build().json());
        Preimages.Committer committer = stored.committer();

        assertEquals(erasedDigest, Preimages.audDigest("invoice_aud", row("7", null, null), committer));
        assertEquals(keptDigest, Preimages.audDigest("invoice_aud", kept, committer));
        assertEquals(1, stored.audRows());
        // a value written back by hand, or a kept value changed, no longer digests as sealed
        assertNotEquals(erasedDigest, Preimages.audDigest("invoice_aud", row("7", "Henry", null), committer));
        assertNotEquals(keptDigest, Preimages.audDigest("invoice_aud", row("8", "Other", "1"), committer));
        // erased again, without the salt: the column keys kept make the same commitments
        ErasedRow again = stored.rebuild().erasedAud("invoice_aud", Map.of("id", "8"), Map.of("customer", "Kept")).build();
        assertEquals(keptDigest, Preimages.audDigest("invoice_aud", row("8", null, "1"), again.committer()));
        assertEquals(erasedDigest, Preimages.audDigest("invoice_aud", row("7", null, null), again.committer()));
    }
}
