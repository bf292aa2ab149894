package dev.attest;

/** The person whose personal values an erasure removes: a user id, or the id of an entity (a patient, a customer). */
public record DataSubject(String userId, String entityType, String entityId) {

    /** The user {@code id}: the events and revisions where they are the actor or the one acted on behalf of. */
    public static DataSubject user(String id) {
        return new DataSubject(id, null, null);
    }

    /** The entity {@code type} {@code id}: the events whose target it is. */
    public static DataSubject entity(String type, String id) {
        return new DataSubject(null, type, id);
    }
}
