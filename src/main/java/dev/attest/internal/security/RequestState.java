package dev.attest.internal.security;

/** What Attest's security handler knows about the request the calling thread serves. */
final class RequestState {

    private static final ThreadLocal<RequestState> CURRENT = new ThreadLocal<>();

    /** A logout of this request was recorded: a session invalidated by it is no second logout. */
    boolean logoutRecorded;
    /** A denial of this request was recorded: its 403 response is no second denial. */
    boolean denialRecorded;
    /** The container authenticated the request (or let it through unauthenticated) and the application ran. */
    boolean reachedApplication;
    /** The user whose login was recorded in this request, with its mechanism: kept on a session created later. */
    String loginUser;
    String loginMechanism;

    static RequestState begin() {
        RequestState state = new RequestState();
        CURRENT.set(state);
        return state;
    }

    static void end() {
        CURRENT.remove();
    }

    /** The state of the request being served on this thread, {@code null} outside a request. */
    static RequestState current() {
        return CURRENT.get();
    }
}
