package dev.attest.internal.store;

import org.hibernate.boot.model.relational.AuxiliaryDatabaseObject;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.H2Dialect;
import org.hibernate.dialect.PostgreSQLDialect;

import java.util.List;

/**
 * The indexes of {@code attest_event} on columns that almost every row leaves empty: {@code on_behalf_of_id} (set
 * only when a caller runs an {@code @AuditActor} bean) and {@code event_key} (set only for events written from the
 * journal, and unique). On PostgreSQL they are partial indexes of the rows that have a value, so the insert of
 * an ordinary event does not touch them; elsewhere they are plain indexes. The other indexes are declared on
 * {@link AuditEventEntity}.
 */
public final class EventIndexes {

    /**
     * One index.
     *
     * @param name the index name
     * @param unique whether it is a unique index
     * @param columns the indexed columns
     * @param filledColumn the column that is empty in most rows: a PostgreSQL index holds only the rows where it is set
     */
    record Definition(String name, boolean unique, String columns, String filledColumn) {

        String create(boolean partial, boolean ifNotExists) {
            return "create " + (unique ? "unique " : "") + "index " + (ifNotExists ? "if not exists " : "") + name
                    + " on attest_event (" + columns + ")" + (partial ? " where " + filledColumn + " is not null" : "");
        }
    }

    static final List<Definition> DEFINITIONS = List.of(
            new Definition("attest_event_on_behalf_of", false, "on_behalf_of_id, occurred_at, id", "on_behalf_of_id"),
            new Definition("attest_event_key", true, "event_key", "event_key"));

    private EventIndexes() {
    }

    /** The statements that create these indexes on PostgreSQL ({@code postgresql}) or another database. */
    public static List<String> createStatements(boolean postgresql) {
        return DEFINITIONS.stream().map(index -> index.create(postgresql, true)).toList();
    }

    /** The indexes as Hibernate's schema generation creates them, after the tables, for the dialect at hand. */
    public static List<AuxiliaryDatabaseObject> schemaObjects() {
        return DEFINITIONS.stream().<AuxiliaryDatabaseObject>map(SchemaIndex::new).toList();
    }

    /** One index for Hibernate's schema generation. */
    private static final class SchemaIndex implements AuxiliaryDatabaseObject {

        private static final long serialVersionUID = 1L;

        private final Definition index;

        SchemaIndex(Definition index) {
            this.index = index;
        }

        @Override
        public String getExportIdentifier() {
            return "attest_event." + index.name();
        }

        @Override
        public boolean appliesToDialect(Dialect dialect) {
            return true;
        }

        @Override
        public boolean beforeTablesOnCreation() {
            return false;
        }

        @Override
        public String[] sqlCreateStrings(SqlStringGenerationContext context) {
            Dialect target = context.getDialect();
            boolean postgresql = target instanceof PostgreSQLDialect;
            return new String[] {index.create(postgresql, postgresql || target instanceof H2Dialect)};
        }

        @Override
        public String[] sqlDropStrings(SqlStringGenerationContext context) {
            // dropping the table drops its indexes
            return new String[0];
        }
    }
}
