package dev.attest.internal.security;

/**
 * What Attest's security components know about the request the calling thread serves, shared by the portable
 * {@link SecurityFilter} and a server adapter's handler around authentication, so that each event is recorded
 * once. Begun by the first of them to see the request and ended by it: nothing is left on a pooled thread.
 */
public final class RequestState {

    private static final ThreadLocal<RequestState> CURRENT = new ThreadLocal<>();

    /**
     * The request attribute holding the state a server adapter began without binding it to the thread (its hook
     * runs in two calls, before authentication and after the response): the filter binds it while it runs.
     */
    public static final String ATTRIBUTE = RequestState.class.getName();

    private boolean logoutRecorded;
    private boolean denialRecorded;
    private boolean errorRecorded;
    private boolean reachedApplication;
    private boolean monitored;
    private String loginUser;
    private String loginMechanism;

    private RequestState() {
    }

    /** Starts the state of a request on this thread; the caller must {@link #end()} it. */
    public static RequestState begin() {
        RequestState state = new RequestState();
        CURRENT.set(state);
        return state;
    }

    /** A state bound to no thread, for {@link #ATTRIBUTE}. */
    public static RequestState detached() {
        return new RequestState();
    }

    /** Binds {@code state} (from {@link #ATTRIBUTE}) to this thread; the caller must {@link #end()} it. */
    static RequestState bind(RequestState state) {
        CURRENT.set(state);
        return state;
    }

    public static void end() {
        CURRENT.remove();
    }

    /** The state of the request being served on this thread, {@code null} outside a request. */
    public static RequestState current() {
        return CURRENT.get();
    }

    /** A logout of this request was recorded: a session invalidated by it is no second logout. */
    public boolean logoutRecorded() {
        return logoutRecorded;
    }

    void logoutRecorded(boolean recorded) {
        logoutRecorded = recorded;
    }

    /** A denial of this request was recorded: its 403 response is no second denial. */
    public boolean denialRecorded() {
        return denialRecorded;
    }

    void denialRecorded(boolean recorded) {
        denialRecorded = recorded;
    }

    /** The exception that ended this request was recorded (as a denial or {@code system.error}). */
    public boolean errorRecorded() {
        return errorRecorded;
    }

    void errorRecorded(boolean recorded) {
        errorRecorded = recorded;
    }

    /** The container authenticated the request (or let it through unauthenticated) and the application ran. */
    public boolean reachedApplication() {
        return reachedApplication;
    }

    void reachedApplication(boolean reached) {
        reachedApplication = reached;
    }

    /** The security monitor inspected this request: whoever saw it first did, and times it. */
    public boolean monitored() {
        return monitored;
    }

    public void monitored(boolean inspected) {
        monitored = inspected;
    }

    /** The user whose login was recorded in this request, with its mechanism: kept on a session created later. */
    String loginUser() {
        return loginUser;
    }

    String loginMechanism() {
        return loginMechanism;
    }

    void login(String user, String mechanism) {
        loginUser = user;
        loginMechanism = mechanism;
    }
}
