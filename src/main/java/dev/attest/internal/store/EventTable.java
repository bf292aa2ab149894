package dev.attest.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The insert of one event row: plain JDBC on the connection of the current transaction. */
final class EventTable {

    private static final String INSERT = "insert into attest_event (occurred_at, category, action, outcome, "
            + "actor_type, actor_id, on_behalf_of_type, on_behalf_of_id, target_type, target_id, reason, client_address, user_agent, http_method, "
            + "http_path, request_id, correlation_id, duration_ms, details, error_type, error_message, event_key, replaces_id) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String KEY_EXISTS = "select count(*) from attest_event where event_key = ?";

    private static final String SAVEPOINT = "attest_event_write";

    private EventTable() {
    }

    /**
     * Inserts behind a savepoint, so that a failed insert does not doom the business transaction (PostgreSQL
     * aborts a transaction at its first failed statement), and returns the row's id. Plain SQL, because a
     * managed connection refuses {@link Connection#rollback(java.sql.Savepoint)} inside a JTA transaction.
     */
    static long insertBehindSavepoint(Connection connection, EventRow row) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("savepoint " + SAVEPOINT);
            long id;
            try {
                id = insert(connection, row);
            } catch (SQLException e) {
                statement.execute("rollback to savepoint " + SAVEPOINT);
                statement.execute("release savepoint " + SAVEPOINT);
                throw e;
            }
            // an open savepoint is a subtransaction until the end of the transaction: PostgreSQL keeps 64 per
            // transaction in its cache, and every session pays for the overflow
            statement.execute("release savepoint " + SAVEPOINT);
            return id;
        }
    }

    /** Inserts the row and returns its id, or -1 when the driver does not tell. */
    static long insert(Connection connection, EventRow row) throws SQLException {
        return insert(connection, row, null);
    }

    /**
     * Inserts a journaled row unless a row with its key is already stored: the journal may hand the same
     * entry over twice when the process died between the insert and the journal's note that it was written.
     */
    static void insertOnce(Connection connection, EventRow row, String key) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement(KEY_EXISTS)) {
            exists.setString(1, key);
            try (var result = exists.executeQuery()) {
                result.next();
                if (result.getLong(1) > 0) {
                    return;
                }
            }
        }
        insert(connection, row, key);
    }

    private static long insert(Connection connection, EventRow row, String key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"})) {
            insert.setObject(1, OffsetDateTime.ofInstant(row.occurredAt(), ZoneOffset.UTC));
            insert.setString(2, row.category().name());
            insert.setString(3, row.action());
            insert.setString(4, row.outcome().name());
            insert.setString(5, row.actorType());
            insert.setString(6, row.actorId());
            insert.setString(7, row.onBehalfOfType());
            insert.setString(8, row.onBehalfOfId());
            insert.setString(9, row.targetType());
            insert.setString(10, row.targetId());
            insert.setString(11, row.reason());
            insert.setString(12, row.clientAddress());
            insert.setString(13, row.userAgent());
            insert.setString(14, row.httpMethod());
            insert.setString(15, row.httpPath());
            insert.setString(16, row.requestId());
            insert.setString(17, row.correlationId());
            if (row.durationMillis() == null) {
                insert.setNull(18, Types.BIGINT);
            } else {
                insert.setLong(18, row.durationMillis());
            }
            insert.setString(19, row.details());
            insert.setString(20, row.errorType());
            insert.setString(21, row.errorMessage());
            insert.setString(22, key);
            if (row.replacesId() == null) {
                insert.setNull(23, Types.BIGINT);
            } else {
                insert.setLong(23, row.replacesId());
            }
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : -1;
            }
        }
    }
}
